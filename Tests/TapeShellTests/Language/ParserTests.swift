import XCTest
@testable import TapeShell

/// A grammar with a few commands, so parser tests do not depend on the real table.
final class TestGrammar: Parser.Grammar {
    func isCommand(_ name: String) -> Bool { ["greeks", "load", "time", "max"].contains(name) }
    func subcommand(of path: [String], named word: String) -> String? { path == ["load"] && word == "universe" ? word : nil }
    func keys(of path: [String]) -> Set<String> { path == ["greeks"] ? ["spot", "strike", "vol", "expiry"] : ["from"] }
    func flags(of path: [String]) -> Set<String> { path == ["greeks"] ? ["american"] : [] }
    func takesRawText(_ path: [String]) -> Bool { path == ["time"] }
    var commandNames: [String] { ["greeks", "load", "time", "max"] }
}

final class ParserTests: XCTestCase {
    let g = TestGrammar()

    func render(_ e: Expr) -> String {
        switch e {
        case .number(let v, let u, _): return Format.number(v) + (u?.rawValue ?? "")
        case .string(let s, _): return "\"\(s)\""
        case .date(let d, _): return "@\(d)"
        case .word(let w, _): return "w:\(w)"
        case .name(let n, _): return n
        case .member(let b, let m, _): return "\(render(b)).\(m)"
        case .call(let t, let n, let args, _):
            return (t.map { render($0) + "." } ?? "") + n + "(" + args.map { ($0.label.map { $0 + "=" } ?? "") + render($0.value) }.joined(separator: ",") + ")"
        case .unary(let op, let x, _): return "(\(op) \(render(x)))"
        case .binary(let op, let l, let r, _): return "(\(render(l)) \(op) \(render(r)))"
        case .range(let a, let b, let s, _): return "[\(render(a))..\(render(b))" + (s.map { " step " + render($0) } ?? "") + "]"
        }
    }

    func expr(_ s: String) throws -> String { render(try Parser.expression(s, grammar: g)) }

    func testPrecedence() throws {
        XCTAssertEqual(try expr("1 + 2 * 3 ^ 2"), "(1 + (2 * (3 ^ 2)))")
        XCTAssertEqual(try expr("-2 ^ 2"), "(- (2 ^ 2))")
        XCTAssertEqual(try expr("a > b and not c or d"), "(((a > b) and (not c)) or d)")
        XCTAssertEqual(try expr("(1 + 2) * 3"), "((1 + 2) * 3)")
    }

    func testCallsMembersAndKeywords() throws {
        XCTAssertEqual(try expr("bbands(close, period=20, up=2).upper"), "bbands(close,period=20,up=2).upper")
        XCTAssertEqual(try expr("QQQ.close / QQQ.rsi(close, 14)"), "(QQQ.close / QQQ.rsi(close,14))")
        XCTAssertEqual(try expr("SMA(close, 20)"), "sma(close,20)")
    }

    func testRanges() throws {
        XCTAssertEqual(try expr("5..50 step 5"), "[5..50 step 5]")
        XCTAssertEqual(try expr("2020-01-01..2020-06-30"), "[@1577836800..@1593475200]")
    }

    func testCommandItemsBothOptionForms() throws {
        let st = try Parser.parse("greeks call spot 80..120 step 5 strike=100 american vol 20%", grammar: g)
        guard case .command(let c) = st.first else { return XCTFail("not a command") }
        XCTAssertEqual(c.name, "greeks")
        var seen: [String] = []
        for item in c.items {
            switch item {
            case .positional(let e): seen.append("pos:" + render(e))
            case .option(let k, _, let v): seen.append("\(k)=" + (v.map(render) ?? "flag"))
            }
        }
        XCTAssertEqual(seen, ["pos:call", "spot=[80..120 step 5]", "strike=100", "american=flag", "vol=20%"])
    }

    func testSemicolonsLetsAndBareExpressions() throws {
        let st = try Parser.parse("load SPY; let fast = sma(close, 20); fast - 1", grammar: g)
        XCTAssertEqual(st.count, 3)
        guard case .assign(let name, _, _) = st[1] else { return XCTFail() }
        XCTAssertEqual(name, "fast")
        guard case .expression = st[2] else { return XCTFail() }
    }

    func testCommandNameUsedAsFunctionIsAnExpression() throws {
        let st = try Parser.parse("max(close, 5)", grammar: g)
        guard case .expression = st.first else { return XCTFail("max( is a call") }
    }

    func testSignedNumberStartsANewCommandItem() throws {
        func items(_ line: String) throws -> [String] {
            guard case .command(let c)? = try Parser.parse(line, grammar: g).first else { return [] }
            return c.items.map { item -> String in
                switch item {
                case .positional(let e): return render(e)
                case .option(let k, _, let v): return "\(k)=" + (v.map(render) ?? "flag")
                }
            }
        }
        XCTAssertEqual(try items("load seed -1"), ["seed", "(- 1)"])
        XCTAssertEqual(try items("load seed - 1"), ["(seed - 1)"])
        XCTAssertEqual(try items("load seed-1"), ["(seed - 1)"])
        XCTAssertEqual(try items("load f(a -1)"), ["f((a - 1))"])
        XCTAssertEqual(try items("greeks spot 100 vol -20%"), ["spot=100", "vol=(- 20%)"])
    }

