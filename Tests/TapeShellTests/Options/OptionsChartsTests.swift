import Foundation
import TapeCore
import TapeShellTestSupport
import TapeTestSupport
import XCTest
@testable import TapeShell

/// Each option result draws its picture: `strategy` its payoff, `greeks ... spot A..B`
/// a Greek against spot, `chain smile` and `chain surface` the implied vols. Runs the
/// commands through a shell in a scratch directory (charts land in ./plots) and checks
/// the printed `chart:` line, the PNG's size and that notebooks were told of the file;
/// the chart data is checked against TapeCore's own analysis.
final class OptionsChartsTests: XCTestCase {
    var scratch: ScratchWorkingDirectory!
    var transcript: Transcript!
    var directory: URL { scratch.url }
    var shell: Shell { transcript.shell }

    static let fixtures = Repository.fixtures("options-batch")

    override func setUpWithError() throws {
        guard GnuplotRunner.isAvailable else { throw XCTSkip("gnuplot is not installed") }
        scratch = try ScratchWorkingDirectory()
        transcript = Transcript()
    }

    override func tearDownWithError() throws {
        scratch?.restore(keep: ProcessInfo.processInfo.environment["TAPE_KEEP_CHARTS"] != nil)
    }

    func enter(_ line: String) -> [String] { transcript(line) }

    /// The command's last line names the chart; the file is a PNG of `size` and the
    /// shell recorded it for the notebook.
    /// `path` is `plots/KIND-HASH.png`: the hash of the session's content is checked by
    /// ChartNamingTests, so only the kind is compared here.
    func assertChart(_ lines: [String], _ pattern: String, size: [Int] = [900, 560], file: StaticString = #filePath, line: UInt = #line) throws {
        XCTAssertEqual(lines.last.map(ChartNamingTests.hashed), "chart: \(pattern)", "\(lines)", file: file, line: line)
        let path = (lines.last ?? "").replacingOccurrences(of: "chart: ", with: "")
        XCTAssertEqual(shell.takeCharts(), [path], "noteChart recorded it", file: file, line: line)
        let png = try PNGInfo(try Data(contentsOf: directory.appendingPathComponent(path)))
        XCTAssertEqual([png.width, png.height], size, file: file, line: line)
        XCTAssertGreaterThan(png.imageDataBytes, 10_000, "more than a blank canvas", file: file, line: line)
    }

    // MARK: strategy

    func testStrategyDrawsItsPayoff() throws {
        let lines = enter("strategy iron condor spot 100 width 5 expiry 45d vol 20% rate 4%")
        XCTAssertEqual(lines.first, "iron condor")
        XCTAssertTrue(lines.contains("breakevens    93.5269, 106.4731"), "\(lines)")
        try assertChart(lines, "plots/payoff-HASH.png")
    }

    func testPayoffChartBreakevensAreTheAnalysisBreakevens() throws {
        let market = StrategyMarket(spot: 100, rate: 0.04, vol: 0.2)
        for name in ["iron condor", "bull call spread", "long straddle", "short put"] {
            let s = try OptionStrategy.named(name, center: 100, width: 5, nearDays: 45, farDays: nil)
            let a = try s.analyze(market, drift: nil)
            guard case .payoff(let chart) = try OptionsCharts.payoff(s, market: market) else {
                return XCTFail("\(name): not a payoff chart")
            }
            XCTAssertEqual(chart.breakevens.count, a.breakevens.count, name)
            for (x, y) in zip(chart.breakevens, a.breakevens) { XCTAssertEqual(x, y, accuracy: 1e-9, name) }
            XCTAssertEqual(chart.spotNow, 100)
            // Today's P&L at today's spot is zero: the position is marked at what it cost.
            if let i = chart.spot.firstIndex(of: 100), let today = chart.today {
                XCTAssertEqual(today[i], 0, accuracy: 1e-9, name)
            }
            XCTAssertTrue(chart.title.hasPrefix("\(name): 45d, vol 20%, rate 4%"), chart.title)
        }
    }

