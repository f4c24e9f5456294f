import Foundation
import TapeCore
import TapeData

/// Loading, listing, inspecting and exporting datasets.
enum DataCommands {
    static var all: [CommandSpec] { [load, datasets, use, drop, show, describe, export] }

    static let load = CommandSpec(
        name: "load", usage: "load SYMBOL [from SOURCE] [FROM..TO]",
        summary: "load a dataset: embedded sample data, a CSV file, or another source",
        details: """
        load SPY                          embedded sample (\(SampleData.names.joined(separator: ", ")))
        load AAPL from "data/aapl.csv"    a CSV file (Yahoo, Stooq or date,open,high,low,close,volume)
        load "data/aapl.csv"              the same, named after the file
        load SPY 2010-01-01..2012-12-31   only the bars in a date range
        load SPY from store               the SQLite store (see: save, symbols, set store)
        load SPY from alpaca 2020-01-01..2024-12-31   Alpaca market data (APCA_API_KEY_ID, APCA_API_SECRET_KEY)
        load X from "https://host/x.csv"  a CSV over HTTP(S), cached by content hash for replay
        load X from "s3://bucket/x.csv"   an S3-compatible store (AWS_* variables, docs/DATA.md)
        load universe NAME from "folder"  every CSV in a folder (or s3:// prefix, or store) as a universe for scan
        The loaded dataset becomes the current one (see: use, datasets).
        """,
        effect: .changesState, keys: ["from"], maxPositional: 2
    ) { c in
        guard let first = c.positionals.first else {
            throw TapeError("load needs a symbol", span: c.span, hint: "usage: load SYMBOL [from \"file.csv\"]")
        }
        if first.word?.lowercased() == "universe", c.positionals.count == 2, case .name = c.positionals[1] {
            return try StoreCommands.loadUniverse(c)   // load universe NAME from "folder"
        }
        var range: (Int64, Int64)?
        for e in c.positionals.dropFirst() {
            guard case .dateRange(let a, let b) = try c.evaluate(e) else {
                throw TapeError("expected a date range such as 2020-01-01..2020-12-31", span: e.span)
            }
            range = (a, b)
        }
        var symbol = try c.word(first, "a symbol")
        var from = c.option("from")
        if from == nil, case .string(let path, let span) = first {
            // `load "data/aapl.csv"`: the file names the dataset.
            symbol = datasetName(fromFile: path)
            from = .string(path, span)
        }
        guard isValidName(symbol) else {
            throw TapeError("'\(symbol)' cannot name a dataset: use letters, digits and _ (e.g. load AAPL from \"file.csv\")", span: first.span)
        }
        var dataset: Dataset
        if let from {
            guard let source = LoadSources.all.first(where: { $0.matches(from) }) else {
                let others = LoadSources.all.map(\.name).filter { $0 != "file" }
                throw TapeError("cannot load from \(c.invocation.text(of: from))", span: from.span,
                                hint: "sources: a file path in quotes" + (others.isEmpty ? "" : ", " + others.joined(separator: ", ")))
            }
            dataset = try source.load(c, symbol, from, range)
        } else {
            guard let bars = try SampleData.bars(symbol) else {
                throw TapeError("no embedded sample named '\(symbol)'", span: first.span,
                                hint: (Suggest.nearest(symbol, in: SampleData.names).map { "did you mean '\($0)'? " } ?? "")
                                    + "samples: \(SampleData.names.joined(separator: ", ")); for a file: load \(symbol) from \"file.csv\"")
            }
            let info = SampleData.info(symbol)
            dataset = Dataset(name: symbol.uppercased(), bars: bars, source: "embedded sample" + (info.map { " (\($0.title))" } ?? ""))
        }
        if let (a, b) = range {
            let sliced = dataset.bars.slice(from: a, to: b)
            guard !sliced.isEmpty else {
                throw TapeError("no bars of \(dataset.name) fall in \(CivilTime.format(a))..\(CivilTime.format(b)) (data covers \(dataset.range))", span: c.span)
            }
            dataset = Dataset(name: dataset.name, bars: sliced, source: dataset.source)
        }
        c.workspace.add(dataset)
        c.print("\(dataset.name): \(dataset.bars.count) bars \(dataset.range) (\(dataset.source))")
    }

