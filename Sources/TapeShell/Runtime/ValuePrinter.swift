import TapeCore

/// How a bare expression's value is shown at the prompt: numbers as numbers, series as
/// their last rows with dates (a whole series would scroll away), plus a one-line summary.
public enum ValuePrinter {
    public static let tailRows = 5

    public static func lines(_ v: Value) -> [String] {
        switch v {
        case .number(let x): return [Format.number(x)]
        case .bool(let b): return [b ? "true" : "false"]
        case .string(let s): return [s]
        case .date(let d): return [CivilTime.format(d)]
        case .duration(let n, let u): return [Format.number(n) + u.rawValue]
        case .dateRange(let a, let b): return ["\(CivilTime.format(a))..\(CivilTime.format(b))"]
        case .numberRange(let a, let b, let s):
            let n = Value.expand(from: a, to: b, step: s).count
            return ["\(Format.number(a))..\(Format.number(b)) step \(Format.number(s)) (\(n) values)"]
        case .series(let s):
            return table(axis: s.axis, names: [s.name], columns: [s.values])
        case .multi(let m):
            return table(axis: m.axis, names: m.names.map { "\(m.name).\($0)" }, columns: m.columns)
        }
    }

    static func table(axis: TimeAxis, names: [String], columns: [[Double]]) -> [String] {
        let n = axis.time.count
        let valid = columns.first.map { $0.lazy.filter { !$0.isNaN }.count } ?? 0
        var t = TextTable(["date"] + names)
        for i in max(0, n - tailRows)..<n {
            t.add([CivilTime.format(axis.time[i])] + columns.map { i < $0.count ? Format.number($0[i]) : "" })
        }
        let range = n > 0 ? " \(CivilTime.format(axis.time[0]))..\(CivilTime.format(axis.time[n - 1]))" : ""
        return ["\(axis.name): \(n) bars\(range), \(valid) with values; last \(min(n, tailRows)):"] + t.render()
    }
}
