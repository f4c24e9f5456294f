import Foundation

/// The engines that price an American option.
public enum AmericanEngine: String, CaseIterable, Sendable {
    /// Cox-Ross-Rubinstein tree (QuantLib's), corrected by the European control variate where
    /// the tree alone misses the Black-Scholes value (see `AmericanCRR`).
    case crr
    /// Barone-Adesi and Whaley (1987), as QuantLib computes it.
    case baw
    /// Bjerksund and Stensland (1993), QuantLib's engine: the default `bjs`.
    case bjs
    /// Bjerksund and Stensland (2002): two-piece boundary, closer to the true value.
    case bjs2002
}

/// Value and sensitivities of an American option, in the units of `OptionGreeks`.
public struct AmericanGreeks: Equatable, Sendable {
    public var price: Double
    public var delta: Double
    public var gamma: Double
    /// −∂V/∂T per year (calendar time passing).
    public var thetaPerYear: Double
    /// ∂V/∂σ per 1.00 of volatility.
    public var vega: Double
    /// ∂V/∂r per 1.00 of rate.
    public var rho: Double
    /// How the value was obtained, for output: "CRR tree 1000 steps", ...
    public var method: String

    public var thetaPerDay: Double { thetaPerYear / 365 }
    public var vegaPerPoint: Double { vega / 100 }
    public var rhoPerPoint: Double { rho / 100 }
}

/// One American option's inputs.
public struct AmericanContract: Sendable {
    public var type: OptionType
    public var spot, strike, years, rate, dividendYield, vol: Double

    public init(_ type: OptionType, spot: Double, strike: Double, years: Double, rate: Double,
                dividendYield: Double = 0, vol: Double) {
        self.type = type; self.spot = spot; self.strike = strike; self.years = years
        self.rate = rate; self.dividendYield = dividendYield; self.vol = vol
    }
}

/// American prices and Greeks from every engine. The tree reads delta, gamma and theta
/// off its nodes (theta from the centre node two steps on, not from the Black-Scholes
/// equation as QuantLib does: the equation does not hold where the option is exercised);
/// vega and rho, and every Greek of the closed-form approximations, are central
/// differences of the engine's own price.
public enum American {
    public static func price(_ engine: AmericanEngine, _ c: AmericanContract, steps: Int = 1000,
                             cancel: (@Sendable () -> Bool)? = nil) throws -> (price: Double, method: String) {
        switch engine {
        case .crr:
            let r = try AmericanCRR.value(c, steps: steps, cancel: cancel)
            return (r.price, r.method)
        case .baw: return (try analytic(engine, c), "Barone-Adesi-Whaley")
        case .bjs: return (try analytic(engine, c), "Bjerksund-Stensland 1993")
        case .bjs2002: return (try analytic(engine, c), "Bjerksund-Stensland 2002")
        }
    }

    public static func greeks(_ engine: AmericanEngine, _ c: AmericanContract, steps: Int = 1000,
                              cancel: (@Sendable () -> Bool)? = nil) throws -> AmericanGreeks {
        if engine == .crr { return try AmericanCRR.greeks(c, steps: steps, cancel: cancel) }
        let (price, method) = try self.price(engine, c)
        // Bumped values solve BAW's critical price to 1e-12 of the strike (the price itself
        // keeps QuantLib's 1e-6), so the differences are not of iteration noise.
        func f(_ x: AmericanContract) throws -> Double { try analytic(engine, x, tolerance: 1e-12) }
        let base = try f(c)
        // Five-point differences (error O(h⁴)) with steps of 0.1% of the distribution's
        // width σ√T·S: the truncation is then far below the price's own rounding, and the
        // rounding (the formulas cancel terms of the size of the spot) is divided by an h
        // large enough to keep it near 1e-9 of gamma.
        let hs = 1e-3 * c.spot * min(c.vol * c.years.squareRoot(), 1)
        var points: [Double] = []
        for k in [-2.0, -1, 1, 2] {
            var x = c
            x.spot += k * hs
            points.append(try f(x))
        }
        let delta = (points[0] - 8 * points[1] + 8 * points[2] - points[3]) / (12 * hs)
        let gamma = (-points[0] + 16 * points[1] - 30 * base + 16 * points[2] - points[3]) / (12 * hs * hs)
        let hv = 1e-4 * c.vol
        let vega = try (f(bumped(c, vol: hv)) - f(bumped(c, vol: -hv))) / (2 * hv)
        let hr = 1e-5
        let rho = try (f(bumped(c, rate: hr)) - f(bumped(c, rate: -hr))) / (2 * hr)
        let theta = try self.theta(c, f)
        return AmericanGreeks(price: price, delta: delta, gamma: gamma, thetaPerYear: theta, vega: vega, rho: rho,
                              method: method)
    }

