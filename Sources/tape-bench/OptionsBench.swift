import Foundation
import TapeCore

/// Options hot paths over 1,000,000 seeded random European options (spot 5..500,
/// log-moneyness ±0.5, 1 day..5 years, vol 5%..150%, rate −1%..8%, yield 0..6%):
/// price with all Greeks (the checked public call), and implied volatility of those prices.
/// Each is timed three times; the best run is reported, as CPU time of this thread (the
/// bench machine is shared, and wall time would count other processes' turns) and wall time.
func benchOptions() {
    let n = 1_000_000
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    func uniform() -> Double {   // splitmix64: fixed seed, same inputs on every run
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Double((z ^ (z >> 31)) >> 11) / Double(1 << 53)
    }
    var types = [OptionType](), spots = [Double](), strikes = [Double](), years = [Double]()
    var rates = [Double](), yields = [Double](), vols = [Double]()
    types.reserveCapacity(n); spots.reserveCapacity(n); strikes.reserveCapacity(n); years.reserveCapacity(n)
    rates.reserveCapacity(n); yields.reserveCapacity(n); vols.reserveCapacity(n)
    for _ in 0..<n {
        let s = 5 + 495 * uniform()
        types.append(uniform() < 0.5 ? .call : .put)
        spots.append(s)
        strikes.append(s * exp(uniform() - 0.5))
        years.append((1 + 1824 * uniform()).rounded() / 365)
        rates.append(-0.01 + 0.09 * uniform())
        yields.append(0.06 * uniform())
        vols.append(0.05 + 1.45 * uniform())
    }

    func best(_ label: String, _ body: () -> Double) {
        var bestCPU = Double.infinity, bestWall = Double.infinity
        var checksum = 0.0
        for _ in 0..<3 {
            let wall = DispatchTime.now().uptimeNanoseconds
            let cpu = threadCPUNanoseconds()
            checksum = body()
            bestCPU = min(bestCPU, (threadCPUNanoseconds() - cpu) / Double(n))
            bestWall = min(bestWall, Double(DispatchTime.now().uptimeNanoseconds - wall) / Double(n))
        }
        print("\(label): \(String(format: "%.1f", bestCPU)) ns/op (cpu; wall \(String(format: "%.1f", bestWall)) ns; checksum \(String(format: "%.6g", checksum)))")
    }

    var prices = [Double](repeating: 0, count: n)
    best("options.greeks (price + all Greeks, checked)") {
        var sum = 0.0
        for i in 0..<n {
            if let g = try? BlackScholes.greeks(types[i], spot: spots[i], strike: strikes[i], years: years[i],
                                                rate: rates[i], dividendYield: yields[i], vol: vols[i]) {
                prices[i] = g.price
                sum += g.price + g.delta + g.gamma + g.thetaPerYear + g.vega + g.rho + g.dividendRho
            }
        }
        return sum
    }
    best("options.implied_vol (Let's Be Rational)") {
        var sum = 0.0
        for i in 0..<n {
            if let iv = try? ImpliedVolatility.bsm(price: prices[i], type: types[i], spot: spots[i], strike: strikes[i],
                                                   years: years[i], rate: rates[i], dividendYield: yields[i]) {
                sum += iv
            }
        }
        return sum
    }
}
