import TapeCore
import TapeData
import TapeShellTestSupport
import XCTest
@testable import TapeShell

/// `paper` and its subcommands as transcripts: a line in, the lines out. Help and errors
/// come from the declarations, so these pin the declarations' text; numbers come from
/// the embedded SPY sample itself.
final class PaperTranscriptTests: XCTestCase {
    private var dir: URL!
    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("tape-paper-transcript-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    private func shell(_ session: Session? = nil) -> Transcript {
        Transcript(session: session ?? .script(.commandLine, ledger: dir.appendingPathComponent("paper.sqlite").path))
    }

    func testHelpPaperBuyWordForWord() {
        let s = shell()
        XCTAssertEqual(s("help paper buy"), [
            "usage: paper buy QTY SYMBOL [limit P] [stop P] [trail A] [trail_pct P%] [tif day|gtc|ioc|fok]",
            "         [take_profit P] [stop_loss P] [oco] [id TEXT]",
            "  buy QTY of a stock, an option or a spread: market, limit, stop, trailing, bracket or OCO",
            "",
            "  arguments:",
            "    QTY     shares, contracts or spreads (whole number, from 1 to 1000000000)",
            "    SYMBOL  a ticker, an OCC option symbol, or a spread in quotes: \"+1 SYM1, -1 SYM2\"",
            "",
            "  options:",
            "    [limit P]              limit price: fills at this price or better (price or amount, above 0)",
            "    [stop P]               stop price: works once the market touches it (with limit: a stop-limit)",
            "                           (price or amount, above 0)",
            "    [trail A]              trailing stop this far behind the best price since the order was placed",
            "                           (price or amount, above 0)",
            "    [trail_pct P%]         trailing stop this share behind the best price since the order was placed",
            "                           (rate (%, bp or a fraction below 1), above 0% and below 100%)",
            "    [tif day|gtc|ioc|fok]  how long it works: day (default), gtc until cancelled, ioc or fok on its",
            "                           first bar",
            "    [take_profit P]        limit that takes the profit, working once the entry fills (bracket)",
            "                           (price or amount, above 0)",
            "    [stop_loss P]          stop that limits the loss, working once the entry fills (bracket) (price",
            "                           or amount, above 0)",
            "    [oco]                  take_profit and stop_loss as an exit pair for a position: one cancels the",
            "                           other",
            "    [id TEXT]              client order id: submitting the same id again never trades twice",
            "",
            "  paper buy 10 SPY                              market: fills at the next bar's open",
            "  paper buy 10 SPY limit 420 tif gtc            limit, good till cancelled",
            "  paper buy 10 SPY stop 470 limit 471           stop-limit",
            "  paper buy 10 SPY limit 470 take_profit 490 stop_loss 455    bracket",
            "  paper buy 2 SPY200221C00330000                an option (OCC symbol), priced by Black-Scholes",
            "  paper buy 1 \"+1 SPY200221C00330000, -1 SPY200221C00340000\" limit 3.1",
            "                                                a spread as one order (net debit; legs fill",
            "                                                together)",
            "  paper buy 10 SPY id \"order-7\"                 resubmitting id order-7 returns the same order",
        ])
        // The general form's sides are the same declaration.
        XCTAssertEqual(Array(s("help paper order buy").prefix(2)), [
            "usage: paper order buy QTY SYMBOL [limit P] [stop P] [trail A] [trail_pct P%]",
            "         [tif day|gtc|ioc|fok] [take_profit P] [stop_loss P] [oco] [id TEXT]"])
        XCTAssertEqual(Array(s("help paper step").prefix(2)), ["usage: paper step [BARS]",
                                                                  "  process the next BARS bar times of every loaded dataset (default 1)"])
        XCTAssertEqual(Array(s("help paper").prefix(2)), [
            "usage: paper [account|buy|sell|order|orders|positions|fills|why|cancel|step|",
            "         run|auto|risk|resume|config|reset|check] ..."])
    }

