import TapeCore

/// A function of the language: declared once, with the usage and help that `help`
/// prints and Tab completion offers.
public struct FunctionSpec {
    public let name: String
    public let usage: String
    public let summary: String
    public let group: String
    public let eval: (FunctionCall) throws -> Value
    /// A bare name as an argument reaches the function as a string, not evaluated: the
    /// name of something that is not a value (`sentiment(news)` names a headline set).
    public let namesArguments: Bool

    public init(name: String, usage: String, summary: String, group: String, namesArguments: Bool = false,
                eval: @escaping (FunctionCall) throws -> Value) {
        self.name = name
        self.usage = usage
        self.summary = summary
        self.group = group
        self.namesArguments = namesArguments
        self.eval = eval
    }
}

/// One table of every function: the language built-ins plus the indicator catalogue.
public final class FunctionTable {
    private var byName: [String: FunctionSpec] = [:]
    public private(set) var names: [String] = []

    public init(_ specs: [FunctionSpec]) {
        for s in specs { add(s) }
    }

    public func add(_ s: FunctionSpec) {
        if byName[s.name] == nil { names.append(s.name) }
        byName[s.name] = s
    }

    public func lookup(_ name: String) -> FunctionSpec? { byName[name.lowercased()] }
    public var all: [FunctionSpec] { names.compactMap { byName[$0] } }

    public static func standard() -> FunctionTable {
        FunctionTable(Builtins.all + IndicatorFunctions.all + RegimeFunctions.all + [SentimentFunction.spec])
    }
}

/// The evaluated arguments of one call, with accessors that turn a wrong argument into a
/// message naming the function and the parameter.
public struct FunctionCall {
    public struct Arg {
        public var label: String?
        public var value: Value
        public var span: Span
    }

    public let name: String
    public let span: Span
    public let args: [Arg]
    public let evaluator: Evaluator

    public var positional: [Arg] { args.filter { $0.label == nil } }
    public func labelled(_ l: String) -> Arg? { args.first { $0.label == l } }

    /// The i-th positional argument as a series.
    public func series(_ i: Int, _ what: String = "series") throws -> Series {
        let pos = positional
        guard i < pos.count else {
            throw TapeError("\(name): missing argument \(i + 1) (\(what))", span: span)
        }
        guard case .series(let s) = pos[i].value else {
            throw TapeError("\(name): argument \(i + 1) must be a series, got \(pos[i].value.typeName)", span: pos[i].span)
        }
        return s
    }

    /// A number given by position or by label, or the default.
    public func number(_ i: Int, label: String, default d: Double? = nil) throws -> Double {
        let pos = positional
        let arg = labelled(label) ?? (i < pos.count ? pos[i] : nil)
        guard let arg else {
            if let d { return d }
            throw TapeError("\(name): missing \(label)", span: span)
        }
        switch arg.value {
        case .number(let x): return x
        case .bool(let b): return b ? 1 : 0
        default: throw TapeError("\(name): \(label) must be a number, got \(arg.value.typeName)", span: arg.span)
        }
    }

    /// Rejects labels the function does not take and surplus positional arguments.
    public func check(labels allowed: [String], maxPositional: Int) throws {
        for a in args {
            if let l = a.label, !allowed.contains(l) {
                throw TapeError("\(name) has no parameter '\(l)'", span: a.span, hint: Suggest.hint(l, in: allowed) ?? "parameters: \(allowed.joined(separator: ", "))")
            }
        }
        let pos = positional
        if pos.count > maxPositional {
            throw TapeError("\(name) takes at most \(maxPositional) arguments, got \(pos.count)", span: pos[maxPositional].span)
        }
    }

    public var dataset: Dataset? { evaluator.dataset }
}
