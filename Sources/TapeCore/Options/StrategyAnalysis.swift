import Foundation

/// A best or worst case: a finite amount, or unbounded as the underlying rises.
public enum ProfitBound: Equatable, Sendable, CustomStringConvertible {
    case finite(Double)
    case unbounded

    public var description: String {
        switch self {
        case .finite(let v): return "\(v)"
        case .unbounded: return "unbounded"
        }
    }
}

/// Risk summary of a strategy at its first expiry.
public struct StrategyAnalysis: Equatable, Sendable {
    /// Positive: debit paid; negative: credit received.
    public var netPremium: Double
    /// Underlying prices at the first expiry where the P&L crosses zero, ascending.
    public var breakevens: [Double]
    /// Largest P&L at the first expiry.
    public var maxProfit: ProfitBound
    /// Largest loss at the first expiry, as a positive amount.
    public var maxLoss: ProfitBound
    /// P(P&L at the first expiry > 0) for a lognormal underlying with the market's
    /// volatility and drift `drift` (risk-neutral r − q unless given).
    public var probabilityOfProfit: Double
    /// Aggregate Greeks today at the market's spot.
    public var greeks: OptionGreeks
    /// True when all options share one expiry: the expiry P&L is then piecewise linear in
    /// the underlying, and breakevens and extremes are exact. Otherwise (calendars,
    /// diagonals) they come from a scan of 4000 log-spaced prices over ±12 standard
    /// deviations refined by bisection / golden section.
    public var exact: Bool
}

extension OptionStrategy {
    /// Breakevens, best and worst case, probability of profit and Greeks.
    /// - Parameter drift: annual drift μ of the underlying for the probability of profit;
    ///   nil means risk-neutral (r − q).
    public func analyze(_ market: StrategyMarket, drift: Double? = nil) throws -> StrategyAnalysis {
        try market.validate()
        if let mu = drift { try Check.finite(mu, "drift") }
        let cost = try netPremium(market)
        let expiry = firstExpiryDays
        let pnl = { (s: Double) -> Double in
            self.legs.reduce(0) { $0 + $1.quantity * self.legValue($1, spot: s, elapsedDays: expiry, market: market) } - cost
        }
        let shape = isSingleExpiry ? linearShape(pnl) : scannedShape(pnl, market: market)
        let pop = probabilityOfProfit(pnl, breakevens: shape.breakevens, market: market,
                                      drift: drift ?? (market.rate - market.dividendYield), years: expiry / 365)
        return StrategyAnalysis(netPremium: cost, breakevens: shape.breakevens, maxProfit: shape.maxProfit,
                                maxLoss: shape.maxLoss, probabilityOfProfit: pop,
                                greeks: try greeks(spot: market.spot, market: market), exact: isSingleExpiry)
    }

    private struct Shape {
        var breakevens: [Double]
        var maxProfit: ProfitBound
        var maxLoss: ProfitBound
    }

    /// Slope of the expiry P&L beyond the highest strike: each call and share adds its
    /// quantity (a call deep in the money moves 1:1), puts add nothing.
    private var terminalSlope: Double {
        legs.reduce(0) { $0 + ($1.kind == .put ? 0 : $1.quantity) }
    }

    /// Exact analysis of a piecewise-linear P&L with kinks at the strikes.
    private func linearShape(_ pnl: (Double) -> Double) -> Shape {
        let points = [0] + Array(Set(legs.filter { $0.kind != .stock }.map(\.strike))).sorted()
        let values = points.map(pnl)
        let slope = terminalSlope
        var roots: [Double] = []
        for i in points.indices {
            if values[i] == 0 && points[i] > 0 { roots.append(points[i]) }
            if i + 1 < points.count, values[i] * values[i + 1] < 0 {
                // Linear between kinks, so the interpolated root is the root.
                let a = points[i], b = points[i + 1]
                roots.append(a + (b - a) * values[i] / (values[i] - values[i + 1]))
            }
        }
        if let lastX = points.last, let lastV = values.last, slope != 0, lastV * slope < 0 {
            roots.append(lastX - lastV / slope)
        }
        let best = values.max() ?? 0, worst = values.min() ?? 0
        return Shape(breakevens: roots.sorted(),
                     maxProfit: slope > 0 ? .unbounded : .finite(best),
                     maxLoss: slope < 0 ? .unbounded : .finite(-worst))
    }

