// `make bench`: release-build timings of the hot paths, reported in ns per item.
benchCSV()
benchTerminal()
benchIndicators()
benchOptions()
benchBacktest()
benchCharts()
benchData()
benchPaper()
