import TapeCore

/// `export stats|trades|equity to FILE`: the last backtest as JSON and CSV
/// (BacktestExport renders the text; `export` writes it).
enum BacktestExporters {
    static var all: [ExporterSpec] {
        [
            ExporterSpec(name: "stats", example: "stats.json", summary: "the last backtest's statistics and assumptions as JSON") { c, _ in
                let (r, s) = try BacktestRun.last(c)
                return BacktestExport.statsJSON(s, result: r)
            },
            ExporterSpec(name: "trades", example: "trades.csv", summary: "the last backtest's closed trades as CSV") { c, _ in
                BacktestExport.tradesCSV(try BacktestRun.last(c).0.trades)
            },
            ExporterSpec(name: "equity", example: "equity.csv", summary: "the last backtest's equity curve and drawdown as CSV") { c, _ in
                BacktestExport.equityCSV(try BacktestRun.last(c).0)
            },
        ]
    }
}