    static func analytic(_ engine: AmericanEngine, _ c: AmericanContract, tolerance: Double = 1e-6) throws -> Double {
        switch engine {
        case .baw:
            return try BaroneAdesiWhaley.price(c.type, spot: c.spot, strike: c.strike, years: c.years, rate: c.rate,
                                               dividendYield: c.dividendYield, vol: c.vol, tolerance: tolerance)
        case .bjs:
            return try BjerksundStensland.price(c.type, spot: c.spot, strike: c.strike, years: c.years, rate: c.rate,
                                                dividendYield: c.dividendYield, vol: c.vol)
        case .bjs2002:
            return try BjerksundStensland.price2002(c.type, spot: c.spot, strike: c.strike, years: c.years, rate: c.rate,
                                                    dividendYield: c.dividendYield, vol: c.vol)
        case .crr:
            return try AmericanCRR.value(c, steps: 1000, cancel: nil).price
        }
    }

    static func bumped(_ c: AmericanContract, vol dv: Double = 0, rate dr: Double = 0, years dt: Double = 0) -> AmericanContract {
        var x = c
        x.vol += dv
        x.rate += dr
        x.years += dt
        return x
    }

    /// −∂V/∂T by a central difference (forward from the expiry side when T is tiny).
    static func theta(_ c: AmericanContract, _ f: (AmericanContract) throws -> Double) throws -> Double {
        let h = min(1e-4 * c.years, 1.0 / 365)
        if c.years - h <= 0 { return try -(f(bumped(c, years: h)) - f(c)) / h }
        return try -(f(bumped(c, years: h)) - f(bumped(c, years: -h))) / (2 * h)
    }
}

/// The CRR tree as an American engine that stays accurate where QuantLib's tree does not.
///
/// QuantLib's up-probability matches the drift of ln S, not the forward, so each step's
/// expected growth of the underlying is off by about σ⁴dt²/12: over n steps σ⁴T²/(12n) of
/// the forward. Negligible at ordinary inputs (3e-7 at 25% vol over a year), it reaches 67%
/// at 300% vol over 10 years, where the tree's European value drifts from Black-Scholes
/// and, worse, its underlying grows slower than the rate and calls without dividends are
/// exercised early (priced above the spot). So: where QuantLib's probability misses the
/// forward by at most 1e-4 over the tree, the answer is QuantLib's tree exactly; elsewhere
/// it is the same nodes with Cox, Ross and Rubinstein's own forward-matching probability,
/// plus the European control variate (Hull and White: the tree's European error added
/// back, since the tree errs nearly alike for both exercise styles). Against QuantLib's
/// converged engine on 384 hard cases (Tests/Fixtures/american): worst 0.07% at 1,000
/// steps. Where a probability leaves (0, 1) at the steps asked (low volatility, high
/// carry), the steps double until it does, up to 20,000.
public enum AmericanCRR {
    /// Relative miss of the forward over the whole tree above which QuantLib's
    /// probability gives way to the forward-matching one.
    static let tolerance = 1e-4

    public struct Value: Sendable {
        public var price: Double
        public var delta: Double
        public var gamma: Double
        public var thetaPerYear: Double
        public var method: String
        /// The tree that priced it, for the Greeks' bumped trees.
        var steps: Int
        var probability: BinomialTree.Probability
    }

    /// |ln E[S_T]/F| on QuantLib's tree at n steps: n·(ln(p·e^{dx} + (1 − p)·e^{−dx}) − b·dt).
    static func forwardMiss(_ c: AmericanContract, _ n: Int) -> Double {
        let dt = c.years / Double(n)
        let dx = c.vol * dt.squareRoot()
        let p = BinomialTree.probability(years: c.years, rate: c.rate, dividendYield: c.dividendYield, vol: c.vol, steps: n)
        let growth = p * expm1(dx) + (1 - p) * expm1(-dx)
        return abs(Double(n) * (log1p(growth) - (c.rate - c.dividendYield) * dt))
    }

    /// Steps at which the probability is inside (0, 1), from `steps` doubling; nil past 20,000.
    static func validSteps(_ c: AmericanContract, _ steps: Int, _ kind: BinomialTree.Probability) -> Int? {
        var n = steps
        while true {
            let p = BinomialTree.probability(kind, years: c.years, rate: c.rate, dividendYield: c.dividendYield,
                                             vol: c.vol, steps: n)
            if p > 0 && p < 1 { return n }
            if n >= 20_000 { return nil }
            n = min(2 * n, 20_000)
        }
    }

