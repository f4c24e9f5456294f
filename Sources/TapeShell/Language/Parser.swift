import Foundation

/// Recursive-descent parser for one logical line (which may hold several statements
/// separated by `;`).
///
///   line       := statement ( ";" statement )*
///   statement  := "let" NAME "=" expr
///               | COMMAND item*            — when the first word is a known command
///               | expr                     — a bare expression prints its value
///   item       := KEY [ "=" ] expr         — KEY declared by the command (value option)
///               | FLAG                     — declared flag
///               | NAME "=" expr            — any key, written unambiguously
///               | expr [ "," ]
///   expr       := or
///   or         := and ( "or" and )*
///   and        := not ( "and" not )*
///   not        := "not" not | compare
///   compare    := range ( ("=="|"!="|"<"|"<="|">"|">=") range )?
///   range      := sum [ ".." sum [ "step" sum ] ]
///   sum        := product ( ("+"|"-") product )*
///   product    := unary ( ("*"|"/") unary )*
///   unary      := "-" unary | power
///   power      := postfix [ "^" unary ]
///   postfix    := primary ( "." NAME [ "(" args ")" ] )*
///   primary    := NUMBER | DATE | STRING | WORD | NAME [ "(" args ")" ] | "(" expr ")"
///   args       := [ arg ( "," arg )* ]
///   arg        := [ NAME "=" ] expr
public struct Parser {
    /// What the parser needs to know about commands: which first words are commands,
    /// which following words name subcommands, and per command or subcommand (a path of
    /// words such as `["paper", "buy"]`) which words are option keys and flags.
    public protocol Grammar {
        func isCommand(_ name: String) -> Bool
        /// The subcommand of `path` that `word` names (by name or alias), as its name.
        func subcommand(of path: [String], named word: String) -> String?
        func keys(of path: [String]) -> Set<String>
        func flags(of path: [String]) -> Set<String>
        /// Commands whose argument is the raw text of another command (`time`).
        func takesRawText(_ path: [String]) -> Bool
        /// Every command name, for "did you mean".
        var commandNames: [String] { get }
    }

    let tokens: [Token]
    let source: String
    /// `source` as the scalars spans count.
    let scalars: [Unicode.Scalar]
    let grammar: Grammar
    var p = 0
    /// True while parsing a command's items outside any bracket: there `seed -1` is two
    /// items (a word and a negative number), as in a shell, while `seed - 1` and
    /// `seed-1` stay subtraction.
    var itemMode = false
    /// Brackets and prefix operators open around the token being parsed. The parser
    /// recurses once per level, so `((((...` or `----...1` thousands deep would overflow
    /// the stack before any tree is built; this stops it at `maxDepth`.
    var depth = 0
    /// The deepest tree and the deepest nesting a line may hold. The evaluator and the
    /// release of the tree recurse once per level of the tree, and chains such as
    /// `1+1+...+1` grow the tree without recursing in the parser, so every node built is
    /// checked too. Hand-written lines stay far below this.
    static let maxDepth = 200

    public init(_ source: String, grammar: Grammar) throws {
        self.source = source
        let lexer = Lexer(source)
        self.scalars = lexer.scalars
        self.tokens = try lexer.tokenize()
        self.grammar = grammar
    }

    public static func parse(_ source: String, grammar: Grammar) throws -> [Statement] {
        var parser = try Parser(source, grammar: grammar)
        return try parser.line().map(\.statement)
    }

    /// Statements with the source text of each (from its first token to its last), so
    /// the recorder can keep the ones that ran and comment out the one that failed. A
    /// line of one statement is its own text, comment included.
    public static func parseWithText(_ source: String, grammar: Grammar) throws -> [(Statement, String)] {
        var parser = try Parser(source, grammar: grammar)
        let statements = try parser.line()
        if statements.count == 1 { return [(statements[0].statement, source.trimmingCharacters(in: .whitespaces))] }
        return statements.map { ($0.statement, parser.slice($0.span.start, $0.span.end)) }
    }

    /// Just one expression (for `let` bodies re-read from text, and tests).
    public static func expression(_ source: String, grammar: Grammar) throws -> Expr {
        var parser = try Parser(source, grammar: grammar)
        let e = try parser.expr()
        guard case .end = parser.peek.kind else { throw parser.unexpected() }
        return e
    }

    var peek: Token { tokens[min(p, tokens.count - 1)] }
    var peekNext: Token { tokens[min(p + 1, tokens.count - 1)] }

    mutating func advance() -> Token {
        let t = peek
        if p < tokens.count - 1 { p += 1 }
        return t
    }

    func isSymbol(_ s: String) -> Bool { if case .symbol(s) = peek.kind { return true }; return false }
    func isIdent(_ s: String) -> Bool { if case .identifier(let n) = peek.kind { return n.lowercased() == s }; return false }

