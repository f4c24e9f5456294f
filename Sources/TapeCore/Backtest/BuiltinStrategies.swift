/// The built-in strategies, each reduced to signal arrays from the catalogue's indicators
/// (`StrategyInputs`), so each one trades exactly as its `long when ...` spelling does
/// (docs/BACKTEST.md lists the spellings; BuiltinSpellingTests holds them to it).
/// Parameter `shorts 1` makes a strategy stop-and-reverse (the opposite signal goes
/// short); `shorts 0` keeps it long-only, the default of every one of them
/// (`StrategyRegistry.shortsByDefault`). (Not `short`: the shell's `backtest ... short
/// when EXPR` uses that word.)
enum BuiltinStrategies {
    static let table: [StrategyInfo] = [
        StrategyInfo(name: "sma_cross", help: "long when SMA(fast) crosses above SMA(slow); short (or exit) on the cross below",
                     kind: .singleSymbol,
                     parameters: [.period("fast", 10, "fast SMA period", of: "sma"), .period("slow", 20, "slow SMA period", of: "sma"),
                                  .shorts("1 = stop-and-reverse, 0 = long only")],
                     build: { s, p in
                         let f = try period(p, "fast"), sl = try period(p, "slow")
                         return try crossStrategy("sma_cross(fast \(f), slow \(sl))", s.bars, try s.series("sma", f), try s.series("sma", sl),
                                                  reverse: p["shorts"] == 1)
                     }),
        StrategyInfo(name: "ema_cross", help: "long when EMA(fast) crosses above EMA(slow); short (or exit) on the cross below",
                     kind: .singleSymbol,
                     parameters: [.period("fast", 12, "fast EMA period", of: "ema"), .period("slow", 26, "slow EMA period", of: "ema"),
                                  .shorts("1 = stop-and-reverse, 0 = long only")],
                     build: { s, p in
                         let f = try period(p, "fast"), sl = try period(p, "slow")
                         return try crossStrategy("ema_cross(fast \(f), slow \(sl))", s.bars, try s.series("ema", f), try s.series("ema", sl),
                                                  reverse: p["shorts"] == 1)
                     }),
        StrategyInfo(name: "macd", help: "long when the MACD line crosses above its signal line; short (or exit) on the cross below",
                     kind: .singleSymbol,
                     parameters: [.period("fast", 12, "fast EMA period", of: "macd"), .period("slow", 26, "slow EMA period", of: "macd", parameter: 1),
                                  .period("signal", 9, "signal EMA period", of: "macd", parameter: 2),
                                  .shorts("1 = stop-and-reverse, 0 = long only")],
                     build: { s, p in
                         let f = try period(p, "fast"), sl = try period(p, "slow"), g = try period(p, "signal")
                         let m = try s.indicator("macd", [f, sl, g].map(Double.init))
                         guard m.count == 3 else { throw BacktestError.invalidStrategy("macd gave \(m.count) outputs") }
                         return try crossStrategy("macd(\(f), \(sl), \(g))", s.bars, m[0], m[1], reverse: p["shorts"] == 1)
                     }),
        StrategyInfo(name: "rsi_reversion", help: "long when RSI falls below lower, exit when it rises above upper (short mirrors)",
                     kind: .singleSymbol,
                     parameters: [.period("period", 14, "RSI period", of: "rsi"),
                                  .init("lower", 30, "oversold level", integer: false, minimum: 0, maximum: 100),
                                  .init("upper", 70, "overbought level", integer: false, minimum: 0, maximum: 100),
                                  .shorts("1 = also short above upper, 0 = long only")],
                     build: { s, p in
                         let n = try period(p, "period")
                         let lo = p["lower"] ?? 30, hi = p["upper"] ?? 70
                         guard lo < hi, hi <= 100 else { throw BacktestError.invalidParameter("rsi_reversion needs lower < upper <= 100") }
                         let rsi = try s.series("rsi", n)
                         let below = rsi.map { $0 < lo }, above = rsi.map { $0 > hi }
                         let short = p["shorts"] == 1
                         return try SignalStrategy(name: "rsi_reversion(\(n), \(StrategyRegistry.format(lo))/\(StrategyRegistry.format(hi)))",
                                                   count: s.bars.count, entryLong: below, exitLong: above,
                                                   entryShort: short ? above : nil, exitShort: short ? below : nil,
                                                   warmup: Signals.firstValid([rsi]), shorting: .parameter(short))
                     }),
        StrategyInfo(name: "bollinger_reversion", help: "long below the lower band, exit at the middle band (short mirrors at the upper band)",
                     kind: .singleSymbol,
                     parameters: [.period("period", 20, "SMA and deviation period", of: "bbands"),
                                  .init("k", 2, "band width in standard deviations", integer: false, minimum: 0),
                                  .shorts("1 = also short above the upper band, 0 = long only")],
                     build: { s, p in
                         let n = try period(p, "period"), k = p["k"] ?? 2
                         let bands = try s.indicator("bbands", [Double(n), k, k])
                         guard bands.count == 3 else { throw BacktestError.invalidStrategy("bbands gave \(bands.count) outputs") }
                         let (upper, mid, lower) = (bands[0], bands[1], bands[2])
                         let c = s.bars.close
                         var below = [Bool](repeating: false, count: c.count), above = below, overMid = below, underMid = below
                         for i in 0..<c.count {
                             below[i] = c[i] < lower[i]
                             above[i] = c[i] > upper[i]
                             overMid[i] = c[i] > mid[i]
                             underMid[i] = c[i] < mid[i]
                         }
                         let short = p["shorts"] == 1
                         return try SignalStrategy(name: "bollinger_reversion(\(n), \(StrategyRegistry.format(k)))", count: c.count,
                                                   entryLong: below, exitLong: overMid,
                                                   entryShort: short ? above : nil, exitShort: short ? underMid : nil,
                                                   warmup: Signals.firstValid(bands), shorting: .parameter(short))
                     }),
        StrategyInfo(name: "donchian_breakout", help: "long on a close above the highest high of the prior entry_channel bars, exit below the lowest low of the prior exit_channel bars",
                     kind: .singleSymbol,
                     parameters: [.period("entry_channel", 20, "breakout channel length", of: "max"),
                                  .period("exit_channel", 10, "exit channel length", of: "min"),
                                  .shorts("1 = also short on breakdowns, 0 = long only")],
                     build: { s, p in
                         let e = try period(p, "entry_channel"), x = try period(p, "exit_channel")
                         // The channel of the bars *before* bar i (bar i excluded, so "close
                         // above the channel" is a breakout rather than a tautology).
                         func high(_ n: Int) throws -> [Double] { Signals.shift(try s.series("max", of: .high, n), by: 1) }
                         func low(_ n: Int) throws -> [Double] { Signals.shift(try s.series("min", of: .low, n), by: 1) }
                         let hiE = try high(e), loE = try low(e), hiX = try high(x), loX = try low(x)
                         let c = s.bars.close
                         var up = [Bool](repeating: false, count: c.count), down = up, exitL = up, exitS = up
                         for i in 0..<c.count {
                             up[i] = c[i] > hiE[i]; down[i] = c[i] < loE[i]
                             exitL[i] = c[i] < loX[i]; exitS[i] = c[i] > hiX[i]
                         }
                         let short = p["shorts"] == 1
                         return try SignalStrategy(name: "donchian_breakout(\(e), \(x))", count: c.count, entryLong: up, exitLong: exitL,
                                                   entryShort: short ? down : nil, exitShort: short ? exitS : nil,
                                                   warmup: Signals.firstValid([hiE, loE, hiX, loX]), shorting: .parameter(short))
                     }),
        StrategyInfo(name: "momentum", help: "time-series momentum: long while the lookback return exceeds threshold, out (or short) below it",
                     kind: .singleSymbol,
                     parameters: [.period("lookback", 126, "return lookback in bars", of: "rocp"),
                                  .init("threshold", 0, "return threshold (0.05 = 5%)", integer: false, minimum: -1),
                                  .shorts("1 = short when below -threshold, 0 = long only")],
                     build: { s, p in
                         let n = try period(p, "lookback"), th = p["threshold"] ?? 0
                         let m = try s.series("rocp", n)
                         let above = m.map { $0 > th }, below = m.map { $0 < -th }, notAbove = m.map { $0 <= th }
                         let short = p["shorts"] == 1
                         return try SignalStrategy(name: "momentum(\(n), \(StrategyRegistry.format(th)))", count: s.bars.count,
                                                   entryLong: above, exitLong: notAbove,
                                                   entryShort: short ? below : nil, exitShort: short ? m.map { $0 >= -th } : nil,
                                                   warmup: Signals.firstValid([m]), shorting: .parameter(short))
                     }),
        StrategyInfo(name: "trend_following", help: "long while close is above SMA(ma), with a trailing stop of mult x ATR(atr) from the best close",
                     kind: .singleSymbol,
                     parameters: [.period("ma", 200, "trend filter SMA period", of: "sma"), .period("atr", 14, "ATR period", of: "atr"),
                                  .init("mult", 3, "trailing stop in ATR multiples", integer: false, minimum: 0.01)],
                     build: { s, p in
                         let n = try period(p, "ma"), a = try period(p, "atr"), m = p["mult"] ?? 3
                         let ma = try s.series("sma", n)
                         // The engine computes the stop's ATR itself (the same catalogue entry,
                         // under the run's convention); here it only sets the warm-up.
                         let atr = try s.series("atr", a)
                         let c = s.bars.close
                         var above = [Bool](repeating: false, count: c.count), below = above
                         for i in 0..<c.count { above[i] = c[i] > ma[i]; below[i] = c[i] < ma[i] }
                         return try SignalStrategy(name: "trend_following(\(n), \(StrategyRegistry.format(m)) x ATR(\(a)))", count: c.count,
                                                   entryLong: above, exitLong: below,
                                                   warmup: Signals.firstValid([ma, atr]), shorting: .longOnly,
                                                   exitRules: ExitRules(trailingStop: .atr(multiple: m, period: a)))
                     }),
        StrategyInfo(name: "buy_and_hold", help: "buy at the first opportunity and hold to the end (again after a stop)",
                     kind: .singleSymbol, parameters: [],
                     build: { s, _ in
                         // True on every bar: the engine ignores it while long, so this buys at
                         // the first decision of whatever range is traded, and buys back after
                         // a protective stop.
                         let entry = [Bool](repeating: true, count: s.bars.count)
                         return try SignalStrategy(name: "buy_and_hold", count: s.bars.count, entryLong: entry, warmup: 0, shorting: .longOnly)
                     }),
        StrategyInfo(name: "xs_momentum", help: "cross-sectional momentum: hold the top symbols by lookback return, rebalanced periodically",
                     kind: .portfolio,
                     parameters: [.period("lookback", 126, "return lookback in bars", of: "rocp"), .init("top", 1, "number of symbols held"),
                                  .init("rebalance", 21, "bars between rebalances")],
                     build: { _, _ in
                         throw BacktestError.invalidStrategy("xs_momentum allocates across several symbols; run it as a portfolio")
                     }),
        StrategyInfo(name: "equal_weight", help: "hold every symbol with equal weight, rebalanced periodically",
                     kind: .portfolio,
                     parameters: [.init("rebalance", 21, "bars between rebalances")],
                     build: { _, _ in
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
        try SignalStrategy(name: name, count: bars.count, flags: Signals.crossFlags(a, b, reverse: reverse),
                           warmup: Signals.firstValid([a, b]), shorting: .parameter(reverse))
    }
}

extension StrategyParameter {
    /// A window length handed to catalogue indicator `indicator` as its parameter number
    /// `parameter`, with the catalogue's minimum and maximum: the built-in accepts exactly the periods
    /// its expression spelling accepts.
    static func period(_ name: String, _ value: Double, _ help: String, of indicator: String, parameter: Int = 0) -> StrategyParameter {
        let params = IndicatorCatalogue.named(indicator)?.params ?? []
        guard params.indices.contains(parameter) else { return StrategyParameter(name, value, help) }
        return StrategyParameter(name, value, help, minimum: params[parameter].min, maximum: params[parameter].max)
    }
}
