import Foundation

/// Value and tree Greeks of an option priced on a binomial tree.
public struct TreeResult: Equatable, Sendable {
    public var price: Double
    /// (V₁ᵤ − V₁d)/(S₁ᵤ − S₁d) from the first step of the tree.
    public var delta: Double
    /// Difference of the two step-2 deltas over (S₂ᵤᵤ − S₂dd)/2.
    public var gamma: Double
    /// Per year, from the Black-Scholes equation r·V − (r − q)·S·delta − ½σ²S²·gamma
    /// (QuantLib does not read theta off the tree either).
    public var thetaPerYear: Double
}

/// Cox-Ross-Rubinstein binomial tree exactly as QuantLib's `BinomialVanillaEngine<CoxRossRubinstein>`
/// builds it: dt = T/n, dx = σ√dt, nodes S·e^{(2j−i)·dx}, discount e^{−r·dt} per step, and
/// up-probability p = ½ + ½·(r − q − σ²/2)·dt/dx, which matches the drift of ln S rather than
/// the forward (the textbook p = (e^{(r−q)dt} − d)/(u − d)); the difference vanishes as n
/// grows but is visible at high vol and long expiry.
public enum BinomialTree {
    public static func crr(_ type: OptionType, american: Bool = true, spot: Double, strike: Double, years: Double,
                           rate: Double, dividendYield: Double = 0, vol: Double, steps: Int = 1000,
                           cancel: (@Sendable () -> Bool)? = nil) throws -> TreeResult {
        try BlackScholes.validate(spot: spot, strike: strike, years: years, rate: rate,
                                  dividendYield: dividendYield, vol: vol)
        // The work grows as steps²: 20000 steps is 2e8 node updates, about a second.
        guard (2...20_000).contains(steps) else {
            throw OptionError.invalidInput("tree steps must be between 2 and 20000, got \(steps)")
        }
        let n = steps
        let dt = years / Double(n)
        let dx = vol * dt.squareRoot()
        let p = 0.5 + 0.5 * (rate - dividendYield - 0.5 * vol * vol) * dt / dx
        guard p > 0 && p < 1 else {
            throw OptionError.invalidInput("tree probability \(p) is outside (0, 1): use more steps for this drift and volatility")
        }
        let discount = exp(-rate * dt)
        let pu = discount * p, pd = discount * (1 - p)
        // Node prices S·e^{k·dx} for k = −n…n, computed once (same arguments as QuantLib's
        // per-node exp, so the same doubles).
        let levels = (0...(2 * n)).map { spot * exp(Double($0 - n) * dx) }
        func underlying(_ i: Int, _ j: Int) -> Double { levels[2 * j - i + n] }

        var values = (0...n).map { type.payoff(spot: underlying(n, $0), strike: strike) }
        var step2 = [0.0, 0.0, 0.0], step1 = [0.0, 0.0]
        for i in stride(from: n - 1, through: 0, by: -1) {
            // Every 16 layers: at most 320,000 node updates between checks (a few ms
            // even in a debug build).
            if i & 15 == 0, let cancel, cancel() { throw OptionError.cancelled }
            for j in 0...i {
                var v = pd * values[j] + pu * values[j + 1]
                if american { v = max(v, type.payoff(spot: underlying(i, j), strike: strike)) }
                values[j] = v
            }
            if i == 2 { step2 = Array(values[0...2]) }
            if i == 1 { step1 = Array(values[0...1]) }
        }
        let price = values[0]
        let delta = (step1[1] - step1[0]) / (underlying(1, 1) - underlying(1, 0))
        let upperDelta = (step2[2] - step2[1]) / (underlying(2, 2) - underlying(2, 1))
        let lowerDelta = (step2[1] - step2[0]) / (underlying(2, 1) - underlying(2, 0))
        let gamma = (upperDelta - lowerDelta) / (0.5 * (underlying(2, 2) - underlying(2, 0)))
        let theta = rate * price - (rate - dividendYield) * spot * delta - 0.5 * vol * vol * spot * spot * gamma
        return TreeResult(price: price, delta: delta, gamma: gamma, thetaPerYear: theta)
    }
}