    /// Every kind of mistake the dispatcher catches for `paper`, each with its caret.
    func testEachKindOfErrorPointsAtItsCause() {
        let s = shell()
        s("load SPY 2020-01-02..2020-01-31")
        let cases: [(String, [String])] = [
            ("paper stpe", ["error: unknown paper subcommand 'stpe' — did you mean 'step'?", "  paper stpe", "        ^^^^"]),
            ("paper account limit 5", ["error: paper account takes no options — usage: paper account",
                                       "  paper account limit 5", "                ^^^^^"]),
            ("paper buy 10 SPY limt 300", ["error: paper buy has no option 'limt' — did you mean 'limit'? usage: paper buy QTY SYMBOL "
                                           + "[limit P] [stop P] [trail A] [trail_pct P%] [tif day|gtc|ioc|fok] [take_profit P] [stop_loss P] [oco] [id TEXT]",
                                           "  paper buy 10 SPY limt 300", "                   ^^^^"]),
            ("paper buy 10 SPY trail_pct 5", ["error: trail_pct needs a unit: 5 would be 500% — did you mean 5%?",
                                              "  paper buy 10 SPY trail_pct 5", "                             ^"]),
            ("paper buy 10 SPY limit 5%", ["error: limit is a price or amount, not a percentage — write limit 5",
                                           "  paper buy 10 SPY limit 5%", "                         ^^"]),
            ("paper buy 0 SPY", ["error: qty must be from 1 to 1000000000 — got 0", "  paper buy 0 SPY", "            ^"]),
            ("paper sell 2.5 SPY", ["error: qty must be a whole number — qty is from 1 to 1000000000", "  paper sell 2.5 SPY",
                                    "             ^^^"]),
            ("paper buy 10 SPY tif gtd", ["error: unknown tif 'gtd' — did you mean 'gtc'?", "  paper buy 10 SPY tif gtd",
                                          "                       ^^^"]),
            ("paper buy 10", ["error: paper buy needs SYMBOL — usage: paper buy QTY SYMBOL [limit P] [stop P] [trail A] [trail_pct P%] "
                              + "[tif day|gtc|ioc|fok] [take_profit P] [stop_loss P] [oco] [id TEXT]", "  paper buy 10", "            ^^"]),
            ("paper buy 10 SPY take_profit 330", ["error: take_profit and stop_loss go together", "  paper buy 10 SPY take_profit 330",
                                                  "                   ^^^^^^^^^^^"]),
            ("paper sell 10 SPY oco", ["error: oco needs take_profit and stop_loss", "  paper sell 10 SPY oco", "                    ^^^"]),
            ("paper buy 10 SPY trail 2 limit 300", ["error: a trailing stop takes no limit or stop price, and only one of trail and trail_pct",
                                                    "  paper buy 10 SPY trail 2 limit 300", "                   ^^^^^"]),
            ("paper order hold 3", ["error: unknown paper order subcommand 'hold' — one of: buy, sell", "  paper order hold 3",
                                    "              ^^^^"]),
            ("paper step 1 2", ["error: too many arguments for paper step — usage: paper step [BARS]", "  paper step 1 2", "               ^"]),
            ("paper step 0", ["error: bars must be from 1 to 10000000 — got 0", "  paper step 0", "             ^"]),
            ("paper run", ["error: paper run needs until: until DATE — usage: paper run until DATE", "  paper run", "  ^^^^^"]),
            ("paper run until 30d", ["error: until must be a date such as 2021-06-30", "  paper run until 30d", "                  ^^^"]),
            ("paper why 1.5", ["error: expected an order id: a number from paper orders, or an Alpaca id in quotes", "  paper why 1.5",
                               "            ^^^"]),
            ("paper why 7", ["error: no order #7", "  paper why 7", "            ^"]),
            ("paper risk max_order_notionl 5", ["error: unknown rule 'max_order_notionl' — did you mean 'max_order_notional'?",
                                                "  paper risk max_order_notionl 5", "             ^^^^^^^^^^^^^^^^^"]),
            ("paper reset cash -5", ["error: cash must be above 0 — got -5", "  paper reset cash -5", "                   ^^"]),
            ("broker live", ["error: unknown broker 'live' — one of: sim, alpaca", "  broker live", "         ^^^^"]),
        ]
        for (line, expected) in cases {
            XCTAssertEqual(s(line), expected, line)
        }
        // None of them traded or moved the clock.
        XCTAssertEqual(s("paper orders all"), ["no orders"])
    }

