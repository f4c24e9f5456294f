import Foundation
import TapeCore
import TapeTestSupport
import XCTest
@testable import TapeData
@testable import TapeShell

/// `paper auto ... live` against Tests/Servers/alpaca_stream_server.py on loopback: the
/// decisions and fills on the minute bars as they close, `paper why`, the risk rules, and
/// the replay of the recorded stream to the same decisions and fills.
final class LiveAutoTests: AlpacaStreamTestCase {
    /// The fills the rule must make on the feed's bars, worked out from the walk alone:
    /// bar j opens at trade 4j and closes at trade 4j+3; long where close > open, flat
    /// where close < open; an order fills at the next bar's open.
    func expectedFills(bars: Int) -> [(side: String, price: Double)] {
        var held = false, out: [(String, Double)] = []
        for j in 0..<(bars - 1) {
            let open = walk(4 * j), close = walk(4 * j + 3), next = walk(4 * (j + 1))
            if close > open && !held { out.append(("buy", next)); held = true } else if close < open && held { out.append(("sell", next)); held = false }
        }
        return out
    }

    func fillRows(_ lines: [String]) -> [(side: String, price: Double)] {
        lines.dropFirst().map { $0.split(separator: " ").map(String.init) }.compactMap { f in
            f.count >= 6 ? (f[2], Double(f[5]) ?? .nan) : nil
        }
    }

    func testFeedBarsTradeAndReplayToTheSameDecisionsAndFills() throws {
        let (shell, out) = try shell("n=40")
        shell.session.recorder = try SessionRecorder(path: dir + "/s.tape", seed: 1, clock: "test")
        // 40 trades, 40 quotes and 10 minute bars: the whole stream.
        let line = "paper auto entry close > open exit close < open fraction 50% live AAPL bars 1m count 90"
        shell.run(line: line)
        let live = out.take()
        shell.run(line: "paper fills")
        let fills = out.take()
        let expected = expectedFills(bars: 10)
        XCTAssertGreaterThanOrEqual(expected.count, 4, "the walk must make the rule trade")
        let got = fillRows(fills)
        XCTAssertEqual(got.map(\.side), expected.map(\.side), fills.joined(separator: "\n"))
        XCTAssertEqual(got.map(\.price), expected.map(\.price))
        // The first entry: 50% of the starting 100,000 at the next bar's open, whole shares.
        let firstQty = try XCTUnwrap(fills.dropFirst().first?.split(separator: " ").map(String.init)[3])
        XCTAssertEqual(Double(firstQty), (50_000 / expected[0].price).rounded(.down))
        let summary = try XCTUnwrap(live.last { $0.hasPrefix("traded ") })
        XCTAssertTrue(summary.hasPrefix("traded 10 of 10 closed AAPL minute bars: "), summary)
        XCTAssertTrue(summary.contains("\(expected.count) fills"), summary)

        // paper why: the decision (bar, close, rule, position), then the broker's trail.
        shell.run(line: "paper why 1")
        let why = out.take()
        XCTAssertTrue(why.first?.hasPrefix("decided live: AAPL bar ") ?? false, why.joined(separator: "\n"))
        XCTAssertTrue(why.first?.contains("entry close > open is true, holding 0 → long") ?? false)
        XCTAssertTrue(why.contains { $0.contains("fill: buy \(firstQty) AAPL at \(Format.fixed(expected[0].price, 2))") }, why.joined(separator: "\n"))

        let session = try String(contentsOfFile: dir + "/s.tape", encoding: .utf8)
        let header = try XCTUnwrap(session.split(separator: "\n").first { $0.hasPrefix("# fetched: alpaca-stream:") })
        XCTAssertFalse(session.contains("test-secret"))
        server?.stop()
        let replay = Shell(output: out, session: .replaying(SessionFile.parse(String(header) + "\n"), path: dir + "/s.tape", mode: .check))
        replay.run(line: "set store \"\(dir!)/store.db\"")
        _ = out.take()
        replay.run(line: line)
        XCTAssertEqual(out.take(), live)
        replay.run(line: "paper fills")
        XCTAssertEqual(out.take(), fills)
        replay.run(line: "paper why 1")
        XCTAssertEqual(out.take(), why)
    }

    /// Bars built from the trades: a minute closes when a trade of the next one arrives,
    /// so the last minute is still open at the end and is not traded.
    func testBarsBuiltFromTradesCloseOnTheNextMinutesFirstTrade() throws {
        let (shell, out) = try shell("n=40")
        shell.run(line: "paper auto entry close > open exit close < open live AAPL count 80")
        let live = out.take()
        let summary = try XCTUnwrap(live.last { $0.hasPrefix("traded ") }, live.joined(separator: "\n"))
        XCTAssertTrue(summary.hasPrefix("traded 9 of 9 closed AAPL minute bars"), summary)
        shell.run(line: "paper fills")
        // Built bars hold the same trades as the feed's bars, so the same fills but the last bar's.
        XCTAssertEqual(fillRows(out.take()).map(\.price), expectedFills(bars: 9).map(\.price))
    }

