import TapeCore

/// Splits one logical line into tokens.
///
/// Grammar of the lexemes (see docs/LANGUAGE.md):
///   number     := digits [ "." digits ] [ ("e"|"E") ["+"|"-"] digits ] [ unit ]
///   unit       := "%" | "bp" | "d" | "w" | "m" | "y" | "h"
///   date       := YYYY "-" MM "-" DD [ "T" HH ":" MM [ ":" SS ] ]
///   word       := digit (letter|digit)*      — when not a number with a unit (`1Day`, `800x600`)
///   identifier := (letter|"_") (letter|digit|"_")*
///   string     := '"' ( [^"\\] | "\\" . )* '"'
///   comment    := "#" to end of line (dropped)
/// `80..120` lexes as 80, `..`, 120: a dot starts a fraction only when a digit follows.
public struct Lexer {
    let scalars: [Unicode.Scalar]
    var i = 0

    public init(_ text: String) { scalars = Array(text.unicodeScalars) }

    public static func tokenize(_ text: String) throws -> [Token] {
        try Lexer(text).tokenize()
    }

    /// Every token of the text, the last being `.end`.
    public func tokenize() throws -> [Token] {
        var lx = self
        var out: [Token] = []
        while true {
            let t = try lx.next()
            out.append(t)
            if t.kind == .end { return out }
        }
    }

    func peek(_ k: Int = 0) -> Unicode.Scalar? { i + k < scalars.count ? scalars[i + k] : nil }

    static func isDigit(_ c: Unicode.Scalar?) -> Bool { c.map { $0.value >= 48 && $0.value <= 57 } ?? false }
    static func isLetter(_ c: Unicode.Scalar?) -> Bool {
        guard let c else { return false }
        return (c.value >= 65 && c.value <= 90) || (c.value >= 97 && c.value <= 122) || c == "_" || c.properties.isAlphabetic
    }

    mutating func next() throws -> Token {
        while let c = peek(), c == " " || c == "\t" || c == "\r" || c == "\n" { i += 1 }
        let start = i
        guard let c = peek() else { return Token(kind: .end, span: Span(i, i)) }
        if c == "#" { i = scalars.count; return Token(kind: .end, span: Span(start, start)) }
        if Lexer.isDigit(c) { return try number(start) }
        if c == "." && Lexer.isDigit(peek(1)) { return try number(start) }
        if Lexer.isLetter(c) {
            while Lexer.isLetter(peek()) || Lexer.isDigit(peek()) { i += 1 }
            return Token(kind: .identifier(text(start, i)), span: Span(start, i))
        }
        if c == "\"" { return try string(start) }
        i += 1
        let two = peek().map { String(c) + String($0) }
        if let two, ["..", "==", "!=", "<=", ">="].contains(two) {
            i += 1
            return Token(kind: .symbol(two), span: Span(start, i))
        }
        let single = String(c)
        if "+-*/^()[],.=<>;!".contains(single) {
            return Token(kind: .symbol(single == "!" ? "not" : single), span: Span(start, i))
        }
        return Token(kind: .invalid(single), span: Span(start, i))
    }

    func text(_ a: Int, _ b: Int) -> String {
        var s = String.UnicodeScalarView()
        s.append(contentsOf: scalars[a..<b])
        return String(s)
    }

    mutating func number(_ start: Int) throws -> Token {
        // An ISO date: exactly 4 digits, '-', 2 digits, '-', 2 digits.
        if let d = dateLiteral(start) { return d }
        while Lexer.isDigit(peek()) { i += 1 }
        if peek() == ".", Lexer.isDigit(peek(1)) {
            i += 1
            while Lexer.isDigit(peek()) { i += 1 }
        }
        if let e = peek(), e == "e" || e == "E" {
            let signed = peek(1) == "+" || peek(1) == "-"
            if Lexer.isDigit(peek(signed ? 2 : 1)) {
                i += signed ? 2 : 1
                while Lexer.isDigit(peek()) { i += 1 }
            }
        }
        let numberEnd = i
        guard let value = Double(text(start, numberEnd)), value.isFinite else {
            throw TapeError("number '\(text(start, numberEnd))' is out of range", span: Span(start, numberEnd))
        }
        if peek() == "%" {
            i += 1
            return Token(kind: .number(value, .percent), span: Span(start, i))
        }
        if Lexer.isLetter(peek()) {
            while Lexer.isLetter(peek()) || Lexer.isDigit(peek()) { i += 1 }
            let suffix = text(numberEnd, i)
            if let unit = NumberUnit(rawValue: suffix) {
                return Token(kind: .number(value, unit), span: Span(start, i))
            }
            return Token(kind: .word(text(start, i)), span: Span(start, i))
        }
        return Token(kind: .number(value, nil), span: Span(start, numberEnd))
    }

    mutating func dateLiteral(_ start: Int) -> Token? {
        func digits(_ from: Int, _ n: Int) -> Bool { (0..<n).allSatisfy { Lexer.isDigit(from + $0 < scalars.count ? scalars[from + $0] : nil) } }
        guard digits(start, 4), peek(4) == "-", digits(start + 5, 2), peek(7) == "-", digits(start + 8, 2),
              !Lexer.isDigit(peek(10)) else { return nil }
        var end = start + 10
        if peek(10) == "T", digits(start + 11, 2), peek(13) == ":", digits(start + 14, 2) {
            end = start + 16
            if peek(16) == ":", digits(start + 17, 2) { end = start + 19 }
        }
        let raw = text(start, end)
        guard let t = CivilTime.parse(Substring(raw)) else { return nil }
        i = end
        return Token(kind: .date(t), span: Span(start, end))
    }

    mutating func string(_ start: Int) throws -> Token {
        i += 1
        var s = String.UnicodeScalarView()
        while let c = peek() {
            i += 1
            if c == "\"" { return Token(kind: .string(String(s)), span: Span(start, i)) }
            if c == "\\", let n = peek() {
                i += 1
                switch n {
                case "n": s.append("\n")
                case "t": s.append("\t")
                default: s.append(n)
                }
            } else {
                s.append(c)
            }
        }
        throw TapeError("unterminated string: add a closing \"", span: Span(start, i))
    }
}