    func testTabOffersSubcommandsAndDeclaredValues() {
        let s = shell()
        _ = s.shell.run(line: "load SPY 2020-01-02..2020-01-31")
        func complete(_ line: String) -> [String] {
            ShellCompleter(shell: s.shell).completions(line: line, cursor: line.utf8.count).candidates
        }
        XCTAssertEqual(complete("paper "), ["account", "auto", "buy", "cancel", "check", "config", "fills", "order", "orders", "positions",
                                            "reset", "resume", "risk", "run", "sell", "step", "why"])
        XCTAssertEqual(complete("paper o"), ["order", "orders"])
        XCTAssertEqual(complete("paper order "), ["buy", "sell"])
        XCTAssertEqual(complete("paper buy 10 SPY tif "), ["day", "fok", "gtc", "ioc"])
        XCTAssertEqual(complete("paper buy 10 SPY tif g"), ["gtc"])
        XCTAssertEqual(complete("paper buy 10 SPY take"), ["take_profit"])
        // The symbol's place offers the loaded datasets' symbols, with the keys and names.
        XCTAssertTrue(Set(complete("paper buy 10 S")).isSuperset(of: ["SPY", "stop", "stop_loss"]))
        XCTAssertEqual(complete("paper risk max_o"), ["max_open_orders", "max_order_notional", "max_order_quantity", "max_orders_per_minute"])
        XCTAssertTrue(Set(complete("broker ")).isSuperset(of: ["alpaca", "sim"]))
        XCTAssertEqual(complete("help paper o"), ["order", "orders"])
    }

    /// The README's first session, as written: `load SPY` then `paper buy 10 SPY` used to
    /// fail with "no price seen yet". The clock now starts at SPY's last bar.
    func testReadmeFirstSessionBuysAtTheEndOfTheData() throws {
        let readme = try String(contentsOf: DocsAgreementTests.root.appendingPathComponent("README.md"), encoding: .utf8)
        XCTAssertTrue(readme.contains("tape> load SPY\n"))
        XCTAssertTrue(readme.contains("tape> paper buy 10 SPY\n"))
        let spy = try XCTUnwrap(try SampleData.bars("SPY"))
        let last = try XCTUnwrap(spy.time.last)
        let s = shell()
        s("load SPY")
        XCTAssertEqual(s("paper buy 10 SPY"), [
            "paper clock starts at \(CivilTime.format(last)), the last bar of SPY: orders fill on later bars "
                + "(to walk the data from its first bar: paper reset, then paper step)",
            "#1 accepted: buy 10 SPY market day",
        ])
        // Said once: the clock has started.
        XCTAssertEqual(s("paper buy 5 SPY limit 340 tif gtc"), ["#2 accepted: buy 5 SPY limit 340.00 gtc"])
        XCTAssertEqual(s("paper").first, "paper account as of \(CivilTime.format(last))")
        XCTAssertEqual(s("paper why 1"), ["\(CivilTime.format(last)) submitted: accepted: buy 10 SPY market day"])
        XCTAssertEqual(s("paper step").first,
                       "error: the paper clock is past the end of the loaded data (at \(CivilTime.format(last))) — load later data, or paper reset")
        // Told otherwise: after a reset, stepping first starts at the first bar.
        s("paper reset")
        XCTAssertEqual(s("paper step"), ["stepped 1 bar to \(CivilTime.format(spy.time[0])): 0 fills, equity 100000.00"])
        XCTAssertEqual(s("paper buy 1 SPY"), ["#1 accepted: buy 1 SPY market day"])
    }

