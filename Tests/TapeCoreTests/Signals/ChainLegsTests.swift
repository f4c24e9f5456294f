import Foundation
import TapeTestSupport
import XCTest
@testable import TapeCore

/// `ChainLegs.fit` on the synthetic chain of sessions/examples/data/chain.csv (spot 100,
/// rate 4%, expiries 30, 60, 91 and 181 days; make-chain.py there writes it).
final class ChainLegsTests: XCTestCase {
    private let source = "chain.csv"

    private func load() throws -> (text: [Substring], chain: OptionChain, analysis: ChainAnalysis) {
        let text = try String(contentsOfFile: Repository.path("sessions/examples/data/chain.csv"), encoding: .utf8)
        let chain = try OptionChain.parse(csv: text, source: source)
        return (text.split(separator: "\n", omittingEmptySubsequences: false), chain, try chain.analyze(spot: 100, rate: 0.04))
    }

    /// The file's own mid for (expiry, type, strike) and its 1-based line, read from the raw text.
    private func quoted(_ lines: [Substring], _ expiry: String, _ type: String, _ strike: Double) throws -> (mid: Double, line: Int) {
        for (i, l) in lines.enumerated() {
            let f = l.split(separator: ",").map(String.init)
            if f.count == 7, f[2] == expiry, f[3] == type, Double(f[4]) == strike, let bid = Double(f[5]), let ask = Double(f[6]) {
                return ((bid + ask) / 2, i + 1)
            }
        }
        throw OptionError.parse("no \(expiry) \(type) \(strike) in the chain")
    }

    func testIronCondorTakesTheListedStrikesAtMidAndTheirOwnVols() throws {
        let (lines, chain, analysis) = try load()
        // Modelled strikes 88/94/106/112 are not listed: the nearest listed are 90/95/105/110.
        let modelled = try OptionStrategy.named("iron condor", center: 100, width: 6, nearDays: 28)
        let fitted = try ChainLegs.fit(modelled, horizonDays: 28, analysis: analysis, lines: chain.lines, source: source)
        XCTAssertEqual(fitted.legs.map(\.strike), [90, 95, 105, 110])
        XCTAssertEqual(fitted.legs.map(\.quantity), modelled.legs.map(\.quantity))
        XCTAssertEqual(fitted.legs.map(\.expiryDays), [30, 30, 30, 30])
        var credit = 0.0
        for leg in fitted.legs {
            let q = try quoted(lines, "2026-02-01", leg.kind.rawValue, leg.strike)
            XCTAssertEqual(try XCTUnwrap(leg.premium), q.mid, accuracy: 1e-12)
            let row = try XCTUnwrap(analysis.rows.first { $0.quote.expiration == CivilTime.parse("2026-02-01") && $0.quote.strike == leg.strike && $0.quote.type == leg.optionType })
            XCTAssertEqual(try XCTUnwrap(leg.vol), row.iv, accuracy: 1e-12)
            credit -= leg.quantity * q.mid
        }
        let market = StrategyMarket(spot: 100, rate: 0.04, vol: 0.2)
        XCTAssertEqual(try fitted.netPremium(market), -credit, accuracy: 1e-12)
        XCTAssertEqual(credit, 1.0, accuracy: 1e-9)
    }

    func testCalendarFarLegIsTheListedExpiryNearestTwiceTheHorizon() throws {
        let (_, chain, analysis) = try load()
        let at30 = try ChainLegs.fit(try OptionStrategy.named("calendar call spread", center: 100, width: 5, nearDays: 30),
                                     horizonDays: 30, analysis: analysis, lines: chain.lines, source: source)
        XCTAssertEqual(at30.legs.map(\.expiryDays).sorted(), [30, 60])
        let at60 = try ChainLegs.fit(try OptionStrategy.named("calendar call spread", center: 100, width: 5, nearDays: 60),
                                     horizonDays: 60, analysis: analysis, lines: chain.lines, source: source)
        XCTAssertEqual(at60.legs.map(\.expiryDays).sorted(), [60, 91])
    }

    func testAChainWithoutTheNeededExpiryNamesTheFileAndLine() throws {
        let (lines, chain, analysis) = try load()
        let lastExpiryLine = try quoted(lines, "2026-07-02", "call", 70).line
        XCTAssertThrowsError(try ChainLegs.fit(try OptionStrategy.named("long call", center: 100, width: 5, nearDays: 400),
                                               horizonDays: 400, analysis: analysis, lines: chain.lines, source: source)) { e in
            let csv = e as? CSVError
            XCTAssertEqual(csv?.source, source)
            XCTAssertEqual(csv?.line, lastExpiryLine)
            XCTAssertTrue(csv?.message.hasPrefix("no expiry near horizon 400d") ?? false, "\(e)")
        }
        XCTAssertThrowsError(try ChainLegs.fit(try OptionStrategy.named("calendar call spread", center: 100, width: 5, nearDays: 181),
                                               horizonDays: 181, analysis: analysis, lines: chain.lines, source: source)) { e in
            let csv = e as? CSVError
            XCTAssertEqual(csv?.line, lastExpiryLine)
            XCTAssertTrue(csv?.message.contains("needs a second expiry after 2026-07-02") ?? false, "\(e)")
        }
        // Within half the horizon is near enough (45d takes 30d or 60d), beyond is not.
        XCTAssertNoThrow(try ChainLegs.fit(try OptionStrategy.named("long call", center: 100, width: 5, nearDays: 45),
                                           horizonDays: 45, analysis: analysis, lines: chain.lines, source: source))
    }

    func testStrikesTooSparseForTheSpreadAreAnErrorNotANakedLeg() throws {
        let (_, chain, analysis) = try load()
        // 100 and 101 both fall on the listed 100 call: the spread would vanish.
        XCTAssertThrowsError(try ChainLegs.fit(try OptionStrategy.named("bull call spread", center: 100, width: 1, nearDays: 30),
                                               horizonDays: 30, analysis: analysis, lines: chain.lines, source: source)) { e in
            XCTAssertTrue((e as? CSVError)?.message.contains("too sparse") ?? false, "\(e)")
        }
    }

    func testParsedQuotesKeepTheirFileLines() throws {
        let (lines, chain, _) = try load()
        XCTAssertEqual(chain.lines.count, chain.quotes.count)
        for (q, line) in zip(chain.quotes, chain.lines).prefix(40) {
            let f = lines[line - 1].split(separator: ",")
            XCTAssertEqual(Double(String(f[4])), q.strike)
            XCTAssertEqual(CivilTime.parse(f[2]), q.expiration)
        }
    }
}