    /// A circuit breaker of the simulator stops the live rule: after one losing close,
    /// new entries are refused, and `paper why` names the halt.
    func testCircuitBreakerHaltsLiveEntries() throws {
        let (shell, out) = try shell("n=40")
        shell.run(line: "paper risk max_consecutive_losses 1")
        _ = out.take()
        shell.run(line: "paper auto entry close > open exit close < open fraction 50% live AAPL bars 1m count 90")
        let live = out.take()
        let expected = expectedFills(bars: 10)
        // The walk's first round trip loses (it sells below its buy).
        XCTAssertLessThan(expected[1].price, expected[0].price)
        shell.run(line: "paper fills")
        XCTAssertEqual(fillRows(out.take()).map(\.price), Array(expected.prefix(2)).map(\.price))
        XCTAssertTrue(live.contains { $0.contains("long: #3 buy AAPL rejected: ") && $0.contains("max_consecutive_losses") },
                      live.joined(separator: "\n"))
        shell.run(line: "paper why")
        XCTAssertTrue(out.take().first?.hasPrefix("halted by max_consecutive_losses") ?? false)
    }

    func testLiveAutoNeedsAnEndAndMinuteBars() throws {
        let (shell, out) = try shell("n=4")
        shell.run(line: "paper auto entry close > open live AAPL")
        XCTAssertEqual(out.take().first, "error: paper auto in a script needs an end — add count N or seconds N (Ctrl-C ends it at the prompt)")
        shell.run(line: "paper auto entry close > open live AAPL bars 5m count 3")
        XCTAssertEqual(out.take().first, "error: the stream's bars are minute bars: bars 1m — live AAPL bars 1m")
        shell.run(line: "paper auto entry close > open live AAPL until 2024-01-03 count 3")
        XCTAssertEqual(out.take().first, "error: until reads the loaded data; a live run ends with count N or seconds N — e.g. live AAPL seconds 3600")
    }

    /// Under `broker alpaca`: the same decisions become orders to Alpaca's paper account
    /// (Tests/Servers/alpaca_paper_server.py: 10,000 cash, AAPL fills at 200), sized at the
    /// bar's close, and `paper why` gives the decision before Alpaca's trail.
    func testAlpacaVenueSendsTheRulesOrdersToAlpaca() throws {
        let paper = try LoopbackServer(script: "alpaca_paper_server.py", arguments: [])
        defer { paper.stop() }
        let (shell, out) = try alpacaShell(paper)
        shell.run(line: "broker alpaca")
        _ = out.take()
        shell.run(line: "paper auto entry close > open exit close < open fraction 50% live AAPL bars 1m count 90")
        let live = out.take()
        XCTAssertEqual(live.last, "sent 7 orders to Alpaca on 10 closed AAPL minute bars (paper orders, paper fills)")
        shell.run(line: "paper fills")
        let fills = out.take()
        let expected = expectedFills(bars: 10)
        // The same decisions as on the simulator, each filled by Alpaca at once (the last
        // entry too: Alpaca does not wait for the next bar).
        XCTAssertEqual(fills.dropFirst().map { $0.split(separator: " ").map(String.init)[2] },
                       expected.map(\.side) + ["buy"], fills.joined(separator: "\n"))
        // The first entry: 50% of Alpaca's 10,000 buying power at the entry bar's close.
        let j = try XCTUnwrap((0..<10).first { walk(4 * $0 + 3) > walk(4 * $0) })
        let firstQty = Double(try XCTUnwrap(fills.dropFirst().first?.split(separator: " ").map(String.init)[3]))
        XCTAssertEqual(firstQty, (5_000 / walk(4 * j + 3)).rounded(.down))
        let firstLine = try XCTUnwrap(live.first { $0.contains(" long: buy ") })
        let id = try XCTUnwrap(firstLine.split(separator: " ").map(String.init).firstIndex(of: "as").map { firstLine.split(separator: " ")[$0 + 1] })
        shell.run(line: "paper why \"\(id.dropLast())\"")
        let why = out.take()
        XCTAssertTrue(why.first?.hasPrefix("decided live: AAPL bar ") ?? false, why.joined(separator: "\n"))
        XCTAssertGreaterThan(why.count, 1, "Alpaca's own trail follows the decision")
    }

    /// The pre-trade rules stand in front of Alpaca too: a restricted symbol's entries are
    /// refused before they leave Tape, and the run goes on.
    func testAlpacaVenueRefusesWhatTheRiskRulesForbid() throws {
        let paper = try LoopbackServer(script: "alpaca_paper_server.py", arguments: [])
        defer { paper.stop() }
        let (shell, out) = try alpacaShell(paper)
        shell.run(line: "paper risk restricted_symbols AAPL")
        shell.run(line: "broker alpaca")
        _ = out.take()
        shell.run(line: "paper auto entry close > open live AAPL bars 1m count 90")
        let live = out.take()
        let refused = live.filter { $0.contains(" long: buy ") && $0.contains(" refused: ") && $0.contains("restricted") }
        XCTAssertEqual(refused.count, (0..<10).filter { walk(4 * $0 + 3) > walk(4 * $0) }.count, live.joined(separator: "\n"))
        XCTAssertEqual(live.last, "sent 0 orders to Alpaca on 10 closed AAPL minute bars (paper orders, paper fills)")
    }

    /// A shell on the stream server with the paper server's keys (one pair at Alpaca).
    func alpacaShell(_ paper: LoopbackServer) throws -> (Shell, CapturedOutput) {
        setenv("APCA_API_BASE_URL", paper.base + "/v2", 1)
        return try shell("n=40", key: "paper-key-id", secret: "paper-secret")
    }
}
