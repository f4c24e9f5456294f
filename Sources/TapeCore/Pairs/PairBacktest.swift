import Foundation

/// A pairs trade run bar by bar with nothing from the future: the hedge ratio, mean and
/// standard deviation of the spread come from the `window` closes up to the signal bar, a
/// signal on a close fills at the next close, and every fill pays `cost` on the notional
/// of both legs. Long the spread (long A, short hedge × B) when z ≤ −entry, short it when
/// z ≥ entry; out when z is back within ±exit, or at the last close.
public struct PairBacktest: Sendable {
    public struct Config: Sendable {
        public var entry: Double
        public var exit: Double
        public var window: Int
        public var method: HedgeMethod
        /// Share of each leg's notional paid per fill.
        public var cost: Double
        public var cash: Double

        public init(entry: Double, exit: Double, window: Int, method: HedgeMethod, cost: Double, cash: Double) {
            (self.entry, self.exit, self.window, self.method, self.cost, self.cash) = (entry, exit, window, method, cost, cash)
        }
    }

    public struct Trade: Sendable, Equatable {
        /// +1 long the spread, −1 short.
        public let direction: Int
        public let entryIndex: Int
        public let exitIndex: Int
        public let hedge: Double
        public let profit: Double
        public let costs: Double
    }

    public let trades: [Trade]
    /// Equity at every close (cash before the first signal can be filled).
    public let equity: [Double]
    public let costs: Double

    public static func run(_ a: [Double], _ b: [Double], _ config: Config) -> PairBacktest { run(a, b, config) {} }

    public static func run(_ a: [Double], _ b: [Double], _ config: Config, cancel: () throws -> Void) rethrows -> PairBacktest {
        let n = min(a.count, b.count)
        var equity = [Double](repeating: config.cash, count: n)
        var trades: [Trade] = []
        var cash = config.cash, totalCosts = 0.0
        // The open position: direction, units of A, hedge, entry prices and index, its costs.
        var open: (d: Int, units: Double, hedge: Double, a: Double, b: Double, at: Int, costs: Double)?
        var pending: Int?  // the order decided on the previous close: +1/−1 to enter, 0 to exit
        guard config.window >= 3, n > config.window else { return PairBacktest(trades: [], equity: equity, costs: 0) }
        var lastHedge = Double.nan
        // Sells the open position at close t: the spread's P&L less the exit cost.
        func closeOpen(at t: Int) {
            guard let o = open else { return }
            let fee = config.cost * o.units * (a[t] + abs(o.hedge) * b[t])
            let pnl = Double(o.d) * o.units * ((a[t] - o.a) - o.hedge * (b[t] - o.b))
            cash += pnl - fee
            totalCosts += fee
            trades.append(Trade(direction: o.d, entryIndex: o.at, exitIndex: t, hedge: o.hedge,
                                profit: pnl - o.costs - fee, costs: o.costs + fee))
            open = nil
        }
        for t in 0..<n {
            if t % 256 == 0 { try cancel() }
            // Fill yesterday's decision at today's close.
            if let order = pending {
                pending = nil
                if order == 0, open != nil {
                    closeOpen(at: t)
                } else if order != 0, open == nil, lastHedge.isFinite {
                    let notional = a[t] + abs(lastHedge) * b[t]
                    if notional > 0, cash > 0 {
                        let units = cash / notional
                        let fee = config.cost * units * notional
                        cash -= fee
                        totalCosts += fee
                        open = (order, units, lastHedge, a[t], b[t], t, fee)
                    }
                }
            }
            var value = cash
            if let o = open { value += Double(o.d) * o.units * ((a[t] - o.a) - o.hedge * (b[t] - o.b)) }
            equity[t] = value
            guard t + 1 >= config.window, t + 1 < n else { continue }
            let lo = t + 1 - config.window
            guard let fit = PairSpread.compute(Array(a[lo...t]), Array(b[lo...t]), method: config.method),
                let z = fit.zScore.last, z.isFinite
            else { continue }
            if let o = open {
                if (o.d > 0 && z >= -config.exit) || (o.d < 0 && z <= config.exit) { pending = 0 }
            } else if z >= config.entry {
                pending = -1; lastHedge = fit.hedge
            } else if z <= -config.entry {
                pending = 1; lastHedge = fit.hedge
            }
        }
        if open != nil, n > 0 {
            closeOpen(at: n - 1)
            equity[n - 1] = cash
        }
        return PairBacktest(trades: trades, equity: equity, costs: totalCosts)
    }

    /// Largest fall from a peak of the equity curve, as a negative fraction.
    public var maxDrawdown: Double {
        var peak = -Double.infinity, worst = 0.0
        for e in equity {
            peak = max(peak, e)
            if peak > 0 { worst = min(worst, e / peak - 1) }
        }
        return worst
    }

    /// Mean over standard deviation of the per-bar returns, times √(bars per year).
    public func sharpe(barsPerYear: Double) -> Double {
        var r: [Double] = []
        for i in equity.indices.dropFirst() where equity[i - 1] > 0 { r.append(equity[i] / equity[i - 1] - 1) }
        guard r.count > 1 else { return .nan }
        let m: Double = r.reduce(0, +) / Double(r.count)
        var ss = 0.0
        for x in r { ss += (x - m) * (x - m) }
        let sd = (ss / Double(r.count - 1)).squareRoot()
        return sd > 0 ? m / sd * barsPerYear.squareRoot() : .nan
    }
}
