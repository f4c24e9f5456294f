import TapeCore

/// What a command's run function gets: its arguments as written, the shell, and helpers
/// that evaluate arguments and turn a wrong one into an error pointing at it.
public struct CommandContext {
    public let shell: Shell
    public let invocation: CommandInvocation
    public let spec: CommandSpec

    public var workspace: Workspace { shell.workspace }
    public var span: Span { invocation.nameSpan }

    public var positionals: [Expr] {
        invocation.items.compactMap { if case .positional(let e) = $0 { return e }; return nil }
    }

    public func has(_ flag: String) -> Bool {
        invocation.items.contains { if case .option(flag, _, nil) = $0 { return true }; return false }
    }

    /// The expression given for an option key (the last one if repeated).
    public func option(_ key: String) -> Expr? {
        for item in invocation.items.reversed() {
            if case .option(key, _, let v?) = item { return v }
        }
        return nil
    }

    public func optionSpan(_ key: String) -> Span? {
        for item in invocation.items.reversed() {
            if case .option(key, let s, _) = item { return s }
        }
        return nil
    }

    public func print(_ line: String) { shell.output.line(line) }
    public func print(table: TextTable) { for l in table.render() { shell.output.line(l) } }

    public func evaluator(_ dataset: Dataset? = nil) -> Evaluator {
        Evaluator(workspace: shell.workspace, functions: shell.functions, dataset: dataset)
    }

    public func evaluate(_ e: Expr, in dataset: Dataset? = nil) throws -> Value {
        try evaluator(dataset).evaluate(e)
    }

    /// A bare word argument (`SPY`, `alpaca`, `"file.csv"`), or an error naming what was expected.
    public func word(_ e: Expr, _ what: String) throws -> String {
        guard let w = e.word else { throw TapeError("expected \(what)", span: e.span) }
        return w
    }

    public func number(_ key: String, default d: Double? = nil) throws -> Double? {
        guard let e = option(key) else { return d }
        switch try evaluate(e) {
        case .number(let x): return x
        case let v: throw TapeError("\(key) must be a number, got \(v.typeName)", span: e.span)
        }
    }

    public func string(_ key: String) throws -> String? {
        guard let e = option(key) else { return nil }
        if let w = e.word { return w }
        switch try evaluate(e) {
        case .string(let s): return s
        case let v: throw TapeError("\(key) must be a name or a quoted string, got \(v.typeName)", span: e.span)
        }
    }

    /// The dataset named by a positional word, or the current one.
    public func dataset(named e: Expr?) throws -> Dataset {
        if let e {
            let n = try word(e, "a dataset name")
            guard let d = workspace.dataset(n) else {
                throw TapeError("no dataset named '\(n)'", span: e.span,
                                hint: Suggest.hint(n, in: workspace.datasetOrder) ?? "load it first: load \(n)")
            }
            return d
        }
        guard let d = workspace.current else {
            throw TapeError("no dataset is loaded", span: span, hint: "try: load SPY")
        }
        return d
    }
}