    /// A collar from custom legs with fixed premiums: between the strikes the P&L is
    /// S - 100.4 (stock 100, put paid 1.20, call sold 0.80), floored at 95 and capped at 110.
    func testCustomLegsWithPremiumsDrawTheirPayoff() throws {
        let lines = enter("strategy my collar legs \"+1 stock, +1 put 95 30d @ 1.2, -1 call 110 30d @ 0.8\" spot 100 vol 25% rate 4%")
        XCTAssertEqual(Array(lines.prefix(5)), ["my collar", "leg    qty  strike  days     price", "stock    1                100.0000",
                                                "put      1      95    30    1.2000", "call    -1     110    30    0.8000"])
        XCTAssertTrue(lines.contains("net premium   100.4000 debit"), "\(lines)")
        XCTAssertTrue(lines.contains("breakevens    100.4000"), "\(lines)")
        XCTAssertTrue(lines.contains("max profit    9.6000"), "\(lines)")
        XCTAssertTrue(lines.contains("max loss      5.4000"), "\(lines)")
        try assertChart(lines, "plots/payoff-HASH.png")
    }

    func testCustomLegErrorsNameTheLeg() {
        let tail = " spot 100 vol 25% rate 4%"
        XCTAssertEqual(enter("strategy legs \"+1 call 100 30d, 1 call 100\"" + tail).first,
                       "error: leg 2 '1 call 100': expected QTY call STRIKE EXPIRY, e.g. +1 call 105 30d")
        XCTAssertEqual(enter("strategy legs \"1 call 100 30x\"" + tail).first,
                       "error: leg 1 '1 call 100 30x': expiry '30x' must be a duration such as 30d, 8w, 3m or 1y")
        XCTAssertEqual(enter("strategy legs \"1 bond 100 30d\"" + tail).first,
                       "error: leg 1 '1 bond 100 30d': expected call, put or stock, got 'bond'")
        XCTAssertEqual(enter("strategy legs \"1 put 100 30d @\"" + tail).first,
                       "error: leg 1 '1 put 100 30d @': @ must be followed by the premium, last")
        XCTAssertEqual(enter("strategy legs \"0 call 100 30d\"" + tail).first, "error: leg 1 quantity must not be zero")
        XCTAssertEqual(enter("strategy legs \"1e308 call 100 30d\"" + tail).first,
                       "error: leg 1 '1e308 call 100 30d': quantity must be at most a million units either way")
        XCTAssertEqual(enter("strategy legs \"1 call 100 100000y\"" + tail).first,
                       "error: leg 1 '1 call 100 100000y': expiry must be at most 100 years")
        XCTAssertEqual(enter("strategy legs \"1 call 100 30d\" expiry 60d" + tail).first,
                       "error: expiry does not apply to legs: each leg gives its own strike and expiry")
        XCTAssertEqual(enter("strategy legs 5" + tail).first, "error: legs must be a name or a quoted string")
        XCTAssertEqual(shell.takeCharts(), [])
    }

    func testNochartAndTerminalNoneDrawNothing() throws {
        let plain = enter("strategy long straddle spot 100 expiry 30d vol 20% rate 0 nochart")
        XCTAssertFalse(plain.contains { $0.hasPrefix("chart:") }, "\(plain)")
        XCTAssertEqual(enter("set plot terminal=none"), [])
        let none = enter("greeks call spot 80..120 step 10 strike 100 expiry 30d vol 25% rate 4%")
        XCTAssertFalse(none.contains { $0.hasPrefix("chart:") }, "\(none)")
        XCTAssertEqual(shell.takeCharts(), [])
        XCTAssertFalse(FileManager.default.fileExists(atPath: directory.appendingPathComponent("plots").path))
    }

    // MARK: greeks over a spot range

    func testGreeksOverSpotPrintsATableAndDrawsDelta() throws {
        let lines = enter("greeks call spot 80..120 step 5 strike 100 expiry 30d vol 25% rate 4%")
        XCTAssertEqual(lines.first, "call Black-Scholes-Merton")
        XCTAssertEqual(lines.count, 1 + 1 + 9 + 1, "title, header, 9 spots, chart")
        let g = try BlackScholes.greeks(.call, spot: 95, strike: 100, years: 30.0 / 365, rate: 0.04, dividendYield: 0, vol: 0.25)
        let expected = "95  " + [g.price, g.delta, g.gamma, g.thetaPerDay, g.vegaPerPoint, g.rhoPerPoint].map { Format.fixed($0, 4) }
            .joined(separator: " ")
        XCTAssertEqual(lines[5].split(separator: " ").joined(separator: " "), expected.split(separator: " ").joined(separator: " "))
        try assertChart(lines, "plots/greek-HASH.png")
    }

