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
    /// −∂V/∂T per year read off the tree: (V₂,₁ − V₀,₀)/(2·dt), the centre node two steps on
    /// sitting at the same spot. Unlike the Black-Scholes-equation theta it is right where
    /// the option is exercised (0 there, where the equation gives r·K − q·S).
    public var thetaFromNodes: Double = .nan
}

/// Cox-Ross-Rubinstein binomial tree exactly as QuantLib's `BinomialVanillaEngine<CoxRossRubinstein>`
/// builds it: dt = T/n, dx = σ√dt, nodes S·e^{(2j−i)·dx}, discount e^{−r·dt} per step, and
/// up-probability p = ½ + ½·(r − q − σ²/2)·dt/dx, which matches the drift of ln S rather than
/// the forward (the textbook p = (e^{(r−q)dt} − d)/(u − d)); the difference vanishes as n
/// grows but is visible at high vol and long expiry (`AmericanCRR` switches to the forward
/// probability there).
///
/// Nodes further than e^{±690} from the spot are held at that distance: their probability
/// is below e^{−800} for any tree whose probabilities are valid, and e^{710} would overflow,
/// so a 300% vol over 3 years at 20,000 steps (n·dx = 735) prices instead of giving inf.
public enum BinomialTree {
    public static func crr(_ type: OptionType, american: Bool = true, spot: Double, strike: Double, years: Double,
                           rate: Double, dividendYield: Double = 0, vol: Double, steps: Int = 1000,
                           cancel: (@Sendable () -> Bool)? = nil) throws -> TreeResult {
        let pair = try run(type, american: american, european: !american, spot: spot, strike: strike, years: years,
                           rate: rate, dividendYield: dividendYield, vol: vol, steps: steps, cancel: cancel)
        return american ? pair.american : pair.european
    }

    /// Which up-probability the tree uses on the same nodes.
    enum Probability {
        /// QuantLib's: ½ + ½·(r − q − σ²/2)·dt/dx, the drift of ln S.
        case logDrift
        /// Cox, Ross and Rubinstein's own: (e^{(r−q)dt} − d)/(u − d), so that the discounted
        /// underlying is a martingale on the tree at any step size.
        case forward
    }

    /// The up-probability at n steps (valid in (0, 1)).
    static func probability(_ kind: Probability = .logDrift, years: Double, rate: Double, dividendYield: Double,
                            vol: Double, steps n: Int) -> Double {
        let dt = years / Double(n)
        let dx = vol * dt.squareRoot()
        switch kind {
        case .logDrift:
            return 0.5 + 0.5 * (rate - dividendYield - 0.5 * vol * vol) * dt / dx
        case .forward:
            // (e^{b·dt} − e^{−dx})/(e^{dx} − e^{−dx}) with expm1, exact when dx is tiny.
            let growth = expm1((rate - dividendYield) * dt), down = expm1(-dx), up = expm1(dx)
            return (growth - down) / (up - down)
        }
    }

    /// The American and/or European values of one tree, in one backward pass.
    static func run(_ type: OptionType, american: Bool, european: Bool, spot: Double, strike: Double, years: Double,
                    rate: Double, dividendYield: Double, vol: Double, steps: Int, probability kind: Probability = .logDrift,
                    cancel: (@Sendable () -> Bool)?) throws -> (american: TreeResult, european: TreeResult) {
        try BlackScholes.validate(spot: spot, strike: strike, years: years, rate: rate,
                                  dividendYield: dividendYield, vol: vol)
        // The work grows as steps²: 20000 steps is 2e8 node updates, about a second.
        guard (2...20_000).contains(steps) else {
            throw OptionError.invalidInput("tree steps must be between 2 and 20000, got \(steps)")
        }
        let n = steps
        let dt = years / Double(n)
        let dx = vol * dt.squareRoot()
        let p = probability(kind, years: years, rate: rate, dividendYield: dividendYield, vol: vol, steps: n)
        guard p > 0 && p < 1 else {
            throw OptionError.invalidInput("tree probability \(p) is outside (0, 1): use more steps for this drift and volatility")
        }
        let discount = exp(-rate * dt)
        let pu = discount * p, pd = discount * (1 - p)
        // Node prices S·e^{k·dx} for k = −n…n, computed once (same arguments as QuantLib's
        // per-node exp, so the same doubles), held within e^{±690} of the spot's scale.
        let top = log(1e300 / spot), bottom = log(1e-300 / spot)
        let levels = (0...(2 * n)).map { spot * exp(min(max(Double($0 - n) * dx, bottom), top)) }
        func underlying(_ i: Int, _ j: Int) -> Double { levels[2 * j - i + n] }

        var am = (0...n).map { type.payoff(spot: underlying(n, $0), strike: strike) }
        var eu = european ? am : []
        // With two steps the step-2 values are the payoffs themselves.
        var am2 = n == 2 ? Array(am[0...2]) : [0.0, 0.0, 0.0], am1 = [0.0, 0.0]
        var eu2 = am2, eu1 = [0.0, 0.0]
        let sign = type.sign
        // The backward pass runs on raw buffers: it is n²/2 node updates, and bounds checks
        // would double its cost. Node (i, j) sits at levels[2j − i + n].
        try levels.withUnsafeBufferPointer { level in
            try am.withUnsafeMutableBufferPointer { a in
                try eu.withUnsafeMutableBufferPointer { e in
                    for i in stride(from: n - 1, through: 0, by: -1) {
                        // Every 16 layers: at most 320,000 node updates between checks (a
                        // few ms even in a debug build).
                        if i & 15 == 0, let cancel, cancel() { throw OptionError.cancelled }
                        if american {
                            for j in 0...i {
                                let exercise = Swift.max(sign * (level[2 * j - i + n] - strike), 0)
                                a[j] = Swift.max(pd * a[j] + pu * a[j + 1], exercise)
                            }
                            if i == 2 { am2 = [a[0], a[1], a[2]] }
                            if i == 1 { am1 = [a[0], a[1]] }
                        }
                        if european {
                            for j in 0...i { e[j] = pd * e[j] + pu * e[j + 1] }
                            if i == 2 { eu2 = [e[0], e[1], e[2]] }
                            if i == 1 { eu1 = [e[0], e[1]] }
                        }
                    }
                }
            }
        }
        func result(_ price: Double, _ step1: [Double], _ step2: [Double]) -> TreeResult {
            let delta = (step1[1] - step1[0]) / (underlying(1, 1) - underlying(1, 0))
            let upperDelta = (step2[2] - step2[1]) / (underlying(2, 2) - underlying(2, 1))
            let lowerDelta = (step2[1] - step2[0]) / (underlying(2, 1) - underlying(2, 0))
            let gamma = (upperDelta - lowerDelta) / (0.5 * (underlying(2, 2) - underlying(2, 0)))
            let theta = rate * price - (rate - dividendYield) * spot * delta - 0.5 * vol * vol * spot * spot * gamma
            return TreeResult(price: price, delta: delta, gamma: gamma, thetaPerYear: theta,
                              thetaFromNodes: (step2[1] - price) / (2 * dt))
        }
        let none = TreeResult(price: .nan, delta: .nan, gamma: .nan, thetaPerYear: .nan)
        return (american ? result(am[0], am1, am2) : none, european ? result(eu[0], eu1, eu2) : none)
    }
}
