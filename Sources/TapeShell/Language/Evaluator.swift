import Foundation
import TapeCore

/// Evaluates expressions against a workspace, with one dataset as the context that bare
/// column names (`close`) refer to.
public struct Evaluator {
    public let workspace: Workspace
    public let functions: FunctionTable
    /// The dataset bare names refer to; nil when none is loaded.
    public var dataset: Dataset?
    var bindingDepth = 0
    /// The heights of the binding trees being evaluated, summed. Evaluation recurses once
    /// per level, and each tree may be `Parser.maxDepth` deep, so a chain of bindings
    /// built on bindings could overflow the stack long before 64 of them.
    var bindingHeight = 0
    static let maxBindingHeight = 1_000

    public init(workspace: Workspace, functions: FunctionTable, dataset: Dataset? = nil) {
        self.workspace = workspace
        self.functions = functions
        self.dataset = dataset ?? workspace.current
    }

    public func evaluate(_ e: Expr) throws -> Value {
        switch e {
        case .number(let v, let unit, let span):
            switch unit {
            case nil: return .number(v)
            case .percent?: return .number(v / 100)
            case .basisPoints?: return .number(v / 10_000)
            case let u?:
                guard v >= 0 else { throw TapeError("a duration cannot be negative", span: span) }
                return .duration(v, u)
            }
        case .string(let s, _): return .string(s)
        case .date(let d, _): return .date(d)
        case .word(let w, let span):
            throw TapeError("'\(w)' is not a value here", span: span, hint: "numbers take units %, bp, d, w, m, y (e.g. 30d)")
        case .name(let n, let span): return try name(n, span)
        case .member(let base, let m, let span): return try member(base, m, span)
        case .call(let target, let name, let args, let span): return try call(target, name, args, span)
        case .unary(let op, let x, let span): return try unary(op, try evaluate(x), span)
        case .binary(let op, let l, let r, let span):
            return try binary(op, try evaluate(l), try evaluate(r), span, l.span, r.span)
        case .range(let a, let b, let step, let span): return try range(a, b, step, span)
        }
    }

    // MARK: names

    func name(_ n: String, _ span: Span) throws -> Value {
        let lower = n.lowercased()
        if let bound = workspace.bindings[lower] {
            guard bindingDepth < 64 else { throw TapeError("'\(n)' refers to itself", span: span) }
            var inner = self
            inner.bindingDepth += 1
            inner.bindingHeight += bound.height
            guard inner.bindingHeight <= Evaluator.maxBindingHeight else {
                throw TapeError("bindings nest more than \(Evaluator.maxBindingHeight) levels deep at '\(n)'", span: span,
                                hint: "build it from fewer, flatter bindings")
            }
            do { return try inner.evaluate(bound) } catch var err as TapeError {
                // The fault is inside the binding's own text: say so instead of pointing
                // at an unrelated column of this line.
                err.message = "in '\(n)': \(err.message)"
                err.span = span
                throw err
            }
        }
        switch lower {
        case "true": return .bool(true)
        case "false": return .bool(false)
        case "nan": return .number(.nan)
        case "pi": return .number(Double.pi)
        default: break
        }
        if let d = dataset, let col = d.column(lower) { return .series(col) }
        if dataset == nil, ["open", "high", "low", "close", "volume", "adj_close"].contains(lower) {
            throw TapeError("no dataset is loaded, so '\(n)' has no values", span: span, hint: "try: load SPY")
        }
        if workspace.dataset(n) != nil {
            throw TapeError("'\(n)' is a dataset, not a series", span: span, hint: "write \(n).close, or `use \(n)`")
        }
        if functions.lookup(lower) != nil {
            throw TapeError("'\(n)' is a function: call it with arguments", span: span, hint: "see: help \(lower)")
        }
        throw TapeError("unknown name '\(n)'", span: span, hint: Suggest.hint(n, in: knownNames()))
    }

    public func knownNames() -> [String] {
        var names = Array(workspace.bindings.keys) + functions.names + workspace.datasetOrder
        if let d = dataset { names += d.bars.columnNames }
        return names
    }

    func member(_ base: Expr, _ m: String, _ span: Span) throws -> Value {
        if case .name(let n, let nspan) = base, workspace.bindings[n.lowercased()] == nil,
           dataset?.column(n) == nil || workspace.dataset(n) != nil,
           let other = workspace.dataset(n) {
            guard let col = other.column(m) else {
                throw TapeError("dataset \(other.name) has no column '\(m)'", span: span,
                                hint: Suggest.hint(m, in: other.bars.columnNames) ?? "columns: \(other.bars.columnNames.joined(separator: ", "))")
            }
            _ = nspan
            return .series(alignToContext(col))
        }
        let v = try evaluate(base)
        guard case .multi(let multi) = v else {
            throw TapeError("\(v.typeName) has no output '\(m)'", span: span)
        }
        guard let out = multi.output(m) else {
            throw TapeError("\(multi.name) has no output '\(m)'", span: span,
                            hint: Suggest.hint(m, in: multi.names) ?? "outputs: \(multi.names.joined(separator: ", "))")
        }
        return .series(out)
    }

