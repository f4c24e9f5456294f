/// The option model the shell gives the broker: Black-Scholes-Merton from TapeCore/Options
/// (no dividend yield), theta per calendar day, vega per 1.00 of volatility. Inputs the
/// model cannot price (a zero spot from bad data) give NaN, which the broker treats as
/// "cannot price" rather than as a price.
public enum BlackScholesPricer {
    public static let pricer: OptionPricer = { i in
        guard let g = try? BlackScholes.greeks(i.right, spot: i.spot, strike: i.strike, years: i.years,
                                               rate: i.rate, dividendYield: 0, vol: i.volatility) else {
            return OptionModelOutput(price: .nan, delta: .nan, gamma: .nan, theta: .nan, vega: .nan)
        }
        return OptionModelOutput(price: g.price, delta: g.delta, gamma: g.gamma, theta: g.thetaPerDay, vega: g.vega)
    }
}
