/// Expressions over numbers and series.
public indirect enum Expr: Sendable {
    case number(Double, NumberUnit?, Span)
    case string(String, Span)
    case date(Int64, Span)
    case word(String, Span)
    case name(String, Span)
    /// `QQQ.close`, `bbands(close, 20).upper`
    case member(Expr, String, Span)
    /// `sma(close, 20)`; `QQQ.rsi(close)` has a target evaluated as a dataset context.
    case call(target: Expr?, name: String, args: [CallArgument], span: Span)
    case unary(String, Expr, Span)
    case binary(String, Expr, Expr, Span)
    /// `a..b [step s]`: dates or numbers
    case range(Expr, Expr, step: Expr?, Span)

    public var span: Span {
        switch self {
        case .number(_, _, let s), .string(_, let s), .date(_, let s), .word(_, let s), .name(_, let s),
             .member(_, _, let s), .unary(_, _, let s), .binary(_, _, _, let s), .range(_, _, _, let s):
            return s
        case .call(_, _, _, let s): return s
        }
    }

    /// Levels of the tree from this node down (a leaf is 1). The parser keeps it at most
    /// `Parser.maxDepth`, so this recursion is bounded too.
    public var height: Int {
        switch self {
        case .number, .string, .date, .word, .name: return 1
        case .member(let base, _, _): return base.height + 1
        case .call(let target, _, let args, _): return 1 + max(target?.height ?? 0, args.map(\.value.height).max() ?? 0)
        case .unary(_, let x, _): return x.height + 1
        case .binary(_, let l, let r, _): return 1 + max(l.height, r.height)
        case .range(let a, let b, let step, _): return 1 + max(a.height, b.height, step?.height ?? 0)
        }
    }

    /// The bare word this expression is, if it is one (`SPY`, `alpaca`, `"file.csv"`, `1Day`).
    public var word: String? {
        switch self {
        case .name(let n, _), .word(let n, _), .string(let n, _): return n
        default: return nil
        }
    }
}

public struct CallArgument: Sendable {
    public var label: String?
    public var value: Expr
}

/// One element of a command's argument list, in the order written.
public enum CommandItem: Sendable {
    /// `strike 105` or `strike=105`; `value` is nil for a flag such as `american`.
    case option(key: String, keySpan: Span, value: Expr?)
    case positional(Expr)
}

public struct CommandInvocation: Sendable {
    public var name: String
    public var nameSpan: Span
    /// The command and subcommand words as declared (`["paper", "buy"]`); the
    /// subcommand words are not among `items`.
    public var path: [String]
    public var items: [CommandItem]
    /// The source text of this command alone (for recording and help).
    public var text: String
    /// The whole line the command came from; spans index into it.
    public var source: String = ""

    /// The text an expression was written as (for column headers and labels).
    public func text(of e: Expr) -> String {
        let u = Array(source.unicodeScalars)
        let s = e.span
        guard s.start < s.end, s.end <= u.count else { return "" }
        var v = String.UnicodeScalarView()
        v.append(contentsOf: u[s.start..<s.end])
        return String(v)
    }
}

public enum Statement: Sendable {
    case assign(name: String, nameSpan: Span, value: Expr)
    case expression(Expr)
    case command(CommandInvocation)
}