    static func trees(_ c: AmericanContract, _ n: Int, _ kind: BinomialTree.Probability, american: Bool = true,
                      european: Bool = true, _ cancel: (@Sendable () -> Bool)?) throws -> (american: TreeResult, european: TreeResult) {
        try BinomialTree.run(c.type, american: american, european: european, spot: c.spot, strike: c.strike, years: c.years,
                             rate: c.rate, dividendYield: c.dividendYield, vol: c.vol, steps: n, probability: kind,
                             cancel: cancel)
    }

    public static func value(_ c: AmericanContract, steps: Int, cancel: (@Sendable () -> Bool)?) throws -> Value {
        try BlackScholes.validate(spot: c.spot, strike: c.strike, years: c.years, rate: c.rate,
                                  dividendYield: c.dividendYield, vol: c.vol)
        guard (2...20_000).contains(steps) else {
            throw OptionError.invalidInput("tree steps must be between 2 and 20000, got \(steps)")
        }
        let bs = BlackScholes.uncheckedGreeks(c.type, spot: c.spot, strike: c.strike, years: c.years, rate: c.rate,
                                              dividendYield: c.dividendYield, vol: c.vol)
        let p = BinomialTree.probability(years: c.years, rate: c.rate, dividendYield: c.dividendYield, vol: c.vol,
                                         steps: steps)
        var why = "QuantLib's probability is outside (0, 1) at \(steps) steps"
        if p > 0 && p < 1 {
            let miss = forwardMiss(c, steps)
            if miss <= tolerance {
                let am = try trees(c, steps, .logDrift, american: true, european: false, cancel).american
                return Value(price: am.price, delta: am.delta, gamma: am.gamma, thetaPerYear: am.thetaFromNodes,
                             method: "CRR tree \(steps) steps", steps: steps, probability: .logDrift)
            }
            why = "QuantLib's probability misses the forward by " + String(format: "%.2g", 100 * miss) + "% over the tree"
        }
        guard let n = validSteps(c, steps, .forward) else {
            throw OptionError.invalidInput(
                "the CRR tree's probability is outside (0, 1) for this carry and volatility even at 20000 steps: use engine bjs or baw")
        }
        let t = try trees(c, n, .forward, american: true, european: true, cancel)
        let am = t.american, eu = t.european
        // Never below immediate exercise, which the correction's rounding could cross.
        let price = max(am.price + (bs.price - eu.price), c.type.payoff(spot: c.spot, strike: c.strike))
        let delta = am.delta + (bs.delta - eu.delta)
        let gamma = am.gamma + (bs.gamma - eu.gamma)
        let theta = am.thetaFromNodes + (bs.thetaPerYear - eu.thetaFromNodes)
        return Value(price: price, delta: delta, gamma: gamma, thetaPerYear: theta,
                     method: "CRR tree \(n) steps, forward-matching probability and Black-Scholes control variate (\(why))",
                     steps: n, probability: .forward)
    }

    /// Vega and rho: the Black-Scholes vega and rho plus the derivative of the tree's
    /// early-exercise premium (American minus European on the same nodes, which cancels
    /// most of the tree's oscillation in σ and r), on the tree that priced the option.
    public static func greeks(_ c: AmericanContract, steps: Int, cancel: (@Sendable () -> Bool)?) throws -> AmericanGreeks {
        let v = try value(c, steps: steps, cancel: cancel)
        let bs = BlackScholes.uncheckedGreeks(c.type, spot: c.spot, strike: c.strike, years: c.years, rate: c.rate,
                                              dividendYield: c.dividendYield, vol: c.vol)
        func premium(_ x: AmericanContract) throws -> Double {
            let t = try trees(x, v.steps, v.probability, cancel)
            return t.american.price - t.european.price
        }
        let hv = 0.01 * c.vol
        let vega = bs.vega + (try premium(American.bumped(c, vol: hv)) - premium(American.bumped(c, vol: -hv))) / (2 * hv)
        let hr = 1e-3
        let rho = bs.rho + (try premium(American.bumped(c, rate: hr)) - premium(American.bumped(c, rate: -hr))) / (2 * hr)
        return AmericanGreeks(price: v.price, delta: v.delta, gamma: v.gamma, thetaPerYear: v.thetaPerYear,
                              vega: vega, rho: rho, method: v.method)
    }
}