    /// Numeric analysis when legs expire at different dates (later legs keep time value).
    private func scannedShape(_ pnl: (Double) -> Double, market: StrategyMarket) -> Shape {
        let horizon = (legs.map(\.expiryDays).max() ?? 0) / 365
        let spread = 12 * market.vol * horizon.squareRoot()
        let strikes = legs.filter { $0.kind != .stock }.map(\.strike)
        let low = min(market.spot * exp(-spread), (strikes.min() ?? market.spot) / 2)
        let high = max(market.spot * exp(spread), (strikes.max() ?? market.spot) * 2)
        let n = 4000
        let step = log(high / low) / Double(n)
        let xs = (0...n).map { low * exp(Double($0) * step) }
        let ys = xs.map(pnl)
        var roots: [Double] = []
        for i in 0..<n {
            if ys[i] == 0 { roots.append(xs[i]) }
            if ys[i] * ys[i + 1] < 0 { roots.append(bisect(pnl, xs[i], xs[i + 1])) }
        }
        if ys[n] == 0 { roots.append(xs[n]) }
        guard let iMax = ys.indices.max(by: { ys[$0] < ys[$1] }),
              let iMin = ys.indices.min(by: { ys[$0] < ys[$1] }) else {
            return Shape(breakevens: roots, maxProfit: .finite(0), maxLoss: .finite(0))
        }
        let best = refine(pnl, xs, iMax, sign: 1)
        let worst = refine(pnl, xs, iMin, sign: -1)
        // Beyond the scan the P&L moves with the legs' limiting deltas: 1 for shares and
        // expired calls, e^{−qτ} for calls with τ left, 0 for puts.
        let expiry = firstExpiryDays
        let slope = legs.reduce(0.0) { sum, leg in
            switch leg.kind {
            case .put: return sum
            case .stock: return sum + leg.quantity
            case .call:
                let tau = (leg.expiryDays - expiry) / 365
                return sum + leg.quantity * exp(-market.dividendYield * max(tau, 0))
            }
        }
        let tolerance = 1e-12 * legs.reduce(0) { $0 + abs($1.quantity) }
        return Shape(breakevens: roots,
                     maxProfit: slope > tolerance ? .unbounded : .finite(best),
                     maxLoss: slope < -tolerance ? .unbounded : .finite(-worst))
    }

    private func bisect(_ f: (Double) -> Double, _ a0: Double, _ b0: Double) -> Double {
        var a = a0, b = b0
        let fa = f(a)
        for _ in 0..<200 {
            let m = 0.5 * (a + b)
            if m <= a || m >= b { break }
            if (f(m) < 0) == (fa < 0) { a = m } else { b = m }
        }
        return 0.5 * (a + b)
    }

    /// Golden-section refinement of a grid extremum (sign +1: maximum, −1: minimum).
    private func refine(_ f: (Double) -> Double, _ xs: [Double], _ i: Int, sign: Double) -> Double {
        var a = xs[max(i - 1, 0)], b = xs[min(i + 1, xs.count - 1)]
        let g = (5.0.squareRoot() - 1) / 2
        var best = sign * f(xs[i])
        for _ in 0..<80 {
            let c = b - g * (b - a), d = a + g * (b - a)
            let fc = sign * f(c), fd = sign * f(d)
            best = max(best, fc, fd)
            if fc > fd { b = d } else { a = c }
        }
        return sign * best
    }

    /// Probability that S_T lies where the P&L is positive; ln S_T is normal with mean
    /// ln S + (μ − σ²/2)T and variance σ²T. The breakevens split the axis into intervals of
    /// one sign, each tested at an interior point.
    private func probabilityOfProfit(_ pnl: (Double) -> Double, breakevens: [Double], market: StrategyMarket,
                                     drift: Double, years: Double) -> Double {
        guard years > 0 else { return pnl(market.spot) > 0 ? 1 : 0 }
        let sd = market.vol * years.squareRoot()
        let mean = log(market.spot) + (drift - 0.5 * market.vol * market.vol) * years
        func cdf(_ x: Double) -> Double { x <= 0 ? 0 : Normal.cdf((log(x) - mean) / sd) }
        let edges = [0] + breakevens + [Double.infinity]
        var p = 0.0
        for i in 0..<(edges.count - 1) {
            let a = edges[i], b = edges[i + 1]
            let probe = b.isFinite ? (a > 0 ? (a * b).squareRoot() : b / 2) : a * 2 + 1
            if pnl(probe) > 0 { p += (b.isFinite ? cdf(b) : 1) - cdf(a) }
        }
        return p
    }
}
