import Foundation
import TapeCore

/// `describe [NAME]`: what a dataset holds, in numbers a person checks first.
enum DescribeCommand: Command {
    static let spec = CommandSpec(
        name: "describe",
        summary: "rows, date range, per-column statistics and daily-return statistics of a dataset",
        effect: .query,
        arguments: [ArgumentSpec("NAME", .word, optional: true, help: "a loaded dataset (default: the current one)",
                                 completions: DataCommands.datasetNames)],
        run: run)

    static func run(_ c: CommandContext) throws {
        let d = try c.dataset(named: c.positionals.first)
        for line in lines(d) { c.print(line) }
    }

    static func lines(_ d: Dataset) -> [String] {
        let b = d.bars
        var out = ["\(d.name): \(b.count) bars, \(d.range)\(b.isIntraday ? " (intraday)" : ""), source: \(d.source)"]
        var t = TextTable(["column", "count", "mean", "std", "min", "max"])
        for name in b.columnNames {
            let s = Summary(b.column(name) ?? [])
            t.add([name, String(s.count), Format.number(s.mean.rounded(toSignificant: 8)), Format.number(s.std.rounded(toSignificant: 8)),
                   Format.number(s.min), Format.number(s.max)])
        }
        out += t.render()
        // Simple close-to-close returns, one per bar; annualised with 252 bars a year for
        // daily data (stated, since intraday bars would need another factor).
        var r: [Double] = []
        if b.count > 1 {
            r.reserveCapacity(b.count - 1)
            for i in 1..<b.count where b.close[i - 1] > 0 && !b.close[i].isNaN && !b.close[i - 1].isNaN {
                r.append(b.close[i] / b.close[i - 1] - 1)
            }
        }
        let s = Summary(r)
        let label = b.isIntraday ? "bar returns (close to close)" : "daily returns (close to close)"
        out.append("\(label): \(s.count)")
        guard s.count > 1 else { return out }
        var rt = TextTable(["statistic", "value"])
        rt.add(["mean", pct(s.mean)])
        rt.add(["std", pct(s.std)])
        if !b.isIntraday { rt.add(["volatility (ann., x sqrt 252)", pct(s.std * 252.0.squareRoot())]) }
        rt.add(["skew", Format.fixed(s.skew, 3)])
        rt.add(["excess kurtosis", Format.fixed(s.kurtosis, 3)])
        rt.add(["worst", pct(s.min)])
        rt.add(["best", pct(s.max)])
        rt.add(["up bars", pct(Double(r.filter { $0 > 0 }.count) / Double(s.count))])
        out += rt.render()
        return out
    }

    static func pct(_ x: Double) -> String { Format.fixed(x * 100, 3) + "%" }
}

/// Count, mean, sample standard deviation, skew and excess kurtosis of the non-NaN values.
struct Summary {
    var count = 0, mean = Double.nan, std = Double.nan, min = Double.nan, max = Double.nan
    var skew = Double.nan, kurtosis = Double.nan

    init(_ xs: [Double]) {
        let v = xs.filter { !$0.isNaN }
        count = v.count
        guard count > 0 else { return }
        mean = v.reduce(0, +) / Double(count)
        min = v.min() ?? .nan
        max = v.max() ?? .nan
        guard count > 1 else { return }
        var m2 = 0.0, m3 = 0.0, m4 = 0.0
        for x in v {
            let d = x - mean
            m2 += d * d; m3 += d * d * d; m4 += d * d * d * d
        }
        let n = Double(count)
        std = (m2 / (n - 1)).squareRoot()
        let pm2 = m2 / n
        if pm2 > 0 {
            skew = (m3 / n) / Foundation.pow(pm2, 1.5)
            kurtosis = (m4 / n) / (pm2 * pm2) - 3
        }
    }
}

extension Double {
    /// Rounds to a number of significant digits, so a mean printed from a long sum does
    /// not show the summation order's last-bit noise.
    func rounded(toSignificant digits: Int) -> Double {
        guard isFinite, self != 0 else { return self }
        let scale = Foundation.pow(10, Double(digits) - Foundation.ceil(Foundation.log10(Swift.abs(self))))
        return (self * scale).rounded() / scale
    }
}
