import Foundation
import TapeShellTestSupport
import TapeTestSupport
import XCTest
@testable import TapeShell

/// `broker alpaca` then `paper ...` end to end: the shell, the Alpaca client and libcurl
/// against Tests/Servers/alpaca_paper_server.py on 127.0.0.1.
final class AlpacaBrokerCommandTests: XCTestCase {
    private var server: LoopbackServer?

    override func setUpWithError() throws {
        let s = try LoopbackServer(script: "alpaca_paper_server.py", arguments: [])
        server = s
        setenv("APCA_API_KEY_ID", "paper-key-id", 1)
        setenv("APCA_API_SECRET_KEY", "paper-secret", 1)
        setenv("APCA_API_BASE_URL", s.base + "/v2", 1)
    }

    override func tearDown() {
        unsetenv("APCA_API_KEY_ID")
        unsetenv("APCA_API_SECRET_KEY")
        unsetenv("APCA_API_BASE_URL")
        server?.stop()
    }

    /// The same subcommand rows as the simulator, through the one dispatcher and the
    /// `PaperBroker` shape: same tables, same messages, Alpaca's own numbers.
    func testPaperCommandsGoToAlpacaThroughTheSameRows() throws {
        let run = Transcript()
        let port = String(cString: getenv("APCA_API_BASE_URL")).dropFirst("http://127.0.0.1:".count).prefix { $0 != "/" }
        XCTAssertEqual(run("broker alpaca"), ["broker: alpaca (http://127.0.0.1:\(port))"])
        XCTAssertEqual(run("paper"), ["paper account at alpaca (ACTIVE, USD)", "                 value",
                                      "cash          10000.00", "equity        10000.00", "buying power  10000.00"])
        // The pre-trade checks in front of Alpaca value an order at the loaded data's last close.
        XCTAssertEqual(run("load SPY").count, 1)
        let placed = run("paper buy 3 SPY id \"shell-1\"")
        XCTAssertEqual(placed.count, 1)
        XCTAssertTrue(placed[0].hasPrefix("#"), placed[0])
        XCTAssertTrue(placed[0].hasSuffix(" filled: buy 3 SPY market day (client_order_id shell-1)"), placed[0])
        let filledID = String(placed[0].dropFirst().prefix { $0 != " " })
        // Resubmitting the same client order id returns the same order: it never trades twice.
        XCTAssertEqual(run("paper buy 3 SPY id \"shell-1\""), placed)
        let resting = run("paper order sell 1 SPY limit 105 tif gtc")
        XCTAssertEqual(resting.first?.contains(" new: sell 1 SPY limit gtc (client_order_id tape-"), true, "\(resting)")
        let restingID = String(resting[0].dropFirst().prefix { $0 != " " })
        XCTAssertEqual(Array(run("paper orders").dropFirst()), [
            "\(restingID)  sell    1     SPY  limit  105.00  gtc     new       0"])
        XCTAssertEqual(run("paper orders all").count, 3)
        XCTAssertEqual(run("paper positions"), ["symbol  qty  avg cost    mark   value  unrealised  realised  delta",
                                                "SPY       3    100.00  100.00  300.00        0.00             3.00"])
        XCTAssertEqual(run("paper fills"), ["date                                                 order  side  qty  symbol   price  commission",
                                            "2024-01-02T14:30:02  #\(filledID)   buy    3     SPY  100.00"])
        XCTAssertEqual(run("paper why \"\(filledID)\""), [
            "2024-01-02T14:30:01 submitted: filled: buy 3 SPY market day (client_order_id shell-1)",
            "2024-01-02T14:30:02 fill: buy 3 SPY at 100.00", "status at alpaca: filled"])
        XCTAssertEqual(run("paper cancel \"\(restingID)\""), ["cancel requested for #\(restingID)"])
        XCTAssertEqual(run("paper orders"), ["no open orders (paper orders all: every order)"])
        // Refused in front of Alpaca: the order never reaches it.
        XCTAssertEqual(run("load AAPL").count, 1)
        XCTAssertEqual(run("paper buy 1000 AAPL").first,
                       "error: rejected by buying_power: needs 178460.01, buying power is 9700.00")
        XCTAssertEqual(Array(run("paper why \"no-such-order\"").prefix(2)), ["error: Alpaca has no order no-such-order (404)",
                                                                      "  paper why \"no-such-order\""])
        // What only the simulator has: one line each, naming why.
        // The same pre-trade rules guard Alpaca's orders (issue 17): paper risk shows them.
        XCTAssertEqual(run("paper risk").first?.hasPrefix("rule "), true)
        for (sub, reason) in [("step", "Alpaca's clock is the market's"), ("run until 2024-01-02", "Alpaca's clock is the market's"),
                              ("auto entry close > 0", "Alpaca's clock is the market's"),
                              ("config", "Alpaca charges its own costs"), ("reset", "an Alpaca paper account is reset on Alpaca's dashboard"),
                              ("check", "Alpaca keeps its own books")] {
            let name = "paper " + (sub.split(separator: " ").first.map(String.init) ?? sub)
            XCTAssertEqual(run("paper " + sub).first, "error: \(name) works on the simulated broker only: \(reason) — switch with: broker sim")
        }
        XCTAssertEqual(run("broker sim"), ["broker: sim"])
        XCTAssertEqual(run("paper orders all"), ["no orders"], "the simulator's ledger never saw Alpaca's orders")
    }

    /// A `replay` inside a session that chose Alpaca is a session of its own: it trades on
    /// the simulator's scratch ledger, and no order reaches Alpaca.
    func testReplayInsideAnAlpacaSessionTradesOnTheSimulator() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tape-alpaca-replay-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("orders.tape").path
        try "load SPY 2020-01-02..2020-01-10\npaper step\npaper buy 2 SPY\npaper step\nbroker sim\n".write(toFile: file, atomically: true, encoding: .utf8)
        let run = Transcript(session: .interactive(seed: 1, ledger: dir.appendingPathComponent("mine.sqlite").path, terminal: .none))
        XCTAssertEqual(run("broker alpaca").first?.hasPrefix("broker: alpaca (http://127.0.0.1:"), true)
        let replayed = run("replay \"\(file)\"")
        XCTAssertTrue(replayed.contains("#1 accepted: buy 2 SPY market day"), "\(replayed)")
        XCTAssertTrue(replayed.contains { $0.hasPrefix("  2020-01-03 #1 buy 2 SPY at ") }, "\(replayed)")
        // The replay's `broker sim` was its own: the prompt still talks to Alpaca, which got no order.
        XCTAssertEqual(run("broker").first?.hasPrefix("broker: alpaca"), true)
        XCTAssertEqual(run("paper orders all"), ["no orders"])
        // The user's ledger now holds the Alpaca front's breakers, so it exists; its orders
        // are the simulator's, and the replay put none there.
        XCTAssertEqual(run("broker sim"), ["broker: sim"])
        XCTAssertEqual(run("paper orders all"), ["no orders"], "the replay traded on a scratch ledger, not the user's")
    }
}
