import TapeCore

/// What a command's run function gets: its arguments as written and as the dispatcher
/// converted them, the shell and its session, and helpers that evaluate free-form
/// arguments and turn a wrong one into an error pointing at it.
public struct CommandContext {
    public let shell: Shell
    public let invocation: CommandInvocation
    public let spec: CommandSpec
    /// Values converted and checked by the declaration's kinds, units and bounds.
    public let arguments: Arguments

    public init(shell: Shell, invocation: CommandInvocation, spec: CommandSpec, arguments: Arguments = Arguments()) {
        self.shell = shell
        self.invocation = invocation
        self.spec = spec
        self.arguments = arguments
    }

    public var workspace: Workspace { shell.workspace }
    /// The session: mode, seed, clock, terminal and the ledger, network and trust policies.
    public var session: Session { shell.session }
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

    // MARK: Converted values (declared options)

    /// A numeric option (number, count, money, rate), already converted and checked.
    public func value(_ key: String) -> Double? {
        if case .number(let x)? = arguments.options[key] { return x }
        return nil
    }

    /// A count option as an Int (its bounds keep it in range).
    public func int(_ key: String) -> Int? {
        guard let x = value(key), let n = Int(exactly: x) else { return nil }
        return n
    }

    /// The values of an option that accepts a range (`spot 80..120 step 5`), or its one value.
    public func values(_ key: String) -> [Double]? {
        switch arguments.options[key] {
        case .number(let x)?: return [x]
        case .numbers(let xs)?: return xs
        default: return nil
        }
    }

    /// A `priceOffset` option: its value, and whether it was written as a percentage.
    public func priceOffset(_ key: String) -> (value: Double, percent: Bool)? {
        if case .priceOffset(let x, let p)? = arguments.options[key] { return (x, p) }
        return nil
    }

    public func duration(_ key: String) -> DurationValue? {
        if case .duration(let d)? = arguments.options[key] { return d }
        return nil
    }

    public func date(_ key: String) -> Int64? {
        if case .date(let t)? = arguments.options[key] { return t }
        return nil
    }

    public func dateRange(_ key: String) -> (from: Int64, to: Int64)? {
        if case .dateRange(let a, let b)? = arguments.options[key] { return (a, b) }
        return nil
    }

    /// A choice (lower-cased), word, text or path option.
    public func text(_ key: String) -> String? {
        if case .word(let w)? = arguments.options[key] { return w }
        return nil
    }

    /// A required numeric option: the dispatcher has checked it is there.
    public func required(_ key: String) throws -> Double {
        guard let x = value(key) else {
            throw TapeError("\(spec.fullName) needs \(key)", span: span, hint: "usage: \(spec.usage)")
        }
        return x
    }

    /// The converted positional argument at `index`, if given.
    public func argument(_ index: Int) -> ArgumentValue? {
        index < arguments.positionals.count ? arguments.positionals[index] : nil
    }

    // MARK: Free-form values

    public func number(_ key: String, default d: Double? = nil) throws -> Double? {
        if let x = value(key) { return x }
        guard let e = option(key) else { return d }
        switch try evaluate(e) {
        case .number(let x): return x
        case let v: throw TapeError("\(key) must be a number, got \(v.typeName)", span: e.span)
        }
    }

    public func string(_ key: String) throws -> String? {
        if let w = text(key) { return w }
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