    func testPlotChoosesTheGreekInTradersUnits() throws {
        XCTAssertEqual(enter("set plot size=640x400"), [])
        try assertChart(enter("greeks put spot 90..110 step 10 strike 100 expiry 60d vol 30% rate 3% div 1% plot theta"),
                        "plots/greek-HASH.png", size: [640, 400])
        let o = try XCTUnwrap(OptionsCharts.plottable.first { $0.name == "theta" })
        let chart = try OptionsCharts.greek(o.name, unit: o.unit, spots: OptionsCharts.curveGrid(90, 110, strike: 100),
                                            title: "t", strike: 100) { s in
            o.value(try BlackScholes.greeks(.put, spot: s, strike: 100, years: 60.0 / 365, rate: 0.03, dividendYield: 0.01, vol: 0.3))
        }
        guard case .greek(let greek) = chart else { return XCTFail("not a Greek chart") }
        XCTAssertEqual(greek.greek, "theta (per calendar day)")
        XCTAssertEqual(greek.spot.first, 90)
        XCTAssertEqual(greek.spot.last, 110)
        XCTAssertTrue(greek.spot.contains(100), "the strike is on the grid")
        let at100 = try BlackScholes.greeks(.put, spot: 100, strike: 100, years: 60.0 / 365, rate: 0.03, dividendYield: 0.01, vol: 0.3)
        let i = try XCTUnwrap(greek.spot.firstIndex(of: 100))
        XCTAssertEqual(greek.series[0].values[i], at100.thetaPerYear / 365, accuracy: 1e-12)
    }

    func testGreeksRangeErrors() {
        XCTAssertEqual(enter("greeks call spot 80..120 step 5 strike 100 expiry 30d vol 25% rate 4% plot gama").first,
                       "error: unknown plot 'gama' — did you mean 'gamma'?")
        XCTAssertEqual(enter("greeks call spot 100 strike 100 expiry 30d vol 25% rate 4% plot gamma").first,
                       "error: plot draws a Greek over a range of spot prices — greeks call spot 80..120 step 5 ... plot gamma")
        XCTAssertEqual(enter("greeks call spot 100..100 strike 100 expiry 30d vol 25% rate 4%").first,
                       "error: a spot range needs 2 to 10000 values, this one has 1")
        XCTAssertEqual(enter("price call spot 80..120 strike 100 expiry 30d vol 25% rate 4%").first,
                       "error: spot takes one value, not a range")
        XCTAssertEqual(shell.takeCharts(), [])
    }

    // MARK: chains

    /// The synthetic chain's prices come from Black-Scholes with
    /// vol = 0.18 + 0.03 sqrt(T) - 0.25 m + 0.36 m² / sqrt(T), m = ln(K/F) (see
    /// PROVENANCE.md); quoted to 4 decimals, so the recovered smile is that formula.
    func testChainSmileAndSurfaceDrawTheChainsVols() throws {
        let file = Self.fixtures.appendingPathComponent("chain-syn.csv").path
        XCTAssertEqual(enter("chain load \"\(file)\" spot 100 rate 4%"), ["54 quotes, 3 expiries, 54 with an implied vol"])
        let smileLines = enter("chain smile")
        try assertChart(smileLines, "plots/smile-HASH.png")
        try assertChart(enter("chain surface"), "plots/surface-HASH.png")

        let a = try XCTUnwrap(shell.workspace.state { ChainState() }.analysis)
        guard case .smile(let smile) = OptionsCharts.smile(a.smiles, analysis: a, underlying: "SYN", spot: 100) else { return XCTFail("not a smile") }
        XCTAssertEqual(smile.curves.map(\.name), ["2024-02-02", "2024-03-15", "2024-06-21"])
        XCTAssertEqual(smile.spot, 100)
        for (curve, s) in zip(smile.curves, a.smiles) {
            XCTAssertEqual(curve.strikes, Array(stride(from: 80.0, through: 120, by: 5)))
            for (k, v) in zip(curve.strikes, curve.vols) {
                let m = log(k / (100 * exp(0.04 * s.years)))
                let model = 0.18 + 0.03 * s.years.squareRoot() - 0.25 * m + 0.36 * m * m / s.years.squareRoot()
                // Deep out-of-the-money short-dated quotes carry little vega, so 4-decimal
                // rounding moves their IV most: allow 1.5 points there, 0.1 near the money.
                XCTAssertEqual(v, model, accuracy: abs(m) > 0.15 && s.years < 0.1 ? 0.015 : 0.001, "\(curve.name) K \(k)")
            }
        }
        guard case .surface(let surface) = OptionsCharts.surface(a.smiles, analysis: a, underlying: "SYN") else { return XCTFail("not a surface") }
        for (days, expected) in zip(surface.expiries, [31.0, 73, 171]) { XCTAssertEqual(days, expected, accuracy: 1e-9) }
        XCTAssertEqual(surface.vols.count, 3)
        XCTAssertFalse(surface.vols.joined().contains { $0.isNaN }, "every expiry quotes every strike")
    }