    func alignToContext(_ s: Series) -> Series {
        guard let d = dataset else { return s }
        return Align.series(s, to: d.axis)
    }

    // MARK: calls

    func call(_ target: Expr?, _ name: String, _ args: [CallArgument], _ span: Span) throws -> Value {
        if let target {
            // `QQQ.rsi(close, 14)`: evaluate in QQQ's context, then line up with ours.
            guard case .name(let n, let ts) = target, let other = workspace.dataset(n) else {
                throw TapeError("only a dataset can be the target of '.\(name)(...)'", span: target.span)
            }
            _ = ts
            var inner = self
            inner.dataset = other
            let v = try inner.call(nil, name, args, span)
            switch v {
            case .series(let s): return .series(alignToContext(s))
            case .multi(var m):
                guard let d = dataset else { return v }
                m.columns = m.columns.map { Align.values($0, from: m.axis, to: d.axis) }
                m.axis = d.axis
                return .multi(m)
            default: return v
            }
        }
        guard let fn = functions.lookup(name) else {
            throw TapeError("unknown function '\(name)'", span: span.startSpan(name.unicodeScalars.count),
                            hint: Suggest.hint(name, in: functions.names))
        }
        var evaluated: [FunctionCall.Arg] = []
        for a in args {
            if fn.namesArguments, case .name(let n, _) = a.value {
                evaluated.append(FunctionCall.Arg(label: a.label, value: .string(n), span: a.value.span))
                continue
            }
            evaluated.append(FunctionCall.Arg(label: a.label, value: try evaluate(a.value), span: a.value.span))
        }
        let fc = FunctionCall(name: name, span: span, args: evaluated, evaluator: self)
        do {
            return try fn.eval(fc)
        } catch let e as TapeError {
            throw e.span == nil ? TapeError(e.message, span: span, hint: e.hint) : e
        } catch {
            throw TapeError(String(describing: error), span: span)
        }
    }

    // MARK: operators

    func unary(_ op: String, _ v: Value, _ span: Span) throws -> Value {
        switch (op, v) {
        case ("-", .number(let x)): return .number(-x)
        case ("-", .series(var s)): s.values = s.values.map { -$0 }; s.name = "-\(s.name)"; return .series(s)
        case ("not", .bool(let b)): return .bool(!b)
        case ("not", .series(var s)):
            s.values = s.values.map { truth($0) ? 0 : 1 }
            s.name = "not \(s.name)"
            return .series(s)
        case ("not", .number(let x)): return .bool(!truth(x))
        default: throw TapeError("cannot apply '\(op)' to \(v.typeName)", span: span)
        }
    }

    func truth(_ x: Double) -> Bool { !x.isNaN && x != 0 }

    func binary(_ op: String, _ l: Value, _ r: Value, _ span: Span, _ ls: Span, _ rs: Span) throws -> Value {
        switch (l, r) {
        case (.number(let a), .number(let b)):
            return try scalar(op, a, b, span)
        case (.bool(let a), .bool(let b)):
            switch op {
            case "and": return .bool(a && b)
            case "or": return .bool(a || b)
            case "==": return .bool(a == b)
            case "!=": return .bool(a != b)
            default: break
            }
        case (.bool(let a), .number(let b)), (.number(let b), .bool(let a)):
            if op == "and" { return .bool(a && truth(b)) }
            if op == "or" { return .bool(a || truth(b)) }
        case (.date(let a), .date(let b)):
            if let c = compare(op, Double(a), Double(b)) { return .bool(c) }
            if op == "-" { return .duration(Double(a - b) / 86_400, .days) }
        case (.string(let a), .string(let b)):
            if op == "==" { return .bool(a == b) }
            if op == "!=" { return .bool(a != b) }
            if op == "+" { return .string(a + b) }
        default: break
        }
        if let ls1 = seriesLike(l), let rs1 = seriesLike(r) {
            return .series(try vector(op, ls1, rs1, span))
        }
        if let sl = seriesLike(l), let b = scalarLike(r) {
            return .series(try vector(op, sl, Series(axis: sl.axis, values: [Double](repeating: b, count: sl.values.count), name: Format.number(b)), span))
        }
        if let a = scalarLike(l), let sr = seriesLike(r) {
            return .series(try vector(op, Series(axis: sr.axis, values: [Double](repeating: a, count: sr.values.count), name: Format.number(a)), sr, span))
        }
        let bad = seriesLike(l) == nil && scalarLike(l) == nil ? (l, ls) : (r, rs)
        throw TapeError("cannot use \(bad.0.typeName) with '\(op)'", span: bad.1)
    }

