/// A strategy read from precomputed signal arrays, one value per bar: what the shell's
/// `backtest SYM long when EXPR exit when EXPR [short when EXPR cover when EXPR]` builds
/// from evaluated expressions, and what every built-in strategy reduces to.
///
/// At bar i it reads element i and nothing later. Rules, in order:
/// - long: `exitLong[i]` or `entryShort[i]` closes; `entryShort[i]` then goes short
///   (stop-and-reverse);
/// - short: `exitShort[i]` or `entryLong[i]` closes; `entryLong[i]` then goes long;
/// - flat: `entryLong[i]` goes long, else `entryShort[i]` goes short; an entry order
///   still waiting (a limit or stop entry) is replaced by a new entry signal and
///   cancelled by its side's exit signal (`exitLong[i]` for a buy, `exitShort[i]` for a sell).
/// A true entry signal while already in that direction does nothing, so a level signal
/// (`close > sma`) holds one trade rather than re-entering every bar.
public struct SignalStrategy: Strategy {
    public var name: String
    public var warmup: Int
    public var exitRules: ExitRules?
    let entryLong: [Bool]
    let exitLong: [Bool]
    let entryShort: [Bool]
    let exitShort: [Bool]

    /// Arrays must all have `count` elements; nil ones are all false.
    public init(name: String, count: Int, entryLong: [Bool]?, exitLong: [Bool]? = nil,
                entryShort: [Bool]? = nil, exitShort: [Bool]? = nil, warmup: Int = 0,
                exitRules: ExitRules? = nil) throws {
        for (label, a) in [("long", entryLong), ("exit", exitLong), ("short", entryShort), ("cover", exitShort)] {
            if let a, a.count != count {
                throw BacktestError.invalidStrategy("the '\(label)' signal has \(a.count) values for \(count) bars")
            }
        }
        guard warmup >= 0 else { throw BacktestError.invalidStrategy("warm-up must not be negative, got \(warmup)") }
        self.name = name
        self.warmup = warmup
        self.exitRules = exitRules
        // Built only when some signal is missing: one array of `count` falses is shared.
        let none = [entryLong, exitLong, entryShort, exitShort].contains { $0 == nil } ? [Bool](repeating: false, count: count) : []
        self.entryLong = entryLong ?? none
        self.exitLong = exitLong ?? none
        self.entryShort = entryShort ?? none
        self.exitShort = exitShort ?? none
    }

    /// From numeric signals (an expression's value): true where non-zero and not NaN.
    /// The warm-up is the first bar at which every given signal is defined.
    public init(name: String, count: Int, entryLong: [Double]?, exitLong: [Double]? = nil,
                entryShort: [Double]? = nil, exitShort: [Double]? = nil, exitRules: ExitRules? = nil) throws {
        func truth(_ a: [Double]?) -> [Bool]? { a.map { $0.map { !$0.isNaN && $0 != 0 } } }
        let given = [entryLong, exitLong, entryShort, exitShort].compactMap { $0 }
        try self.init(name: name, count: count, entryLong: truth(entryLong), exitLong: truth(exitLong),
                      entryShort: truth(entryShort), exitShort: truth(exitShort),
                      warmup: min(StrategyIndicators.firstValid(given), max(count - 1, 0)), exitRules: exitRules)
    }

    @inline(__always)
    public mutating func next(_ context: inout StrategyContext) {
        let i = context.index
        if context.position > 0 {
            if exitLong[i] || entryShort[i] { context.closePosition() }
            if entryShort[i] { context.sell() }
        } else if context.position < 0 {
            if exitShort[i] || entryLong[i] { context.closePosition() }
            if entryLong[i] { context.buy() }
        } else {
            if let w = context.waitingEntry, w.direction > 0 ? exitLong[i] : exitShort[i] { context.cancelEntry() }
            if entryLong[i] {
                context.buy()
            } else if entryShort[i] {
                context.sell()
            }
        }
    }
}
