import TapeCore
import TapeData

/// `scan`: one expression evaluated across every symbol of a universe, filtered and
/// ranked: the seed of cross-sectional research.
enum ScanCommand: Command {
    static let spec = CommandSpec(
        name: "scan", usage: "scan UNIVERSE [where EXPR] [rank by EXPR [ascending]] [top N] [at DATE]",
        summary: "evaluate expressions across every symbol of a loaded universe, filter and rank them",
        details: """
        load universe sp from "data/universe/"
        scan sp where close > sma(close, 200) rank by pct(close, 126) top 10
        scan sp where rsi(close, 14) < 30 rank by rsi(close, 14) ascending at 2016-06-30
        Each expression is evaluated over a symbol's whole history and read at its last bar
        (or the last bar on or before `at DATE`, so a past scan sees no later data). A
        symbol whose value is NaN there (too little history) is left out and counted.
        """,
        effect: .query,
        options: [.expression("where", "keep the symbols where this is true (not 0)", placeholder: "EXPR"),
                  .flag("rank", "sort by the expression after by (highest first)"),
                  .expression("by", "what rank sorts by, printed as a column", placeholder: "EXPR"),
                  .flag("ascending", "rank lowest first"),
                  .count("top", "print only the first N", bounds: .from(1, to: 100_000)),
                  .date("at", "read each symbol at its last bar on or before this date (default: its last bar)")],
        arguments: [ArgumentSpec("UNIVERSE", .word, help: "a universe of load universe",
                                 completions: { shell in shell.workspace.state { DataSourcesState() }.universes.values.map(\.name) })],
        run: run)

    static func run(_ c: CommandContext) throws {
        guard case .word(let name)? = c.argument(0), let first = c.positionals.first else {
            throw TapeError("scan needs a universe name", span: c.span, hint: "load one first: load universe NAME from \"folder/\"")
        }
        let sources = c.workspace.state { DataSourcesState() }
        guard let universe = sources.universes[name.lowercased()] else {
            throw TapeError("no universe named '\(name)'", span: first.span,
                            hint: Suggest.hint(name, in: Array(sources.universes.keys)) ?? "load one: load universe \(name) from \"folder/\"")
        }
        // Two options that make sense only together: no kind says that.
        if c.has("rank"), c.option("by") == nil {
            throw TapeError("rank needs 'by EXPR'", span: c.optionSpan("rank") ?? c.span, hint: "e.g. rank by pct(close, 126)")
        }
        let limit = c.int("top") ?? Int.max
        let asOf = c.date("at")
        let filter = c.option("where"), ranker = c.option("by")
        var rows: [(symbol: String, score: Double, close: Double, time: Int64)] = []
        var noValue = 0, filtered = 0
        for bars in universe.members {
            try Interrupts.check(c.span)
            let d = Dataset(name: bars.symbol, bars: bars, source: "universe \(universe.name)")
            guard let i = lastIndex(bars.time, onOrBefore: asOf) else { noValue += 1; continue }
            if let filter {
                let v = try value(of: filter, in: d, at: i, c)
                if v.isNaN { noValue += 1; continue }
                if v == 0 { filtered += 1; continue }
            }
            var score = Double.nan
            if let ranker {
                score = try value(of: ranker, in: d, at: i, c)
                if score.isNaN { noValue += 1; continue }
            }
            rows.append((bars.symbol, score, bars.close[i], bars.time[i]))
        }
        if ranker != nil {
            let ascending = c.has("ascending")
            rows.sort { ascending ? ($0.score, $0.symbol) < ($1.score, $1.symbol) : ($0.score > $1.score || ($0.score == $1.score && $0.symbol < $1.symbol)) }
        } else {
            rows.sort { $0.symbol < $1.symbol }
        }
        let rankLabel = ranker.map { c.invocation.text(of: $0) } ?? ""
        var t = TextTable(["#", "symbol", "date", "close"] + (ranker == nil ? [] : [rankLabel]))
        for (k, r) in rows.prefix(limit).enumerated() {
            t.add([String(k + 1), r.symbol, CivilTime.format(r.time), Format.number(r.close)] + (ranker == nil ? [] : [Format.number(r.score)]))
        }
        var summary = "\(universe.name): \(universe.members.count) symbols, \(rows.count) pass"
        if filtered > 0 { summary += ", \(filtered) filtered out" }
        if noValue > 0 { summary += ", \(noValue) without a value" }
        if !universe.failures.isEmpty { summary += ", \(universe.failures.count) files skipped when loaded" }
        c.print(summary + (rows.count > limit ? "; top \(limit):" : ":"))
        if !rows.isEmpty { c.print(table: t) }
    }

    /// The last bar at or before `date` (the last bar when nil).
    static func lastIndex(_ time: [Int64], onOrBefore date: Int64?) -> Int? {
        guard let date else { return time.isEmpty ? nil : time.count - 1 }
        var lo = 0, hi = time.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if time[mid] <= date { lo = mid + 1 } else { hi = mid }
        }
        return lo == 0 ? nil : lo - 1
    }

    /// An expression over one member's bars; its error names the member.
    static func evaluate(_ e: Expr, in d: Dataset, _ c: CommandContext) throws -> Value {
        do {
            return try c.evaluate(e, in: d)
        } catch var err as TapeError {
            err.message = "\(d.name): \(err.message)"
            throw err
        }
    }

    /// An expression's value for one symbol at bar `i`: a series is read there, a number
    /// or a truth value is taken as it is.
    static func value(of e: Expr, in d: Dataset, at i: Int, _ c: CommandContext) throws -> Double {
        let v = try evaluate(e, in: d, c)
        switch v {
        case .series(let s): return i < s.values.count ? s.values[i] : .nan
        case .multi(let m): throw TapeError("\(m.name) has several outputs: pick one, e.g. .\(m.names.first ?? "upper")", span: e.span)
        case .number(let x): return x
        case .bool(let b): return b ? 1 : 0
        default: throw TapeError("scan needs a number or a series, got \(v.typeName)", span: e.span)
        }
    }
}