    func seriesLike(_ v: Value) -> Series? {
        if case .series(let s) = v { return s }
        return nil
    }

    func scalarLike(_ v: Value) -> Double? {
        switch v {
        case .number(let x): return x
        case .bool(let b): return b ? 1 : 0
        default: return nil
        }
    }

    func compare(_ op: String, _ a: Double, _ b: Double) -> Bool? {
        switch op {
        case "==": return a == b
        case "!=": return a != b
        case "<": return a < b
        case "<=": return a <= b
        case ">": return a > b
        case ">=": return a >= b
        default: return nil
        }
    }

    func scalar(_ op: String, _ a: Double, _ b: Double, _ span: Span) throws -> Value {
        if let c = compare(op, a, b) { return .bool(c) }
        switch op {
        case "+": return .number(a + b)
        case "-": return .number(a - b)
        case "*": return .number(a * b)
        case "/": return .number(a / b)
        case "^": return .number(Foundation.pow(a, b))
        case "and": return .bool(truth(a) && truth(b))
        case "or": return .bool(truth(a) || truth(b))
        default: throw TapeError("unknown operator '\(op)'", span: span)
        }
    }

    /// Element-wise operation; the right side is lined up with the left's time axis.
    /// Comparisons and logic give 1 or 0 (a comparison with NaN is false), so signals
    /// never carry NaN.
    func vector(_ op: String, _ l: Series, _ r0: Series, _ span: Span) throws -> Series {
        let r = Align.series(r0, to: l.axis)
        let a = l.values, b = r.values
        let n = min(a.count, b.count)
        var out = [Double](repeating: .nan, count: a.count)
        func each(_ f: (Double, Double) -> Double) { for i in 0..<n { out[i] = f(a[i], b[i]) } }
        switch op {
        case "+": each(+)
        case "-": each(-)
        case "*": each(*)
        case "/": each(/)
        case "^": each { Foundation.pow($0, $1) }
        case "==": each { $0 == $1 ? 1 : 0 }
        case "!=": each { ($0.isNaN || $1.isNaN) ? 0 : ($0 != $1 ? 1 : 0) }
        case "<": each { $0 < $1 ? 1 : 0 }
        case "<=": each { $0 <= $1 ? 1 : 0 }
        case ">": each { $0 > $1 ? 1 : 0 }
        case ">=": each { $0 >= $1 ? 1 : 0 }
        case "and": each { (truth($0) && truth($1)) ? 1 : 0 }
        case "or": each { (truth($0) || truth($1)) ? 1 : 0 }
        default: throw TapeError("unknown operator '\(op)'", span: span)
        }
        if ["==", "!=", "<", "<=", ">", ">=", "and", "or"].contains(op) {
            for i in n..<a.count { out[i] = 0 }
        }
        return Series(axis: l.axis, values: out, name: "\(l.name) \(op) \(r.name)")
    }

    // MARK: ranges

    func range(_ a: Expr, _ b: Expr, _ step: Expr?, _ span: Span) throws -> Value {
        let lo = try evaluate(a), hi = try evaluate(b)
        switch (lo, hi) {
        case (.date(let x), .date(let y)):
            guard x <= y else { throw TapeError("date range runs backwards", span: span) }
            if let step { throw TapeError("a date range takes no step", span: step.span) }
            return .dateRange(from: x, to: y)
        case (.number(let x), .number(let y)):
            var s = 1.0
            if let step {
                guard case .number(let v) = try evaluate(step), v > 0, v.isFinite else {
                    throw TapeError("step must be a positive number", span: step.span)
                }
                s = v
            }
            guard x <= y else { throw TapeError("range \(Format.number(x))..\(Format.number(y)) runs backwards", span: span) }
            guard (y - x) / s <= 1_000_000 else { throw TapeError("range has more than a million values", span: span) }
            return .numberRange(from: x, to: y, step: s)
        default:
            throw TapeError("a range needs two numbers or two dates, got \(lo.typeName) and \(hi.typeName)", span: span)
        }
    }
}

extension Span {
    /// The first `length` scalars of this span (the function name of a call).
    func startSpan(_ length: Int) -> Span { Span(start, min(end, start + length)) }
}
