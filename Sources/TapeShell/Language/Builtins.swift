import Foundation
import TapeCore

/// Series functions of the language itself (indicators come from the catalogue).
enum Builtins {
    static var all: [FunctionSpec] {
        [
            lagged("shift", "shift(x, n=1)", "x moved n bars later (the value n bars ago)") { v, i, n in v[i - n] },
            lagged("diff", "diff(x, n=1)", "x minus its value n bars ago") { v, i, n in v[i] - v[i - n] },
            lagged("pct", "pct(x, n=1)", "simple return over n bars: x / x[n bars ago] - 1") { v, i, n in v[i] / v[i - n] - 1 },
            FunctionSpec(name: "cross", usage: "cross(a, b)",
                         summary: "1 on the bar where a crosses above b (a[i-1] < b[i-1] and a[i] > b[i]), else 0",
                         group: "Signal") { c in
                try c.check(labels: [], maxPositional: 2)
                let a = try c.series(0, "a")
                let b = try seriesOrNumber(c, 1, on: a)
                // The rule the built-in crossover strategies trade on, from TapeCore.
                let out = Signals.crossAbove(a.values, b).map { $0 ? 1.0 : 0 }
                return .series(Series(axis: a.axis, values: out, name: "cross"))
            },
            map("abs", "absolute value") { Swift.abs($0) },
            map("log", "natural logarithm") { Foundation.log($0) },
            map("exp", "e to the power x") { Foundation.exp($0) },
            map("sqrt", "square root") { $0.squareRoot() },
            FunctionSpec(name: "cumsum", usage: "cumsum(x)", summary: "running total of x (NaN counts as 0)", group: "Math") { c in
                try c.check(labels: [], maxPositional: 1)
                let s = try c.series(0)
                var total = 0.0
                let out = s.values.map { v -> Double in if !v.isNaN { total += v }; return total }
                return .series(Series(axis: s.axis, values: out, name: "cumsum(\(s.name))"))
            },
            reduce("last", "the last non-NaN value of x") { $0.last { !$0.isNaN } ?? .nan },
            reduce("first", "the first non-NaN value of x") { $0.first { !$0.isNaN } ?? .nan },
            reduce("count", "how many values of x are not NaN") { Double($0.lazy.filter { !$0.isNaN }.count) },
            reduce("total", "the sum of the non-NaN values of x (e.g. how many bars a signal fired)") { $0.reduce(0) { $1.isNaN ? $0 : $0 + $1 } },
        ]
    }

    /// The second argument of a two-series function, which may also be a constant.
    static func seriesOrNumber(_ c: FunctionCall, _ i: Int, on a: Series) throws -> [Double] {
        let pos = c.positional
        guard i < pos.count else { throw TapeError("\(c.name): missing argument \(i + 1)", span: c.span) }
        switch pos[i].value {
        case .series(let s): return Align.values(s.values, from: s.axis, to: a.axis)
        case .number(let x): return [Double](repeating: x, count: a.values.count)
        default: throw TapeError("\(c.name): argument \(i + 1) must be a series or a number, got \(pos[i].value.typeName)", span: pos[i].span)
        }
    }

    static func lagged(_ name: String, _ usage: String, _ summary: String,
                       _ f: @escaping ([Double], Int, Int) -> Double) -> FunctionSpec {
        FunctionSpec(name: name, usage: usage, summary: summary, group: "Series") { c in
            try c.check(labels: ["n"], maxPositional: 2)
            let s = try c.series(0)
            let nd = try c.number(1, label: "n", default: 1)
            guard nd == nd.rounded(), nd >= 0, nd <= 1_000_000 else {
                throw TapeError("\(name): n must be a whole number from 0 to 1000000, got \(Format.number(nd))", span: c.span)
            }
            let n = Int(nd)
            var out = [Double](repeating: .nan, count: s.values.count)
            if n < s.values.count { for i in n..<s.values.count { out[i] = f(s.values, i, n) } }
            return .series(Series(axis: s.axis, values: out, name: "\(name)(\(s.name), \(n))"))
        }
    }

    static func map(_ name: String, _ summary: String, _ f: @escaping (Double) -> Double) -> FunctionSpec {
        FunctionSpec(name: name, usage: "\(name)(x)", summary: summary, group: "Math") { c in
            try c.check(labels: [], maxPositional: 1)
            if let a = c.positional.first, case .number(let x) = a.value { return .number(f(x)) }
            let s = try c.series(0)
            return .series(Series(axis: s.axis, values: s.values.map(f), name: "\(name)(\(s.name))"))
        }
    }

    static func reduce(_ name: String, _ summary: String, _ f: @escaping ([Double]) -> Double) -> FunctionSpec {
        FunctionSpec(name: name, usage: "\(name)(x)", summary: summary, group: "Reduce") { c in
            try c.check(labels: [], maxPositional: 1)
            return .number(f(try c.series(0).values))
        }
    }
}
