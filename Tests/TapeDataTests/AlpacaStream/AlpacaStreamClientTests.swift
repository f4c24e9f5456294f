import Foundation
import TapeCore
import TapeTestSupport
import XCTest
@testable import TapeData

/// The stream client against Tests/Servers/alpaca_stream_server.py on loopback: the
/// protocol's happy path and each way it goes wrong.
final class AlpacaStreamClientTests: XCTestCase {
    static let server: LoopbackServer? = try? LoopbackServer(script: "alpaca_stream_server.py", arguments: [])
    override class func tearDown() { server?.stop() }

    func config(_ query: String, trades: [String] = ["AAPL"], quotes: [String] = [], bars: [String] = [],
                key: String = "test-key-id") throws -> AlpacaStreamConfig {
        guard let port = Self.server?.port else { throw XCTSkip("loopback stream server did not start") }
        let env = ["APCA_API_KEY_ID": key, "APCA_API_SECRET_KEY": "test-secret",
                   "APCA_STREAM_URL": "ws://127.0.0.1:\(port)/v2/test?\(query)&case=\(name.filter(\.isLetter))"]
        var c = try AlpacaStreamConfig.fromEnvironment(env)
        c.trades = trades; c.quotes = quotes; c.bars = bars
        c.firstDelay = 0.05
        c.maxAttempts = 3
        return c
    }

    /// Runs the client until `done` holds for the book, the stream ends, or 20 s pass.
    func run(_ config: AlpacaStreamConfig, until done: (LiveBook) -> Bool) -> (book: LiveBook, tape: StreamTape, finished: Bool) {
        let client = AlpacaStreamClient(config: config)
        client.start()
        defer { client.stop() }
        var book = LiveBook(), tape = StreamTape()
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline {
            let (items, finished) = client.inbox.drain()
            for item in items {
                book.apply(item)
                tape.items.append(item)
            }
            if done(book) || (finished && items.isEmpty) { return (book, tape, finished) }
            usleep(2_000)
        }
        return (book, tape, false)
    }

    func testTradesQuotesAndBarsArriveAndBuiltBarsAgreeWithTheFeed() throws {
        let r = run(try config("n=12", trades: ["AAPL", "MSFT"], quotes: ["AAPL"], bars: ["AAPL", "MSFT"])) { $0.marketMessages >= 12 * 3 + 3 * 2 }
        XCTAssertEqual(r.book.symbols["AAPL"]?.trades, 12)
        XCTAssertEqual(r.book.symbols["MSFT"]?.trades, 12)
        XCTAssertEqual(r.book.symbols["AAPL"]?.quotes, 12)
        // The server's walk starts at 100 + (sum of the symbol's letters mod 7).
        XCTAssertEqual(r.book.symbols["AAPL"]?.builtBars.first?.open, 106.0)
        XCTAssertEqual(r.book.symbols["MSFT"]?.builtBars.first?.open, 100.0 + Double((77 + 83 + 70 + 84) % 7))
        for s in ["AAPL", "MSFT"] {
            let sym = try XCTUnwrap(r.book.symbols[s])
            XCTAssertEqual(sym.feedBars.count, 3)
            // Three whole minutes came as trades; the third is still "building" until a later trade.
            XCTAssertEqual(sym.builtBars + [sym.building].compactMap { $0 }, sym.feedBars, s)
        }
        XCTAssertEqual(r.book.problems, [:])
        XCTAssertEqual(r.book.events.first, "connected")
        // The bid and ask of the last quote: one cent around the last trade.
        let a = try XCTUnwrap(r.book.symbols["AAPL"])
        XCTAssertEqual(a.bid, a.last - 0.01, accuracy: 1e-9)
        XCTAssertEqual(a.ask, a.last + 0.01, accuracy: 1e-9)
    }

    func testBadKeysEndTheStreamWithoutRetrying() throws {
        let r = run(try config("n=4", key: "wrong")) { _ in false }
        XCTAssertTrue(r.finished)
        XCTAssertEqual(r.book.errors, ["error 402: auth failed"], "\(r.book.events)")
        XCTAssertEqual(r.book.events.filter { $0 == "connected" }.count, 1)
        XCTAssertEqual(r.book.events.last, "gave up: error 402: auth failed")
        XCTAssertFalse(String(decoding: r.tape.encoded(), as: UTF8.self).contains("wrong"), "the key never reaches the tape")
    }