    mutating func expect(_ s: String, _ what: String) throws -> Token {
        guard isSymbol(s) else { throw TapeError("expected \(what), found \(describe(peek))", span: peek.span) }
        return advance()
    }

    func describe(_ t: Token) -> String {
        if case .end = t.kind { return "end of line" }
        return "'\(t.text)'"
    }

    func unexpected() -> TapeError {
        if case .invalid(let c) = peek.kind { return TapeError("unexpected character '\(c)'", span: peek.span) }
        if case .symbol(let s) = peek.kind, s == ")" || s == "]" {
            return TapeError("unmatched '\(s)'", span: peek.span)
        }
        return TapeError("unexpected \(describe(peek))", span: peek.span)
    }

    // MARK: statements

    mutating func line() throws -> [(statement: Statement, span: Span)] {
        var out: [(statement: Statement, span: Span)] = []
        while true {
            while isSymbol(";") { _ = advance() }
            if case .end = peek.kind { return out }
            let start = peek.span.start
            let st = try statement()
            out.append((st, Span(start, tokens[p - 1].span.end)))
            if case .end = peek.kind { return out }
            guard isSymbol(";") else { throw unexpected() }
        }
    }

    mutating func statement() throws -> Statement {
        let first = peek
        if case .identifier(let name) = first.kind {
            let lower = name.lowercased()
            if lower == "let" {
                _ = advance()
                guard case .identifier(let target) = peek.kind else {
                    throw TapeError("expected a name after 'let'", span: peek.span, hint: "write: let fast = sma(close, 20)")
                }
                let nameSpan = advance().span
                _ = try expect("=", "'=' after 'let \(target)'")
                return .assign(name: target, nameSpan: nameSpan, value: try expr())
            }
            // A command word, unless the line plainly uses it as a value (`close + 1`).
            if grammar.isCommand(lower), !startsExpressionUse() {
                return .command(try command(lower, first.span))
            }
            // `lod SPY`: a word followed by another word is no expression; it can only
            // be a mistyped command. The word operators are expressions: `not x`,
            // `a and b`, `true or false`.
            if lower == "not" { return .expression(try expr()) }
            switch peekNext.kind {
            case .identifier(let next) where ["and", "or"].contains(next.lowercased()):
                break
            case .identifier, .number, .string, .word, .date:
                throw TapeError("unknown command '\(name)'", span: first.span,
                                hint: Suggest.hint(lower, in: grammar.commandNames))
            default: break
            }
        }
        return .expression(try expr())
    }

    /// True when the identifier at `p` is followed by something that only makes sense in
    /// an expression (an operator or a call), so `max(close, 5)` is not the command `max`.
    func startsExpressionUse() -> Bool {
        guard case .symbol(let s) = peekNext.kind else { return false }
        return ["(", "+", "*", "/", "^", "==", "!=", "<", "<=", ">", ">=", "."].contains(s)
    }

    mutating func command(_ name: String, _ nameSpan: Span) throws -> CommandInvocation {
        _ = advance()
        // Subcommand words (`paper buy`, `chain smile`) choose the declaration whose
        // option keys apply to the rest of the statement.
        var path = [name]
        while case .identifier(let w) = peek.kind, let sub = grammar.subcommand(of: path, named: w.lowercased()) {
            if case .symbol(let s) = peekNext.kind, ["=", "(", "."].contains(s) { break }
            path.append(sub)
            _ = advance()
        }
        if grammar.takesRawText(path) {
            // `time backtest ...`: the rest of the statement is another command, kept as text.
            let from = peek.span.start
            var to = from
            while true {
                if case .end = peek.kind { break }
                if isSymbol(";") { break }
                to = advance().span.end
            }
            let raw = slice(from, to)
            let items: [CommandItem] = raw.isEmpty ? [] : [.positional(.string(raw, Span(from, to)))]
            return CommandInvocation(name: name, nameSpan: nameSpan, path: path, items: items,
                                     text: slice(nameSpan.start, max(to, nameSpan.end)), source: source)
        }
        let keys = grammar.keys(of: path), flags = grammar.flags(of: path)
        itemMode = true
        defer { itemMode = false }
        var items: [CommandItem] = []
        let startOffset = nameSpan.start
        while true {
            if case .end = peek.kind { break }
            if isSymbol(";") { break }
            if isSymbol(",") { _ = advance(); continue }
            if case .identifier(let raw) = peek.kind {
                let key = raw.lowercased()
                let explicit: Bool = { if case .symbol("=") = peekNext.kind { return true }; return false }()
                if explicit {
                    let keySpan = advance().span
                    _ = advance()
                    items.append(.option(key: key, keySpan: keySpan, value: try expr()))
                    continue
                }
                if flags.contains(key) {
                    items.append(.option(key: key, keySpan: advance().span, value: nil))
                    continue
                }
                if keys.contains(key) {
                    let keySpan = advance().span
                    if case .end = peek.kind { throw TapeError("'\(key)' needs a value", span: keySpan) }
                    if isSymbol(";") { throw TapeError("'\(key)' needs a value", span: keySpan) }
                    items.append(.option(key: key, keySpan: keySpan, value: try expr()))
                    continue
                }
            }
            items.append(.positional(try expr()))
        }
        let endOffset = p > 0 ? tokens[p - 1].span.end : nameSpan.end
        return CommandInvocation(name: name, nameSpan: nameSpan, path: path, items: items,
                                 text: slice(startOffset, max(endOffset, nameSpan.end)), source: source)
    }

