import TapeCore
import TapeData
import TapeShellTestSupport
import XCTest
@testable import TapeShell

/// `paper` and `broker` at the prompt, on the embedded SPY sample: prices are read from
/// the sample itself, so each expectation follows from the fill rules, not from a rerun.
final class PaperCommandsTests: XCTestCase {
    private var dir: URL!
    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("tape-paper-shell-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    private func shell(ledger: Bool = true, replay: Bool = false) -> Transcript {
        let path = dir.appendingPathComponent("paper.sqlite").path
        let session: Session = replay ? .replaying(SessionFile(), path: "replayed.tape", mode: .check)
            : .script(.commandLine, ledger: ledger ? path : nil)
        return Transcript(session: session)
    }

    func testMarketOrderFillsAtTheNextOpenAndPersists() throws {
        let spy = try XCTUnwrap(try SampleData.bars("SPY"))
        let s = shell()
        s("load SPY")
        XCTAssertEqual(s("paper step"), ["stepped 1 bar to \(CivilTime.format(spy.time[0])): 0 fills, equity 100000.00"])
        XCTAssertEqual(s("paper buy 10 SPY"), ["#1 accepted: buy 10 SPY market day"])
        let fill = spy.open[1]
        let equity = 100_000 - 10 * fill + 10 * spy.close[1]
        XCTAssertEqual(s("paper step"), [
            "stepped 1 bar to \(CivilTime.format(spy.time[1])): 1 fill, equity \(Format.fixed(equity, 2))",
            "  \(CivilTime.format(spy.time[1])) #1 buy 10 SPY at \(Format.fixed(fill, 2))",
        ])
        // A new shell on the same ledger file sees the position.
        let s2 = shell()
        let rows = s2("paper positions")
        XCTAssertEqual(rows.count, 2)
        XCTAssertEqual(rows[1].split(separator: " ").map(String.init),
                       ["SPY", "10", Format.fixed(fill, 2), Format.fixed(spy.close[1], 2), Format.fixed(10 * spy.close[1], 2),
                        Format.fixed(10 * (spy.close[1] - fill), 2), "0.00", "10.00"])
        XCTAssertEqual(s2("paper check").first?.hasPrefix("consistent: "), true)
    }

    func testRejectionsAreErrorsNamingTheRule() {
        let s = shell()
        s("load SPY")
        s("paper step")
        XCTAssertEqual(s("paper risk max_order_notional 1000"), ["max_order_notional = 1000"])
        XCTAssertEqual(s("paper buy 100 SPY").first, "error: rejected by max_order_notional: order notional 13556.25 exceeds 1000.00")
        // Checked by the declarations now (a choice of rules, a whole quantity), with their hints.
        XCTAssertEqual(s("paper risk max_leverage 2").first,
                       "error: unknown rule 'max_leverage' — one of: " + RiskConfig.keys.map(\.key).joined(separator: ", "))
        XCTAssertEqual(s("paper buy 1.5 SPY").first, "error: qty must be a whole number — qty is from 1 to 1000000000")
        XCTAssertEqual(s("paper sell 1 SPY oco").first, "error: oco needs take_profit and stop_loss")
        XCTAssertEqual(s("paper stpe").first, "error: unknown paper subcommand 'stpe' — did you mean 'step'?")
        // A leg ratio out of range used to be traded quietly as a ratio of 1.
        XCTAssertEqual(s("paper buy 1 \"+2000 SPY200221C00330000, -1 SPY200221C00340000\"").first,
                       "error: leg '+2000 SPY200221C00330000': the ratio must be a whole number from 1 to 1000")
        XCTAssertEqual(s("paper buy 1 \"-0 SPY200221C00330000, +1 SPY200221C00340000\"").first,
                       "error: leg '-0 SPY200221C00330000': the ratio must be a whole number from 1 to 1000")
        XCTAssertEqual(s("paper why 1"), ["1999-11-01 rejected: rejected by max_order_notional: order notional 13556.25 exceeds 1000.00"])
    }

    func testAutoModeTradesTheCrossover() throws {
        let s = shell()
        s("load SPY")
        s("let fast = sma(close, 10)")
        s("let slow = sma(close, 20)")
        let lines = s("paper auto entry cross(fast, slow) exit cross(slow, fast) until 2000-06-30")
        XCTAssertTrue(lines.first?.hasPrefix("stepped ") ?? false, "\(lines)")
        let l = try Ledger(path: dir.appendingPathComponent("paper.sqlite").path)
        let b = try l.broker()
        XCTAssertEqual(b.fills.count, 12)
        // Buys and sells alternate and every buy is sized to whole shares within buying power.
        XCTAssertEqual(b.fills.map(\.side), Array(repeating: [OrderSide.buy, .sell], count: 6).flatMap { $0 })
        XCTAssertTrue(b.reconciliation.balances)
    }

    func testReplayUsesAScratchLedgerAndRefusesAlpaca() throws {
        setenv("XDG_STATE_HOME", dir.path, 1)
        defer { unsetenv("XDG_STATE_HOME") }
        let s = shell(ledger: false, replay: true)
        s("load SPY")
        s("paper step")
        s("paper buy 1 SPY")
        XCTAssertEqual(s("broker"), ["broker: sim (ledger scratch)"])
        XCTAssertEqual(s("broker alpaca").first, "error: broker alpaca is not available when running a session file: files never send orders — type it at the prompt, or run a file you trust with tape --trust FILE")
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir.appendingPathComponent("tape/paper.sqlite").path))
    }

    func testBrokerAlpacaNeedsKeys() {
        unsetenv("APCA_API_KEY_ID")
        unsetenv("APCA_API_SECRET_KEY")
        let s = shell()
        XCTAssertEqual(s("broker alpaca").first,
                       "error: Alpaca paper trading needs API keys: set APCA_API_KEY_ID and APCA_API_SECRET_KEY in the environment")
        XCTAssertEqual(s("broker"), ["broker: sim (ledger \(dir.appendingPathComponent("paper.sqlite").path))"])
    }
}