    /// `data/brk-b 2020.csv` -> `brk_b_2020`: a file's stem made into a name the
    /// language can refer to.
    static func datasetName(fromFile path: String) -> String {
        let stem = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        var out = String(stem.unicodeScalars.map { ($0.properties.isAlphabetic || ("0"..."9").contains($0)) ? Character($0) : "_" })
        if let f = out.unicodeScalars.first, ("0"..."9").contains(f) { out = "_" + out }
        return out.isEmpty ? "DATA" : out
    }

    static func isValidName(_ s: String) -> Bool {
        guard let f = s.unicodeScalars.first, !("0"..."9").contains(f) else { return false }
        return s.unicodeScalars.allSatisfy { ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_") }
    }

    static let datasets = CommandSpec(
        name: "datasets", usage: "datasets", summary: "list the loaded datasets (* marks the current one)",
        effect: .query, maxPositional: 0
    ) { c in
        guard !c.workspace.datasetOrder.isEmpty else {
            c.print("no datasets loaded (embedded samples: \(SampleData.names.joined(separator: ", ")))")
            return
        }
        var t = TextTable(["", "name", "bars", "range", "source"])
        for key in c.workspace.datasetOrder {
            guard let d = c.workspace.datasets[key] else { continue }
            t.add([key == c.workspace.currentName ? "*" : "", d.name, String(d.bars.count), d.range, d.source])
        }
        c.print(table: t)
    }

    static let use = CommandSpec(
        name: "use", usage: "use NAME", summary: "make a loaded dataset the current one (bare names like close refer to it)",
        effect: .changesState, maxPositional: 1
    ) { c in
        let d = try c.dataset(named: c.positionals.first ?? { throw TapeError("use needs a dataset name", span: c.span) }())
        c.workspace.currentName = d.name.uppercased()
    }

    static let drop = CommandSpec(
        name: "drop", usage: "drop NAME", summary: "forget a loaded dataset", effect: .changesState, maxPositional: 1
    ) { c in
        guard let e = c.positionals.first else { throw TapeError("drop needs a dataset name", span: c.span) }
        let d = try c.dataset(named: e)
        c.workspace.remove(d.name)
    }

    static let show = CommandSpec(
        name: "show", usage: "show [head|tail N] [EXPR, ...]",
        summary: "print rows of the current dataset, or of expressions beside its dates",
        details: "show                  the last 10 rows\nshow head 5           the first 5 rows\nshow tail 3 close, rsi(close, 14)",
        effect: .query
    ) { c in
        let d = try c.dataset(named: nil)
        var exprs = c.positionals
        var fromHead = false
        var count = 10
        if let first = exprs.first, let w = first.word?.lowercased(), w == "head" || w == "tail",
           d.column(w) == nil, c.workspace.bindings[w] == nil {
            fromHead = w == "head"
            exprs.removeFirst()
            if let n = exprs.first, case .number = n, case .number(let x) = try c.evaluate(n) {
                guard x >= 0, x == x.rounded(), x <= 1_000_000 else { throw TapeError("row count must be a whole number", span: n.span) }
                count = Int(x)
                exprs.removeFirst()
            }
        }
        var names: [String] = []
        var columns: [[Double]] = []
        if exprs.isEmpty {
            for n in d.bars.columnNames { names.append(n); columns.append(d.bars.column(n) ?? []) }
        } else {
            for e in exprs {
                let (ns, cols) = try columnsOf(c.evaluate(e, in: d), label: c.invocation.text(of: e), on: d, span: e.span)
                names += ns
                columns += cols
            }
        }
        let n = d.bars.count
        let rows = fromHead ? 0..<min(count, n) : max(0, n - count)..<n
        var t = TextTable(["date"] + names)
        for i in rows { t.add([CivilTime.format(d.bars.time[i])] + columns.map { i < $0.count ? Format.number($0[i]) : "" }) }
        c.print(table: t)
    }

    /// Columns of a value on a dataset's dates: a series gives one, a multi-output
    /// function one per output (`bbands(...)` -> upper, middle, lower), a number a constant.
    static func columnsOf(_ v: Value, label: String, on d: Dataset, span: Span) throws -> ([String], [[Double]]) {
        switch v {
        case .series(let s): return ([label], [Align.values(s.values, from: s.axis, to: d.axis)])
        case .multi(let m):
            return (m.names.map { "\(label).\($0)" }, m.columns.map { Align.values($0, from: m.axis, to: d.axis) })
        case .number(let x): return ([label], [[Double](repeating: x, count: d.bars.count)])
        case .bool(let b): return ([label], [[Double](repeating: b ? 1 : 0, count: d.bars.count)])
        default: throw TapeError("cannot show \(v.typeName) as a column", span: span)
        }
    }

    static let describe = CommandSpec(
        name: "describe", usage: "describe [NAME]",
        summary: "rows, date range, per-column statistics and daily-return statistics of a dataset",
        effect: .query, maxPositional: 1
    ) { c in
        let d = try c.dataset(named: c.positionals.first)
        for line in Describe.lines(d) { c.print(line) }
    }

    static let export = CommandSpec(
        name: "export", usage: "export EXPR [as NAME], ... to \"file.csv\"  |  export " + Exporters.all.map(\.name).joined(separator: "|") + " to FILE",
        summary: "write series (a date column, then one column per expression) or a result to a file",
        details: """
        export close, sma(close, 20) as sma20 to "out.csv"
        Values are written at round-trip precision; NaN is an empty cell; a function with
        several outputs writes one column per output (bbands(...).upper, .middle, .lower).
        """ + Exporters.all.map { "\nexport \($0.name) to \"\($0.example)\"   \($0.summary)" }.joined(),
        effect: .query, keys: ["to", "as"]
    ) { c in
        guard let toExpr = c.option("to") else {
            throw TapeError("export needs a destination", span: c.span, hint: "e.g. export close to \"out.csv\"")
        }
        let path = try c.word(toExpr, "a file name in quotes")
        if let first = c.positionals.first, c.positionals.count == 1, case .name(let n, _) = first,
           let exporter = Exporters.all.first(where: { $0.name == n.lowercased() }),
           c.workspace.bindings[n.lowercased()] == nil, c.workspace.current?.column(n) == nil {
            let text = try exporter.render(c, path)
            try write(text, to: path, span: toExpr.span, c)
            c.print("wrote \(path)")
            return
        }
        let d = try c.dataset(named: nil)
        var names: [String] = []
        var columns: [[Double]] = []
        var lastLabelIndex: Int?
        for item in c.invocation.items {
            switch item {
            case .positional(let e):
                let (ns, cols) = try columnsOf(c.evaluate(e, in: d), label: c.invocation.text(of: e), on: d, span: e.span)
                lastLabelIndex = names.count
                names += ns
                columns += cols
            case .option("as", let span, let v?):
                guard let idx = lastLabelIndex, let name = v.word else {
                    throw TapeError("'as' names the expression before it: export close as price to \"f.csv\"", span: span)
                }
                let count = names.count - idx
                for k in 0..<count {
                    let suffix = count > 1 ? names[idx + k].split(separator: ".").last.map { "." + $0 } ?? "" : ""
                    names[idx + k] = name + suffix
                }
                lastLabelIndex = nil
            default: break
            }
        }
        guard !names.isEmpty else { throw TapeError("export needs at least one expression", span: c.span) }
        let text = CSVWriter.write(times: d.bars.time, columns: zip(names, columns).map { (name: $0.0, values: $0.1) })
        try write(text, to: path, span: toExpr.span, c)
        c.print("wrote \(path): \(d.bars.count) rows, columns date, \(names.joined(separator: ", "))")
    }

    /// Writes a whole file at once through a temporary file and a rename, so an
    /// interrupted export never leaves half a file behind; where the session may write
    /// it (`Session.writablePath`: an untrusted file writes only under its own folder).
    /// Every command that writes a file comes through here.
    static func write(_ text: String, to path: String, span: Span, _ c: CommandContext) throws {
        let target = try c.session.writablePath(path, span: span)
        do {
            try AtomicFile.write(Data(text.utf8), to: target)
        } catch {
            throw TapeError("\(error)".replacingOccurrences(of: target, with: path), span: span)
        }
    }
}

/// A named result that `export NAME to FILE` writes (`stats`, `trades`, `equity`). Areas
/// add theirs to `Exporters.all`.
public struct ExporterSpec {
    public let name: String
    public let example: String
    public let summary: String
    public let render: (CommandContext, _ path: String) throws -> String
}


