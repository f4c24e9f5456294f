import Foundation
import TapeCore

func day(_ n: Int) -> Int64 { CivilTime.timestamp(year: 2024, month: 1, day: 1) + Int64(n) * CivilTime.secondsPerDay }

/// A deterministic wandering price series (no randomness: a fixed linear congruential walk).
func walkBars(_ symbol: String, count: Int, start: Double = 100) -> Bars {
    var b = Bars(symbol: symbol, time: [], open: [], high: [], low: [], close: [], volume: [])
    var x: UInt64 = 42
    var p = start
    for i in 0..<count {
        x = x &* 6364136223846793005 &+ 1442695040888963407
        let r = Double(x >> 11) / Double(1 << 53) - 0.5
        let o = p, c = max(1, p * (1 + r * 0.04))
        b.time.append(day(i))
        b.open.append(o)
        b.high.append(max(o, c) * 1.01)
        b.low.append(min(o, c) * 0.99)
        b.close.append(c)
        b.volume.append(1_000_000)
        p = c
    }
    return b
}

/// The test BSM closure (no dividends), theta per day: enough to price options in the ledger.
let ledgerPricer: OptionPricer = { i in
    let sq = i.volatility * i.years.squareRoot()
    let d1 = (log(i.spot / i.strike) + (i.rate + i.volatility * i.volatility / 2) * i.years) / sq
    let d2 = d1 - sq
    let n = { (x: Double) in 0.5 * erfc(-x / 2.0.squareRoot()) }
    let df = exp(-i.rate * i.years)
    let call = i.spot * n(d1) - i.strike * df * n(d2)
    let price = i.right == .call ? call : call - i.spot + i.strike * df
    return OptionModelOutput(price: price, delta: i.right == .call ? n(d1) : n(d1) - 1, gamma: 0, theta: 0, vega: 0)
}