    func testWithoutDataAnOrderNamesTheMissingPrice() {
        let s = shell()
        XCTAssertEqual(s("paper buy 10 SPY").first,
                       "error: rejected by invalid_order: no price seen yet for SPY: step the clock over its bars first")
    }

    /// One pass through every subcommand on January 2020, each number read from the bars.
    func testEverySubcommandOnTheSimulator() throws {
        let all = try XCTUnwrap(try SampleData.bars("SPY"))
        let i0 = try XCTUnwrap(all.time.firstIndex { $0 >= CivilTime.timestamp(year: 2020, month: 1, day: 2) })
        let s = shell()
        s("load SPY 2020-01-02..2020-01-31")
        func day(_ k: Int) -> String { CivilTime.format(all.time[i0 + k]) }
        XCTAssertEqual(s("paper"), ["paper account no bars processed yet", "                    value",
                                               "cash            100000.00", "equity          100000.00", "buying power    100000.00",
                                               "realised P&L         0.00", "unrealised P&L       0.00", "commissions          0.00",
                                               "positions               0", "open orders             0"])
        XCTAssertEqual(s("paper step 2"), ["stepped 2 bars to \(day(1)): 0 fills, equity 100000.00"])
        XCTAssertEqual(s("paper buy 10 SPY"), ["#1 accepted: buy 10 SPY market day"])
        XCTAssertEqual(s("paper order sell 4 SPY limit 340 tif gtc"), ["#2 accepted: sell 4 SPY limit 340.00 gtc"])
        XCTAssertEqual(s("paper order buy 1 SPY stop 340 tif gtc"), ["#3 accepted: buy 1 SPY stop 340.00 gtc"])
        XCTAssertEqual(s("paper sell 3 SPY trail_pct 5% tif gtc"), ["#4 accepted: sell 3 SPY trailing stop 5.00% gtc"])
        XCTAssertEqual(s("paper step"), [
            "stepped 1 bar to \(day(2)): 1 fill, equity \(Format.fixed(100_000 - 10 * all.open[i0 + 2] + 10 * all.close[i0 + 2], 2))",
            "  \(day(2)) #1 buy 10 SPY at \(Format.fixed(all.open[i0 + 2], 2))",
        ])
        XCTAssertEqual(s("paper orders"), [
            "id  side  qty  symbol           type     price  tif  status  filled  avg price",
            "2   sell    4     SPY          limit    340.00  gtc     new       0",
            "3    buy    1     SPY           stop    340.00  gtc     new       0",
            "4   sell    3     SPY  trailing_stop  trail 5%  gtc     new       0",
        ])
        XCTAssertEqual(s("paper orders all").count, 5)
        XCTAssertEqual(s("paper cancel 2"), ["cancelled #2"])
        XCTAssertEqual(s("paper cancel 2"), ["error: order #2 is cancelled, not open: nothing to cancel", "  paper cancel 2",
                                                        "               ^"])
        XCTAssertEqual(s("paper why 2").last, "\(day(2)) cancelled: cancelled by request")
        XCTAssertEqual(s("paper positions").dropFirst().first?.split(separator: " ").first, "SPY")
        XCTAssertEqual(s("paper fills"), [
            "date        order  side  qty  symbol   price  commission",
            "\(day(2))     #1   buy   10     SPY  \(Format.fixed(all.open[i0 + 2], 2))        0.00",
        ])
        XCTAssertEqual(s("paper risk max_open_orders"), ["max_open_orders = 100"])
        XCTAssertEqual(s("paper risk max_open_orders 2"), ["max_open_orders = 2"])
        XCTAssertEqual(s("paper risk").count, RiskConfig.keys.count + 1)
        XCTAssertEqual(s("paper config commission_per_share 0.01"), ["commission_per_share = 0.01"])
        XCTAssertEqual(s("paper config").count, BrokerConfig.keys.count + 1)
        XCTAssertEqual(s("paper run until 2020-01-10").first?.hasPrefix("stepped "), true)
        XCTAssertEqual(s("paper check").first?.hasPrefix("consistent: "), true)
        XCTAssertEqual(s("paper reset cash 5000"), ["paper account reset: cash 5000.00"])
        XCTAssertEqual(s("paper orders all"), ["no orders"])
        XCTAssertEqual(s("paper fills"), ["no fills"])
        XCTAssertEqual(s("paper positions"), ["no positions"])
    }