    func slice(_ a: Int, _ b: Int) -> String {
        guard a < b, b <= scalars.count else { return "" }
        var v = String.UnicodeScalarView()
        v.append(contentsOf: scalars[a..<b])
        return String(v)
    }

    // MARK: expressions

    /// `e`, unless it makes the tree deeper than `maxDepth`.
    func node(_ e: Expr) throws -> Expr {
        guard e.height <= Parser.maxDepth else { throw tooDeep(e.span) }
        return e
    }

    func tooDeep(_ span: Span) -> TapeError {
        TapeError("expression nests more than \(Parser.maxDepth) levels deep", span: span, hint: "split it up with let")
    }

    /// Runs `parse` one nesting level deeper (inside a bracket or after a prefix operator).
    mutating func nested<T>(at span: Span, _ parse: (inout Parser) throws -> T) throws -> T {
        guard depth < Parser.maxDepth else { throw tooDeep(span) }
        depth += 1
        defer { depth -= 1 }
        return try parse(&self)
    }

    public mutating func expr() throws -> Expr { try orExpr() }

    mutating func orExpr() throws -> Expr {
        var l = try andExpr()
        while isIdent("or") {
            _ = advance()
            let r = try andExpr()
            l = try node(.binary("or", l, r, l.span.union(r.span)))
        }
        return l
    }

    mutating func andExpr() throws -> Expr {
        var l = try notExpr()
        while isIdent("and") {
            _ = advance()
            let r = try notExpr()
            l = try node(.binary("and", l, r, l.span.union(r.span)))
        }
        return l
    }

    mutating func notExpr() throws -> Expr {
        if isIdent("not") || isSymbol("not") {
            let s = advance().span
            let e = try nested(at: s) { try $0.notExpr() }
            return try node(.unary("not", e, s.union(e.span)))
        }
        return try compare()
    }

    mutating func compare() throws -> Expr {
        let l = try rangeExpr()
        if case .symbol(let op) = peek.kind, ["==", "!=", "<", "<=", ">", ">=", "="].contains(op) {
            if op == "=" { throw TapeError("use '==' to compare ('=' binds options and let)", span: peek.span) }
            _ = advance()
            let r = try rangeExpr()
            return try node(.binary(op, l, r, l.span.union(r.span)))
        }
        return l
    }

    mutating func rangeExpr() throws -> Expr {
        let l = try sum()
        guard isSymbol("..") else { return l }
        _ = advance()
        let r = try sum()
        var step: Expr?
        if isIdent("step") {
            _ = advance()
            step = try sum()
        }
        return try node(.range(l, r, step: step, l.span.union(step?.span ?? r.span)))
    }

    /// A sign written like the start of a new item: space before it, none after it.
    func signStartsNewItem() -> Bool {
        guard itemMode, p > 0, p + 1 < tokens.count else { return false }
        return tokens[p].span.start > tokens[p - 1].span.end && tokens[p + 1].span.start == tokens[p].span.end
    }

    mutating func sum() throws -> Expr {
        var l = try product()
        while case .symbol(let op) = peek.kind, op == "+" || op == "-", !signStartsNewItem() {
            _ = advance()
            let r = try product()
            l = try node(.binary(op, l, r, l.span.union(r.span)))
        }
        return l
    }

    mutating func product() throws -> Expr {
        var l = try unary()
        while case .symbol(let op) = peek.kind, op == "*" || op == "/" {
            _ = advance()
            let r = try unary()
            l = try node(.binary(op, l, r, l.span.union(r.span)))
        }
        return l
    }

    mutating func unary() throws -> Expr {
        if isSymbol("-") || isSymbol("+") {
            let t = advance()
            let e = try nested(at: t.span) { try $0.unary() }
            if case .symbol("+") = t.kind { return e }
            return try node(.unary("-", e, t.span.union(e.span)))
        }
        return try power()
    }

