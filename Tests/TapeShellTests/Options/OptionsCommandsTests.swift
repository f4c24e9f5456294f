import Foundation
import TapeCore
import TapeShellTestSupport
import XCTest
@testable import TapeShell

/// The option commands print what TapeCore computes, in the documented units.
final class OptionsCommandsTests: XCTestCase {
    private func run(_ lines: String...) -> [String] {
        let t = Transcript()
        return lines.flatMap { t($0) }
    }

    func testPriceAndGreeksUseTheCoreValues() throws {
        let g = try BlackScholes.greeks(.call, spot: 100, strike: 105, years: 30.0 / 365, rate: 0.04, dividendYield: 0, vol: 0.25)
        XCTAssertEqual(run("price call spot 100 strike 105 expiry 30d vol 25% rate 4%"),
                       ["call \(Format.number(g.price))  (Black-Scholes-Merton)"])
        let lines = run("greeks call spot=100 strike=105 expiry=30d vol=0.25 rate=0.04")
        XCTAssertTrue(lines.contains { $0.hasPrefix("theta/day") && $0.contains(Format.number(g.thetaPerDay)) }, "\(lines)")
        XCTAssertTrue(lines.contains { $0.hasPrefix("vega/pt") && $0.contains(Format.number(g.vega / 100)) }, "\(lines)")
    }

    func testAmericanEnginesAndIV() throws {
        let crr = try BinomialTree.crr(.put, spot: 100, strike: 105, years: 1, rate: 0.04, dividendYield: 0.02, vol: 0.25, steps: 200)
        XCTAssertEqual(run("price put spot 100 strike 105 expiry 1y vol 25% rate 4% div 2% american steps 200"),
                       ["put \(Format.number(crr.price))  (American, CRR tree 200 steps)"])
        let p = try BlackScholes.price(.put, spot: 100, strike: 95, years: 0.25, rate: 0.03, vol: 0.3)
        XCTAssertEqual(run("iv put price \(p) spot 100 strike 95 expiry 0.25y rate 3%"), ["implied vol 30.0000%  (0.3)"])
        XCTAssertEqual(run("iv call price 0.01 spot 100 strike 80 expiry 30d rate 4%").first,
                       "error: price 0.01 is below the intrinsic value 20.262581820765156")
    }

    func testStrategyAndErrors() {
        let lines = run("strategy long straddle spot 100 expiry 30d vol 20% rate 0 nochart")
        XCTAssertEqual(lines.first, "long straddle")
        XCTAssertTrue(lines.contains("max profit    unbounded"), "\(lines)")
        XCTAssertEqual(run("strategy iron condour spot 100 expiry 30d vol 20% rate 0").first,
                       "error: unknown strategy 'iron condour' — did you mean 'iron condor'?")
        XCTAssertEqual(run("price call spot -5 strike 100 expiry 30d vol 20% rate 0").first,
                       "error: spot must be above 0 — got -5")
        XCTAssertEqual(run("price put spot 100 strike 100 expiry 30d vol 20% rate 0 american steps 1e300").first,
                       "error: steps must be from 2 to 20000 — got 1e+300")
    }

    func testChainCommands() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tape-options-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        var csv = "quote_date,underlying,expiration,type,strike,bid,ask\n"
        for k in [90.0, 100, 110] {
            for t in OptionType.allCases {
                let p = try BlackScholes.price(t, spot: 100, strike: k, years: 30.0 / 365, rate: 0.04, vol: 0.2)
                csv += "2024-01-15,XYZ,2024-02-14,\(t.rawValue),\(k),\(p - 0.01),\(p + 0.01)\n"
            }
        }
        let file = dir.appendingPathComponent("chain.csv").path
        try csv.write(toFile: file, atomically: true, encoding: .utf8)
        let lines = run("chain load \"\(file)\" spot 100 rate 4%", "chain term")
        XCTAssertEqual(lines, ["6 quotes, 1 expiries, 6 with an implied vol", "expiry       years  ATM vol", "2024-02-14  0.0822   20.00%"])
        XCTAssertTrue(run("chain load \"\(file)\" spot 100 rate 4%", "chain smile 1e300")
                      .contains("error: expected an expiry number from 1 to 1"))
        XCTAssertEqual(run("chain term").first, "error: no chain loaded — chain load \"file.csv\" spot S rate R")
    }
}