    func testSymbolLimitIsReportedAndEndsTheStream() throws {
        let r = run(try config("n=4&limit=1", trades: ["AAPL", "MSFT"])) { _ in false }
        XCTAssertTrue(r.finished)
        XCTAssertEqual(r.book.errors, ["error 405: symbol limit exceeded"])
        XCTAssertEqual(r.book.events.last, "gave up: error 405: symbol limit exceeded")
        XCTAssertEqual(r.book.marketMessages, 0)
    }

    func testDroppedConnectionReconnectsAndResubscribes() throws {
        let r = run(try config("n=8&drop_after=3", bars: ["AAPL"])) { $0.marketMessages >= 10 }
        XCTAssertEqual(r.book.events.filter { $0 == "connected" }.count, 2)
        XCTAssertTrue(r.book.events.contains { $0.hasPrefix("dropped") }, "\(r.book.events)")
        XCTAssertTrue(r.book.events.contains("reconnecting in 0.05s"), "\(r.book.events)")
        // The server resumes where the first connection stopped: nothing lost or repeated.
        let sym = try XCTUnwrap(r.book.symbols["AAPL"])
        XCTAssertEqual(sym.trades, 8)
        XCTAssertEqual(sym.builtBars + [sym.building].compactMap { $0 }, sym.feedBars)
    }

    func testMalformedAndUnknownMessagesAreCountedByKind() throws {
        var reported: [String] = []
        let r = run(try config("n=4&malformed=1")) { book in
            var b = book
            reported += b.takeNewProblems()
            return book.marketMessages >= 4
        }
        XCTAssertEqual(r.book.problems, ["malformed JSON": 2, "unknown message \"zz\"": 2, "unknown message \"t (incomplete)\"": 2])
        XCTAssertEqual(Set(reported).count, 3)
        XCTAssertEqual(r.book.symbols["AAPL"]?.trades, 4, "the good trades after the bad ones still count")
    }

    func testFloodOfTwentyThousandTradesIsAllRead() throws {
        let r = run(try config("flood=20000")) { $0.marketMessages >= 20_000 }
        XCTAssertEqual(r.book.marketMessages, 20_000)
        XCTAssertEqual(r.book.symbols["AAPL"]?.trades, 20_000)
        XCTAssertEqual(r.book.frames, 1 + 1 + 1 + 200)   // connected, authenticated, subscription, 200 frames of 100
    }

    func testSilentPeerIsDroppedWithinTwoPingIntervals() throws {
        var c = try config("silent=1")
        c.pingInterval = .milliseconds(300)
        c.maxAttempts = 1
        let started = Date()
        let r = run(c) { $0.events.contains { $0.hasPrefix("dropped") } }
        XCTAssertTrue(r.book.events.contains { $0.hasPrefix("dropped") }, "\(r.book.events)")
        XCTAssertLessThan(Date().timeIntervalSince(started), 2.0)
    }

    func testTapeRoundTripsFramesByteForByte() throws {
        let tape = StreamTape(items: [.init(arrival: 0, kind: .event, text: "connected"),
                                      .init(arrival: 1_500, kind: .frame, text: "{\"T\":\n\"t\"} é"),
                                      .init(arrival: 2_000, kind: .frame, text: "")])
        XCTAssertEqual(try StreamTape.decode(tape.encoded()), tape)
        XCTAssertThrowsError(try StreamTape.decode(Data("12 m 40\nshort\n".utf8)))
    }

    func testParserReadsAlpacaTimesToTheNanosecond() {
        XCTAssertEqual(AlpacaStreamParser.time("2021-02-22T15:51:44.208Z"), (1_614_009_104 * 1_000_000_000) + 208_000_000)
        XCTAssertEqual(AlpacaStreamParser.time("2021-02-22T15:51:45.335689322Z"), (1_614_009_105 * 1_000_000_000) + 335_689_322)
        XCTAssertNil(AlpacaStreamParser.time("2021-02-22 15:51:45Z"))
    }
}
