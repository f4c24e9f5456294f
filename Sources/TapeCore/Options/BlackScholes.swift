import Foundation

/// European options in closed form: Black-Scholes-Merton with a continuous dividend
/// yield, and Black-76 on futures (`Black76`).
///
/// All rates are continuously compounded per year, `years` is the time to expiry in
/// years (the references use calendar days / 365), `vol` is annualised (0.2 = 20%).
/// The price is the textbook D·ω·(F·N(ωd1) − K·N(ωd2)), forward F = S·e^{(r−q)T}, discount
/// D = e^{−rT}, except where its two terms nearly cancel (out of the money: at 1 day, 1% vol,
/// 5% out it loses 9 digits). There it is D·(max(ω(F − K), 0) + √(F·K)·b(−|x|, s)) with
/// x = ln(F/K), s = σ√T and b Jäckel's normalised Black function of the out-of-the-money
/// option (the time value, by put-call parity the same for both types), which keeps full
/// relative precision down to 1e-300, so price → implied vol → price round-trips exactly.
/// F is computed as S·e^{(r−q)T}, exactly as the implied-volatility solver (and vollib) do:
/// out of the money the price moves by ∂ln V/∂x ≈ |x|/s² per unit of x, thousands on short
/// expiries, so even a one-ulp difference in F would break that round trip.
public enum BlackScholes {
    /// Price and all Greeks (see `OptionGreeks` for units).
    public static func greeks(_ type: OptionType, spot: Double, strike: Double, years: Double,
                              rate: Double, dividendYield: Double = 0, vol: Double) throws -> OptionGreeks {
        try validate(spot: spot, strike: strike, years: years, rate: rate, dividendYield: dividendYield, vol: vol)
        return uncheckedGreeks(type, spot: spot, strike: strike, years: years, rate: rate,
                               dividendYield: dividendYield, vol: vol)
    }

    /// Price only.
    public static func price(_ type: OptionType, spot: Double, strike: Double, years: Double,
                             rate: Double, dividendYield: Double = 0, vol: Double) throws -> Double {
        try validate(spot: spot, strike: strike, years: years, rate: rate, dividendYield: dividendYield, vol: vol)
        return uncheckedPrice(type, spot: spot, strike: strike, years: years, rate: rate,
                              dividendYield: dividendYield, vol: vol)
    }

    /// Throws `OptionError.invalidInput` naming the first input that is out of range.
    public static func validate(spot: Double, strike: Double, years: Double, rate: Double,
                                dividendYield: Double, vol: Double) throws {
        try Check.contract(underlying: spot, "spot", strike: strike, years: years, rate: rate)
        try Check.finite(dividendYield, "dividend yield")
        try Check.positive(vol, "volatility")
    }

    /// Price for inputs already validated (hot loops: strategies, chains, trees).
    public static func uncheckedPrice(_ type: OptionType, spot: Double, strike: Double, years: Double,
                                      rate: Double, dividendYield: Double, vol: Double) -> Double {
        let w = type.sign
        let discount = exp(-rate * years)
        let forward = spot * exp((rate - dividendYield) * years)
        let stdDev = vol * years.squareRoot()
        let d1 = log(forward / strike) / stdDev + 0.5 * stdDev
        return blackPrice(type, forward: forward, strike: strike, stdDev: stdDev, discount: discount,
                          nd1: Normal.cdf(w * d1), nd2: Normal.cdf(w * (d1 - stdDev)))
    }

    /// Discounted Black price given N(ωd1) and N(ωd2): the textbook D·ω·(F·N(ωd1) − K·N(ωd2))
    /// while its two terms differ by at least a quarter of the larger (at most 2 bits lost),
    /// otherwise the normalised form of the type's comment.
    /// `x` is ln(F/K) when the caller has it.
    @inline(__always)
    static func blackPrice(_ type: OptionType, forward: Double, strike: Double, stdDev: Double, discount: Double,
                           nd1: Double, nd2: Double, x: Double? = nil) -> Double {
        let a = forward * nd1, b = strike * nd2
        let textbook = type.sign * (a - b)
        if textbook >= 0.25 * max(a, b) { return discount * textbook }
        return blackPrice(type, forward: forward, strike: strike, stdDev: stdDev, discount: discount, x: x)
    }

    /// Discounted Black price from the forward by the normalised form (see the type's comment).
    static func blackPrice(_ type: OptionType, forward: Double, strike: Double, stdDev: Double,
                           discount: Double, x knownX: Double? = nil) -> Double {
        let x = knownX ?? log(forward / strike)
        let timeValue = forward.squareRoot() * strike.squareRoot() * NormalisedBlack.call(x: -abs(x), s: stdDev)
        return discount * (type.payoff(spot: forward, strike: strike) + timeValue)
    }