    mutating func power() throws -> Expr {
        let base = try postfix()
        if isSymbol("^") {
            let caret = advance().span
            let e = try nested(at: caret) { try $0.unary() }
            return try node(.binary("^", base, e, base.span.union(e.span)))
        }
        return base
    }

    mutating func postfix() throws -> Expr {
        var e = try primary()
        while isSymbol(".") {
            _ = advance()
            guard case .identifier(let member) = peek.kind else {
                throw TapeError("expected a name after '.'", span: peek.span)
            }
            let ms = advance().span
            if isSymbol("(") {
                let (args, close) = try arguments()
                e = try node(.call(target: e, name: member.lowercased(), args: args, span: e.span.union(close)))
            } else {
                e = try node(.member(e, member, e.span.union(ms)))
            }
        }
        return e
    }

    mutating func primary() throws -> Expr {
        let t = peek
        switch t.kind {
        case .number(let v, let u): _ = advance(); return .number(v, u, t.span)
        case .date(let d): _ = advance(); return .date(d, t.span)
        case .string(let s): _ = advance(); return .string(s, t.span)
        case .word(let w): _ = advance(); return .word(w, t.span)
        case .identifier(let n):
            _ = advance()
            if isSymbol("(") {
                let (args, close) = try arguments()
                return try node(.call(target: nil, name: n.lowercased(), args: args, span: t.span.union(close)))
            }
            return .name(n, t.span)
        case .symbol("("):
            _ = advance()
            let saved = itemMode
            itemMode = false
            defer { itemMode = saved }
            let e = try nested(at: t.span) { try $0.expr() }
            guard isSymbol(")") else {
                if case .end = peek.kind { throw TapeError("missing ')'", span: t.span, hint: "the '(' here is never closed") }
                throw unexpected()
            }
            _ = advance()
            return e
        case .end:
            throw TapeError("expected a value, found end of line", span: t.span)
        default:
            throw unexpected()
        }
    }

    mutating func arguments() throws -> ([CallArgument], Span) {
        let saved = itemMode
        itemMode = false
        defer { itemMode = saved }
        let open = try expect("(", "'('")
        var args: [CallArgument] = []
        if isSymbol(")") { return (args, advance().span) }
        while true {
            var label: String?
            if case .identifier(let n) = peek.kind, case .symbol("=") = peekNext.kind {
                label = n.lowercased()
                _ = advance(); _ = advance()
            }
            args.append(CallArgument(label: label, value: try nested(at: open.span) { try $0.expr() }))
            if isSymbol(",") { _ = advance(); continue }
            if isSymbol(")") { return (args, advance().span) }
            if case .end = peek.kind {
                throw TapeError("missing ')'", span: open.span, hint: "the '(' here is never closed")
            }
            throw TapeError("expected ',' or ')' in the argument list, found \(describe(peek))", span: peek.span)
        }
    }
}

/// Whether a line needs more input before it can be parsed: it ends in `\`, a bracket
/// is still open, or a string is unterminated. Used for continuation prompts and for
/// reading scripts.
public enum Continuation {
    public static func needsMore(_ text: String) -> Bool {
        var scanner = Scanner()
        scanner.feed(text)
        return scanner.needsMore
    }

    /// `needsMore` one physical line at a time: feeding lines one by one gives the
    /// answer for all of them joined with line breaks, without rescanning the earlier
    /// ones, so a command continued over many lines is read in linear time.
    public struct Scanner {
        var depth = 0
        var inString = false
        var escaped = false
        var stopped = false
        var started = false
        var lastNonSpace: Character?
        public init() {}

        public var needsMore: Bool { inString || depth > 0 || lastNonSpace == "\\" }

        /// The next physical line.
        public mutating func feed(_ line: String) {
            if started { scan("\n") }
            started = true
            for c in line {
                if stopped { return }
                scan(c)
            }
        }

        private mutating func scan(_ c: Character) {
            if stopped { return }
            if inString {
                if escaped { escaped = false } else if c == "\\" { escaped = true } else if c == "\"" { inString = false }
                return
            }
            if c == "#" { stopped = true; return }
            switch c {
            case "\"": inString = true
            case "(", "[": depth += 1
            case ")", "]": depth -= 1
            default: break
            }
            if c != " " && c != "\t" && c != "\n" && c != "\r" { lastNonSpace = c }
        }
    }

    /// Joins continued physical lines into one logical line (drops the trailing `\`).
    public static func join(_ lines: [String]) -> String {
        lines.map { l -> String in
            var s = l
            while s.last == " " || s.last == "\t" { s.removeLast() }
            if s.hasSuffix("\\") { s.removeLast() }
            return s
        }.joined(separator: " ")
    }
}
