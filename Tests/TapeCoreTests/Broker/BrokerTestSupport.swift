import Foundation
import TapeTestSupport
@testable import TapeCore

/// Midnight of a January 2024 day: the tests' daily bars.
func jan(_ d: Int) -> Int64 { CivilTime.timestamp(year: 2024, month: 1, day: d) }

func bar(_ d: Int, _ o: Double, _ h: Double, _ l: Double, _ c: Double, volume: Double? = 1_000_000) -> PriceBar {
    PriceBar(time: jan(d), open: o, high: h, low: l, close: c, volume: volume)
}

/// A broker with no costs and permissive risk, whose clock sits at the close of Jan 1 with SPY at `last`.
func testBroker(cash: Double = 100_000, last: Double = 100, config: (inout BrokerConfig) -> Void = { _ in },
                risk: (inout RiskConfig) -> Void = { _ in }) -> SimBroker {
    var c = BrokerConfig(startingCash: cash)
    config(&c)
    var r = RiskConfig()
    risk(&r)
    var b = SimBroker(config: c, risk: r, pricer: bsmPricer)
    b.process(bar: bar(1, last, last, last, last), symbol: "SPY")
    return b
}

/// Black-Scholes-Merton with continuous dividend yield q: the closed form, Greeks as
/// QuantLib reports them (theta per year). Checked against QuantLib in OptionBrokerTests.
func bsm(call: Bool, spot s: Double, strike k: Double, years t: Double, rate r: Double, q: Double, vol v: Double)
    -> (price: Double, delta: Double, gamma: Double, thetaYear: Double, vega: Double) {
    let sq = v * t.squareRoot()
    let d1 = (log(s / k) + (r - q + v * v / 2) * t) / sq
    let d2 = d1 - sq
    let n = { (x: Double) in 0.5 * erfc(-x / 2.0.squareRoot()) }
    let pdf = { (x: Double) in exp(-x * x / 2) / (2 * Double.pi).squareRoot() }
    let dq = exp(-q * t), dr = exp(-r * t)
    let gamma = dq * pdf(d1) / (s * sq)
    let vega = s * dq * pdf(d1) * t.squareRoot()
    if call {
        let theta = -s * dq * pdf(d1) * v / (2 * t.squareRoot()) - r * k * dr * n(d2) + q * s * dq * n(d1)
        return (s * dq * n(d1) - k * dr * n(d2), dq * n(d1), gamma, theta, vega)
    }
    let theta = -s * dq * pdf(d1) * v / (2 * t.squareRoot()) + r * k * dr * n(-d2) - q * s * dq * n(-d1)
    return (k * dr * n(-d2) - s * dq * n(-d1), -dq * n(-d1), gamma, theta, vega)
}

/// The pricer injected into the broker: BSM without dividends, theta per calendar day.
let bsmPricer: OptionPricer = { i in
    let v = bsm(call: i.right == .call, spot: i.spot, strike: i.strike, years: i.years, rate: i.rate, q: 0, vol: i.volatility)
    return OptionModelOutput(price: v.price, delta: v.delta, gamma: v.gamma, theta: v.thetaYear / 365, vega: v.vega)
}

/// Rows of a CSV fixture in Tests/Fixtures/paper, header excluded.
func fixtureRows(_ name: String) throws -> [[String]] {
    let url = Repository.fixtures("paper/\(name)")
    let text = try String(contentsOf: url, encoding: .utf8)
    return text.split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
}

func gbars() throws -> Bars {
    let rows = try fixtureRows("GOOG.csv")
    var b = Bars(symbol: "GOOG", time: [], open: [], high: [], low: [], close: [], volume: [])
    for r in rows {
        guard let t = CivilTime.parse(Substring(r[0])) else { continue }
        b.time.append(t)
        b.open.append(Double(r[1]) ?? .nan)
        b.high.append(Double(r[2]) ?? .nan)
        b.low.append(Double(r[3]) ?? .nan)
        b.close.append(Double(r[4]) ?? .nan)
        b.volume.append(Double(r[5]) ?? .nan)
    }
    return b
}
