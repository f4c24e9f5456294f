// `make bench`: release-build timings of the hot paths, reported in ns per item.
benchCSV()
benchTerminal()
benchIndicators()
benchOptions()
print("tape-bench: no benchmarks yet")
benchBacktest()
benchCharts()
benchData()