    func testRawTextCommand() throws {
        let st = try Parser.parse("time load SPY from \"x.csv\"; load QQQ", grammar: g)
        guard case .command(let c) = st.first, case .positional(.string(let raw, _))? = c.items.first else { return XCTFail() }
        XCTAssertEqual(raw, "load SPY from \"x.csv\"")
        XCTAssertEqual(st.count, 2)
    }

    func testEveryErrorForm() {
        func message(_ s: String) -> String {
            do { _ = try Parser.parse(s, grammar: g); return "no error" } catch { return (error as? TapeError)?.description ?? "?" }
        }
        XCTAssertEqual(message("sma(close, 20"), "missing ')' — the '(' here is never closed")
        XCTAssertEqual(message("(1 + 2"), "missing ')' — the '(' here is never closed")
        XCTAssertEqual(message("1 + )"), "unmatched ')'")
        XCTAssertEqual(message("sma(close 20)"), "expected ',' or ')' in the argument list, found '20'")
        XCTAssertEqual(message("let = 5"), "expected a name after 'let' — write: let fast = sma(close, 20)")
        XCTAssertEqual(message("let x 5"), "expected '=' after 'let x', found '5'")
        XCTAssertEqual(message("close = 5"), "use '==' to compare ('=' binds options and let)")
        XCTAssertEqual(message("1 +"), "expected a value, found end of line")
        XCTAssertEqual(message("greeks spot"), "'spot' needs a value")
        XCTAssertEqual(message("close."), "expected a name after '.'")
        XCTAssertEqual(message("1 2"), "unexpected '2'")
        XCTAssertEqual(message("lod SPY"), "unknown command 'lod' — did you mean 'load'?")
    }

    func testContinuation() {
        XCTAssertTrue(Continuation.needsMore("plot close, \\"))
        XCTAssertTrue(Continuation.needsMore("sma(close,"))
        XCTAssertTrue(Continuation.needsMore("load X from \"abc"))
        XCTAssertFalse(Continuation.needsMore("sma(close, 20) # (open comment"))
        XCTAssertFalse(Continuation.needsMore("load X from \"a(b\""))
        XCTAssertEqual(Continuation.join(["plot close, \\", "  sma(close, 20)"]), "plot close,    sma(close, 20)")
    }

    func message(_ line: String) -> String {
        do { _ = try Parser.parse(line, grammar: g); return "no error" } catch { return (error as? TapeError)?.message ?? "\(error)" }
    }

    /// Each of these once recursed (in the parser, the evaluator or the tree's release)
    /// once per level and overflowed the stack at about 10,000 levels.
    func testDeepNestingIsAnErrorNotACrash() {
        let n = 20_000
        let lines = [
            String(repeating: "(", count: n) + "1" + String(repeating: ")", count: n),
            String(repeating: "-", count: n) + "1",
            String(repeating: "not ", count: n) + "1",
            String(repeating: "2^", count: n) + "1",
            String(repeating: "abs(", count: n) + "1" + String(repeating: ")", count: n),
            Array(repeating: "1", count: n).joined(separator: "+"),
            Array(repeating: "x", count: n).joined(separator: " and "),
            "a" + String(repeating: ".b", count: n),
            "load " + String(repeating: "(", count: n),
        ]
        for line in lines {
            XCTAssertEqual(message(line), "expression nests more than 200 levels deep", String(line.prefix(20)))
        }
        XCTAssertEqual(message(String(repeating: "(", count: 200) + "1" + String(repeating: ")", count: 200)), "no error")
        XCTAssertEqual(message(Array(repeating: "1", count: 200).joined(separator: "+")), "no error")
        XCTAssertEqual(try expr("((1 + 2)) * -(3)"), "((1 + 2) * (- 3))")
    }

    func testWordOperatorsStartAnExpression() throws {
        for line in ["not x", "a and b", "true or false", "not not 1"] {
            guard case .expression = try Parser.parse(line, grammar: g).first else { return XCTFail(line) }
        }
        guard case .expression(let e)? = try Parser.parse("a and b or c", grammar: g).first else { return XCTFail() }
        XCTAssertEqual(render(e), "((a and b) or c)")
        XCTAssertEqual(message("lod SPY"), "unknown command 'lod'")
        XCTAssertEqual(message("a b"), "unknown command 'a'")
    }

    func testStatementTextsComeFromTheirTokens() throws {
        // An escaped quote once threw the text split off by one statement.
        let texts = try Parser.parseWithText("let s = \"a\\\"b;c\";  load SPY ;; time load  QQQ # done", grammar: g).map(\.1)
        XCTAssertEqual(texts, ["let s = \"a\\\"b;c\"", "load SPY", "time load  QQQ"])
        XCTAssertEqual(try Parser.parseWithText("  load SPY # note ", grammar: g).map(\.1), ["load SPY # note"])
        XCTAssertEqual(try Parser.parseWithText("\"d\u{e9}j\u{e0}\" == x; 2", grammar: g).map(\.1), ["\"d\u{e9}j\u{e0}\" == x", "2"])
    }
}

final class SuggestTests: XCTestCase {
    /// A hint must keep some of the word: "a" is not a typo of the one-letter alias "?".
    func testSuggestionsKeepPartOfTheWord() {
        XCTAssertEqual(Suggest.hint("shw", in: ["show", "?", "stats"]), "did you mean 'show'?")
        XCTAssertNil(Suggest.hint("a", in: ["show", "?"]))
        XCTAssertNil(Suggest.nearest("", in: ["?"]))
        XCTAssertEqual(Suggest.nearest("ls", in: ["l", "load"]), "l")
    }
}
