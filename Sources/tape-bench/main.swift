// `make bench`: release-build timings of the hot paths, reported in ns per item.
benchCSV()
benchTerminal()
benchPaper()