    /// What a real chain puts in the way of a readable picture: a zero-bid quote, a
    /// strike far beyond the expiry's reach (5 sd), a strike one expiry does not list.
    func testChartsLeaveOutNotedAndFarQuotesAndFillListingGaps() throws {
        var rows = try String(contentsOf: Self.fixtures.appendingPathComponent("chain-syn.csv"), encoding: .utf8)
            .split(separator: "\n").map(String.init)
        rows = rows.map { $0.hasPrefix("2024-01-02,SYN,2024-02-02,put,80,") ? "2024-01-02,SYN,2024-02-02,put,80,0,0.0157" : $0 }
        rows.removeAll { $0.hasPrefix("2024-01-02,SYN,2024-03-15,") && $0.contains(",95,") }
        rows += ["2024-01-02,SYN,2024-02-02,call,200,0.01,0.02", "2024-01-02,SYN,2024-02-02,put,200,99.5,99.8"]
        let chain = try OptionChain.parse(csv: rows.joined(separator: "\n"))
        XCTAssertEqual(chain.quotes.count, 54, "one strike gone from March, one added in February")
        let a = try chain.analyze(spot: 100, rate: 0.04)
        XCTAssertTrue(a.rows.contains { $0.quote.strike == 80 && $0.quote.type == .put && $0.notes == [.zeroBid] })

        guard case .smile(let smile) = OptionsCharts.smile(a.smiles, analysis: a, underlying: "SYN", spot: 100) else { return XCTFail("not a smile") }
        XCTAssertEqual(smile.curves[0].strikes, Array(stride(from: 85.0, through: 120, by: 5)), "no zero-bid 80, no 200 at 10 sd")
        XCTAssertEqual(smile.curves[1].strikes, [80, 85, 90, 100, 105, 110, 115, 120])

        guard case .surface(let surface) = OptionsCharts.surface(a.smiles, analysis: a, underlying: "SYN") else { return XCTFail("not a surface") }
        XCTAssertEqual(surface.strikes, Array(stride(from: 80.0, through: 120, by: 5)))
        XCTAssertTrue(surface.vols[0][0].isNaN, "February has no drawable 80 and nothing below it to interpolate from")
        let march = a.smiles[1].points, k90 = try XCTUnwrap(march.first { $0.strike == 90 }), k100 = try XCTUnwrap(march.first { $0.strike == 100 })
        XCTAssertEqual(surface.vols[1][3], (k90.otm + k100.otm) / 2, accuracy: 1e-15, "March at 95: halfway between 90 and 100")
        XCTAssertEqual(surface.vols[2][3], a.smiles[2].points[3].otm, "June lists 95 itself")
    }

    func testManyExpiriesAreSpreadOverTenCurves() {
        XCTAssertEqual(OptionsCharts.spread(3), [0, 1, 2])
        XCTAssertEqual(OptionsCharts.spread(14), [0, 1, 3, 4, 6, 7, 9, 10, 12, 13])
        XCTAssertEqual(Set(OptionsCharts.spread(1000)).count, 10)
    }

    func testSurfaceNeedsTwoExpiries() throws {
        let csv = directory.appendingPathComponent("one-expiry.csv")
        let rows = try String(contentsOf: Self.fixtures.appendingPathComponent("chain-syn.csv"), encoding: .utf8)
            .split(separator: "\n").filter { $0.hasPrefix("quote_date") || $0.contains(",2024-02-02,") }
        try (rows.joined(separator: "\n") + "\n").write(to: csv, atomically: true, encoding: .utf8)
        XCTAssertEqual(enter("chain load \"one-expiry.csv\" spot 100 rate 4%"), ["18 quotes, 1 expiries, 18 with an implied vol"])
        XCTAssertEqual(enter("chain surface").first,
                       "error: a surface needs at least two expiries and two strikes; this chain has 1 and 9 — chain smile shows a single expiry")
        try assertChart(enter("chain smile 1"), "plots/smile-HASH.png")
    }
}