    /// Price and Greeks for inputs already validated.
    ///
    /// With ω = ±1 for call/put, s = σ√T, b = r − q:
    /// delta = ω e^{−qT} N(ωd1), gamma = e^{−qT} φ(d1)/(S s), vega = S e^{−qT} φ(d1) √T,
    /// theta = −S e^{−qT} φ(d1) σ/(2√T) − ω r K e^{−rT} N(ωd2) + ω q S e^{−qT} N(ωd1),
    /// rho = ω K T e^{−rT} N(ωd2), dividend rho = −ω S T e^{−qT} N(ωd1),
    /// vanna = −e^{−qT} φ(d1) d2/σ, volga = vega·d1·d2/σ, speed = −gamma (1 + d1/s)/S,
    /// charm = q·delta − e^{−qT} φ(d1) (2bT − d2 s)/(2T s), dual delta = −ω e^{−rT} N(ωd2)
    /// (Haug, The Complete Guide to Option Pricing Formulas, 2nd ed., ch. 2).
    public static func uncheckedGreeks(_ type: OptionType, spot: Double, strike: Double, years: Double,
                                       rate: Double, dividendYield: Double, vol: Double) -> OptionGreeks {
        // One exponential each for D, the growth e^{(r−q)T} and φ(d1); e^{−qT} = D·growth and
        // φ(d2) = φ(d1)·F/K, and Φ takes the Gaussian it shares with φ (`Normal.cdf(_:gaussian:)`),
        // so price and every Greek cost three exponentials, one log and two rationals.
        let w = type.sign
        let sqrtT = years.squareRoot()
        let discount = exp(-rate * years)
        let carry = rate - dividendYield
        let growth = exp(carry * years)
        let dividendDiscount = discount * growth
        let forward = spot * growth
        let stdDev = vol * sqrtT
        let x = log(forward / strike)
        let d1 = x / stdDev + 0.5 * stdDev
        let d2 = d1 - stdDev
        let gaussian = exp(-0.5 * d1 * d1)
        let density = Normal.oneOverSqrtTwoPi * gaussian
        let nd1 = Normal.cdf(w * d1, gaussian: gaussian)
        let nd2 = Normal.cdf(w * d2, gaussian: gaussian * (forward / strike))
        let price = blackPrice(type, forward: forward, strike: strike, stdDev: stdDev, discount: discount,
                               nd1: nd1, nd2: nd2, x: x)
        let spotPart = spot * dividendDiscount          // S e^{−qT}
        let strikePart = strike * discount              // K e^{−rT}
        let delta = w * dividendDiscount * nd1
        let gamma = dividendDiscount * density / (spot * stdDev)
        let vega = spotPart * density * sqrtT
        let theta = -spotPart * density * vol / (2 * sqrtT) - w * rate * strikePart * nd2
            + w * dividendYield * spotPart * nd1
        return OptionGreeks(
            price: price,
            delta: delta,
            gamma: gamma,
            thetaPerYear: theta,
            vega: vega,
            rho: w * strikePart * years * nd2,
            dividendRho: -w * spotPart * years * nd1,
            vanna: -dividendDiscount * density * d2 / vol,
            volga: vega * d1 * d2 / vol,
            charm: dividendYield * delta
                - dividendDiscount * density * (2 * carry * years - d2 * stdDev) / (2 * years * stdDev),
            speed: -gamma * (1 + d1 / stdDev) / spot,
            dualDelta: -w * discount * nd2)
    }
}

/// Black-76: European options on a futures or forward price F, discounted at rate r.
/// It is Black-Scholes-Merton with spot F and dividend yield r (the forward grows at
/// zero carry), except that rho moves the discount only: ∂V/∂r = −T·V with F held fixed,
/// which is BSM's rho plus its dividend rho.
public enum Black76 {
    public static func greeks(_ type: OptionType, forward: Double, strike: Double, years: Double,
                              rate: Double, vol: Double) throws -> OptionGreeks {
        try Check.positive(forward, "forward")
        var g = try BlackScholes.greeks(type, spot: forward, strike: strike, years: years,
                                        rate: rate, dividendYield: rate, vol: vol)
        g.rho += g.dividendRho
        g.dividendRho = 0
        return g
    }

    public static func price(_ type: OptionType, forward: Double, strike: Double, years: Double,
                             rate: Double, vol: Double) throws -> Double {
        try Check.positive(forward, "forward")
        return try BlackScholes.price(type, spot: forward, strike: strike, years: years,
                                      rate: rate, dividendYield: rate, vol: vol)
    }
}
