import TapeCore

/// Evaluates a `where` expression over parameter values: numbers, parameter names,
/// + - * /, comparisons, and/or/not. Separate from the series evaluator because it runs
/// on worker threads, once per trial, over plain numbers.
enum Constraint {
    static func evaluate(_ e: Expr, _ p: [String: Double]) throws -> Double {
        switch e {
        case .number(let v, nil, _): return v
        case .name(let n, let span):
            guard let v = p[n.lowercased()] else {
                throw TapeError("'\(n)' is not a parameter of this strategy", span: span, hint: Suggest.hint(n.lowercased(), in: Array(p.keys)))
            }
            return v
        case .unary(let op, let x, let span):
            let v = try evaluate(x, p)
            switch op {
            case "-": return -v
            case "not": return v == 0 ? 1 : 0
            default: throw TapeError("'\(op)' is not allowed in a constraint", span: span)
            }
        case .binary(let op, let l, let r, let span):
            let a = try evaluate(l, p), b = try evaluate(r, p)
            switch op {
            case "+": return a + b
            case "-": return a - b
            case "*": return a * b
            case "/": return a / b
            case "<": return a < b ? 1 : 0
            case "<=": return a <= b ? 1 : 0
            case ">": return a > b ? 1 : 0
            case ">=": return a >= b ? 1 : 0
            case "==": return a == b ? 1 : 0
            case "!=": return a != b ? 1 : 0
            case "and": return a != 0 && b != 0 ? 1 : 0
            case "or": return a != 0 || b != 0 ? 1 : 0
            default: throw TapeError("'\(op)' is not allowed in a constraint", span: span)
            }
        default:
            throw TapeError("a constraint compares parameters and numbers, e.g. fast < slow", span: e.span)
        }
    }
}
