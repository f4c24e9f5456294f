/// The built-in strategies, each reduced to signal arrays from causal indicators.
/// Parameter `shorts 1` makes a strategy stop-and-reverse (the opposite signal goes
/// short); `shorts 0` keeps it long-only. (Not `short`: the shell's `backtest ... short
/// when EXPR` uses that word.)
enum BuiltinStrategies {
    static let table: [StrategyInfo] = [
        StrategyInfo(name: "sma_cross", help: "long when SMA(fast) crosses above SMA(slow); short (or exit) on the cross below",
                     kind: .singleSymbol,
                     parameters: [.init("fast", 10, "fast SMA period"), .init("slow", 20, "slow SMA period"),
                                  .init("shorts", 1, "1 = stop-and-reverse, 0 = long only", minimum: 0)],
                     build: { bars, p, cache in
                         let f = try period(p, "fast"), s = try period(p, "slow")
                         let (fast, slow) = cache.values("sma:\(f)", "sma:\(s)",
                                                         single: { StrategyIndicators.sma(bars.close, $0 == 0 ? f : s) },
                                                         both: { StrategyIndicators.smaPair(bars.close, f, s) })
                         return try crossStrategy("sma_cross(fast \(f), slow \(s))", bars, fast, slow, reverse: p["shorts"] == 1)
                     }),
        StrategyInfo(name: "ema_cross", help: "long when EMA(fast) crosses above EMA(slow); short (or exit) on the cross below",
                     kind: .singleSymbol,
                     parameters: [.init("fast", 12, "fast EMA period"), .init("slow", 26, "slow EMA period"),
                                  .init("shorts", 1, "1 = stop-and-reverse, 0 = long only", minimum: 0)],
                     build: { bars, p, cache in
                         let f = try period(p, "fast"), s = try period(p, "slow")
                         let fast = cache.value("ema:\(f)") { StrategyIndicators.ema(bars.close, f) }
                         let slow = cache.value("ema:\(s)") { StrategyIndicators.ema(bars.close, s) }
                         return try crossStrategy("ema_cross(fast \(f), slow \(s))", bars, fast, slow, reverse: p["shorts"] == 1)
                     }),
        StrategyInfo(name: "macd", help: "long when the MACD line crosses above its signal line; short (or exit) on the cross below",
                     kind: .singleSymbol,
                     parameters: [.init("fast", 12, "fast EMA period"), .init("slow", 26, "slow EMA period"),
                                  .init("signal", 9, "signal EMA period"),
                                  .init("shorts", 0, "1 = stop-and-reverse, 0 = long only", minimum: 0)],
                     build: { bars, p, cache in
                         let f = try period(p, "fast"), s = try period(p, "slow"), g = try period(p, "signal")
                         let fast = cache.value("ema:\(f)") { StrategyIndicators.ema(bars.close, f) }
                         let slow = cache.value("ema:\(s)") { StrategyIndicators.ema(bars.close, s) }
                         var line = [Double](repeating: .nan, count: bars.count)
                         for i in 0..<bars.count { line[i] = fast[i] - slow[i] }
                         let signal = StrategyIndicators.ema(line, g)
                         return try crossStrategy("macd(\(f), \(s), \(g))", bars, line, signal, reverse: p["shorts"] == 1)
                     }),
        StrategyInfo(name: "rsi_reversion", help: "long when RSI falls below lower, exit when it rises above upper (short mirrors)",
                     kind: .singleSymbol,
                     parameters: [.init("period", 14, "RSI period"), .init("lower", 30, "oversold level", integer: false, minimum: 0),
                                  .init("upper", 70, "overbought level", integer: false, minimum: 0),
                                  .init("shorts", 0, "1 = also short above upper, 0 = long only", minimum: 0)],
                     build: { bars, p, cache in
                         let n = try period(p, "period")
                         let lo = p["lower"] ?? 30, hi = p["upper"] ?? 70
                         guard lo < hi, hi <= 100 else { throw BacktestError.invalidParameter("rsi_reversion needs lower < upper <= 100") }
                         let rsi = cache.value("rsi:\(n)") { StrategyIndicators.rsi(bars.close, n) }
                         let below = rsi.map { $0 < lo }, above = rsi.map { $0 > hi }
                         let short = p["shorts"] == 1
                         return try SignalStrategy(name: "rsi_reversion(\(n), \(StrategyRegistry.format(lo))/\(StrategyRegistry.format(hi)))",
                                                   count: bars.count, entryLong: below, exitLong: above,
                                                   entryShort: short ? above : nil, exitShort: short ? below : nil,
                                                   warmup: StrategyIndicators.firstValid([rsi]))
                     }),
        StrategyInfo(name: "bollinger_reversion", help: "long below the lower band, exit at the middle band (short mirrors at the upper band)",
                     kind: .singleSymbol,
                     parameters: [.init("period", 20, "SMA and deviation period"),
                                  .init("k", 2, "band width in standard deviations", integer: false, minimum: 0),
                                  .init("shorts", 0, "1 = also short above the upper band, 0 = long only", minimum: 0)],
                     build: { bars, p, cache in
                         let n = try period(p, "period"), k = p["k"] ?? 2
                         let mid = cache.value("sma:\(n)") { StrategyIndicators.sma(bars.close, n) }
                         let sd = cache.value("std:\(n)") { StrategyIndicators.rollingStd(bars.close, n) }
                         let c = bars.close
                         var below = [Bool](repeating: false, count: c.count), above = below, overMid = below, underMid = below
                         for i in 0..<c.count {
                             below[i] = c[i] < mid[i] - k * sd[i]
                             above[i] = c[i] > mid[i] + k * sd[i]
                             overMid[i] = c[i] > mid[i]
                             underMid[i] = c[i] < mid[i]
                         }
                         let short = p["shorts"] == 1
                         return try SignalStrategy(name: "bollinger_reversion(\(n), \(StrategyRegistry.format(k)))", count: c.count,
                                                   entryLong: below, exitLong: overMid,
                                                   entryShort: short ? above : nil, exitShort: short ? underMid : nil,
                                                   warmup: StrategyIndicators.firstValid([mid, sd]))
                     }),
        StrategyInfo(name: "donchian_breakout", help: "long on a close above the highest high of the prior entry_channel bars, exit below the lowest low of the prior exit_channel bars",
                     kind: .singleSymbol,
                     parameters: [.init("entry_channel", 20, "breakout channel length"), .init("exit_channel", 10, "exit channel length"),
                                  .init("shorts", 0, "1 = also short on breakdowns, 0 = long only", minimum: 0)],
                     build: { bars, p, cache in
                         let e = try period(p, "entry_channel"), x = try period(p, "exit_channel")
                         // Cached like every other built-in's indicators: a channel costs
                         // bars × length, recomputed on every trial of a search otherwise.
                         func high(_ n: Int) -> [Double] { cache.value("high_max:\(n)") { StrategyIndicators.priorMax(bars.high, n) } }
                         func low(_ n: Int) -> [Double] { cache.value("low_min:\(n)") { StrategyIndicators.priorMin(bars.low, n) } }
                         let hiE = high(e), loE = low(e), hiX = high(x), loX = low(x)
                         let c = bars.close
                         var up = [Bool](repeating: false, count: c.count), down = up, exitL = up, exitS = up
                         for i in 0..<c.count {
                             up[i] = c[i] > hiE[i]; down[i] = c[i] < loE[i]
                             exitL[i] = c[i] < loX[i]; exitS[i] = c[i] > hiX[i]
                         }
                         let short = p["shorts"] == 1
                         return try SignalStrategy(name: "donchian_breakout(\(e), \(x))", count: c.count, entryLong: up, exitLong: exitL,
                                                   entryShort: short ? down : nil, exitShort: short ? exitS : nil,
                                                   warmup: StrategyIndicators.firstValid([hiE, loE, hiX, loX]))
                     }),
        StrategyInfo(name: "momentum", help: "time-series momentum: long while the lookback return exceeds threshold, out (or short) below it",
                     kind: .singleSymbol,
                     parameters: [.init("lookback", 126, "return lookback in bars"),
                                  .init("threshold", 0, "return threshold (0.05 = 5%)", integer: false, minimum: -1),
                                  .init("shorts", 0, "1 = short when below -threshold, 0 = long only", minimum: 0)],
                     build: { bars, p, cache in
                         let n = try period(p, "lookback"), th = p["threshold"] ?? 0
                         let m = cache.value("mom:\(n)") { StrategyIndicators.momentum(bars.close, n) }
                         let above = m.map { $0 > th }, below = m.map { $0 < -th }, notAbove = m.map { $0 <= th }
                         let short = p["shorts"] == 1
                         return try SignalStrategy(name: "momentum(\(n), \(StrategyRegistry.format(th)))", count: bars.count,
                                                   entryLong: above, exitLong: notAbove,
                                                   entryShort: short ? below : nil, exitShort: short ? m.map { $0 >= -th } : nil,
                                                   warmup: StrategyIndicators.firstValid([m]))
                     }),
        StrategyInfo(name: "trend_following", help: "long while close is above SMA(ma), with a trailing stop of mult x ATR(atr) from the best close",
                     kind: .singleSymbol,
                     parameters: [.init("ma", 200, "trend filter SMA period"), .init("atr", 14, "ATR period"),
                                  .init("mult", 3, "trailing stop in ATR multiples", integer: false, minimum: 0.01)],
                     build: { bars, p, cache in
                         let n = try period(p, "ma"), a = try period(p, "atr"), m = p["mult"] ?? 3
                         let ma = cache.value("sma:\(n)") { StrategyIndicators.sma(bars.close, n) }
                         let atr = cache.value("atr:\(a)") { StrategyIndicators.atr(high: bars.high, low: bars.low, close: bars.close, a) }
                         let c = bars.close
                         var above = [Bool](repeating: false, count: c.count), below = above
                         for i in 0..<c.count { above[i] = c[i] > ma[i]; below[i] = c[i] < ma[i] }
                         return try SignalStrategy(name: "trend_following(\(n), \(StrategyRegistry.format(m)) x ATR(\(a)))", count: c.count,
                                                   entryLong: above, exitLong: below,
                                                   warmup: StrategyIndicators.firstValid([ma, atr]),
                                                   exitRules: ExitRules(trailingStop: .atr(multiple: m, period: a)))
                     }),
        StrategyInfo(name: "buy_and_hold", help: "buy at the first opportunity and hold to the end (again after a stop)",
                     kind: .singleSymbol, parameters: [],
                     build: { bars, _, _ in
                         // True on every bar: the engine ignores it while long, so this buys at
                         // the first decision of whatever range is traded, and buys back after
                         // a protective stop.
                         let entry = [Bool](repeating: true, count: bars.count)
                         return try SignalStrategy(name: "buy_and_hold", count: bars.count, entryLong: entry, warmup: 0)
                     }),
        StrategyInfo(name: "xs_momentum", help: "cross-sectional momentum: hold the top symbols by lookback return, rebalanced periodically",
                     kind: .portfolio,
                     parameters: [.init("lookback", 126, "return lookback in bars"), .init("top", 1, "number of symbols held"),
                                  .init("rebalance", 21, "bars between rebalances")],
                     build: { _, _, _ in
                         throw BacktestError.invalidStrategy("xs_momentum allocates across several symbols; run it as a portfolio")
                     }),
        StrategyInfo(name: "equal_weight", help: "hold every symbol with equal weight, rebalanced periodically",
                     kind: .portfolio,
                     parameters: [.init("rebalance", 21, "bars between rebalances")],
                     build: { _, _, _ in
                         throw BacktestError.invalidStrategy("equal_weight allocates across several symbols; run it as a portfolio")
                     }),
    ]

    /// A parameter as a period: a whole number of bars, at least 1.
    static func period(_ p: [String: Double], _ key: String) throws -> Int {
        guard let v = p[key], v >= 1, v < 1e7, v == v.rounded() else {
            throw BacktestError.invalidParameter("\(key) must be a whole number of bars, at least 1")
        }
        return Int(v)
    }

    /// Long on a above b crossing, short (reverse) or exit on the cross below.
    static func crossStrategy(_ name: String, _ bars: Bars, _ a: [Double], _ b: [Double], reverse: Bool) throws -> SignalStrategy {
        try SignalStrategy(name: name, count: bars.count, flags: StrategyIndicators.crossFlags(a, b, reverse: reverse),
                           warmup: StrategyIndicators.firstValid([a, b]))
    }
}