    /// A non-paper base URL trades real money: only at the prompt, only with the switch in
    /// the process's environment. No request is sent to choose the broker.
    func testLiveEndpointNeedsThePromptAndTheSwitch() {
        setenv("APCA_API_KEY_ID", "live-key-id", 1)
        setenv("APCA_API_SECRET_KEY", "live-secret", 1)
        setenv("APCA_API_BASE_URL", "https://api.alpaca.markets", 1)
        unsetenv(BrokerCommand.liveSwitch)
        defer {
            for v in ["APCA_API_KEY_ID", "APCA_API_SECRET_KEY", "APCA_API_BASE_URL", BrokerCommand.liveSwitch] { unsetenv(v) }
        }
        let ledger = dir.appendingPathComponent("paper.sqlite").path
        // `tape -c`: trusted, but not typed at the prompt.
        let script = shell()
        XCTAssertEqual(script("broker alpaca"), [
            "error: APCA_API_BASE_URL is https://api.alpaca.markets, not Alpaca's paper endpoint: orders there trade real money "
                + "— live trading is only for commands typed at the prompt; for paper trading unset APCA_API_BASE_URL",
            "  broker alpaca", "         ^^^^^^"])
        setenv(BrokerCommand.liveSwitch, "1", 1)
        XCTAssertEqual(script("broker alpaca").first?.hasPrefix("error: APCA_API_BASE_URL is https://api.alpaca.markets"), true)
        XCTAssertEqual(script("broker"), ["broker: sim (ledger \(ledger))"])
        unsetenv(BrokerCommand.liveSwitch)
        // At the prompt, without the switch.
        let prompt = shell(.interactive(seed: 1, ledger: ledger, terminal: .none))
        XCTAssertEqual(prompt("broker alpaca").first,
                       "error: APCA_API_BASE_URL is https://api.alpaca.markets, not Alpaca's paper endpoint: orders there trade real money "
                       + "— to trade real money start tape with TAPE_ALLOW_LIVE_TRADING=1; for paper trading unset APCA_API_BASE_URL")
        setenv(BrokerCommand.liveSwitch, "1", 1)
        XCTAssertEqual(prompt("broker alpaca"), ["broker: alpaca LIVE (https://api.alpaca.markets): orders trade real money"])
        XCTAssertEqual(prompt("broker"), ["broker: alpaca LIVE (https://api.alpaca.markets)"])
        XCTAssertEqual(prompt("paper step").first,
                       "error: paper step works on the simulated broker only: Alpaca's clock is the market's — switch with: broker sim")
        XCTAssertEqual(prompt("broker sim"), ["broker: sim"])
        // An untrusted file is refused before the URL is even read.
        let file = shell(.replaying(SessionFile(), path: "x.tape", mode: .script, ledger: ledger))
        XCTAssertEqual(file("broker alpaca").first,
                       "error: broker alpaca is not available when running a session file: files never send orders "
                       + "— type it at the prompt, or run a file you trust with tape --trust FILE")
    }
}
