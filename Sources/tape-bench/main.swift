// `make bench`: release-build timings of the hot paths, reported in ns per item.
// `tape-bench NAME...` runs only the named groups (e.g. `tape-bench backtest`).
// `tape-bench scale-step STEP ...` is one step of the scale group, run in a child process.
let groups: [(String, () -> Void)] = [
    ("csv", benchCSV), ("terminal", benchTerminal), ("indicators", benchIndicators), ("options", benchOptions),
    ("backtest", benchBacktest), ("sweep", benchSweep), ("charts", benchCharts), ("data", benchData), ("paper", benchPaper), ("scan", benchScan), ("live", benchLive),
    ("csv", benchCSV), ("terminal", benchTerminal), ("indicators", benchIndicators), ("catalogue", benchCatalogue), ("options", benchOptions),
    ("backtest", benchBacktest), ("sweep", benchSweep), ("charts", benchCharts), ("data", benchData), ("paper", benchPaper), ("scan", benchScan),
    ("scale", benchScale),
    ("models", benchModels),
    ("csv", benchCSV), ("terminal", benchTerminal), ("indicators", benchIndicators), ("options", benchOptions),
    ("backtest", benchBacktest), ("sweep", benchSweep), ("charts", benchCharts), ("data", benchData), ("paper", benchPaper), ("scan", benchScan), ("risk", benchRisk),
]
let wanted = Set(CommandLine.arguments.dropFirst())
if CommandLine.arguments.dropFirst().first == "scale-step" {
    scaleStep(Array(CommandLine.arguments.dropFirst(2)))
} else if let unknown = wanted.first(where: { w in !groups.contains { $0.0 == w } }) {
    print("tape-bench: no group '\(unknown)'; groups: \(groups.map(\.0).joined(separator: ", "))")
} else {
    for (name, run) in groups where wanted.isEmpty || wanted.contains(name) { run() }
}
