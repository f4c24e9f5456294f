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
    /// Whether it may go short and how that is switched, stated with its results.
    public var shorting: Shorting
    /// The four signals of each bar as bits of one byte (`Signal`): one read per bar in
    /// `next` instead of four arrays, and a quarter of the memory.
    let flags: [UInt8]

    /// Bits of a bar's `flags` byte.
    enum Signal {
        static let entryLong: UInt8 = 1, exitLong: UInt8 = 2, entryShort: UInt8 = 4, exitShort: UInt8 = 8
    }

    /// Arrays must all have `count` elements; nil ones are all false.
    public init(name: String, count: Int, entryLong: [Bool]?, exitLong: [Bool]? = nil,
                entryShort: [Bool]? = nil, exitShort: [Bool]? = nil, warmup: Int = 0,
                shorting: Shorting? = nil, exitRules: ExitRules? = nil) throws {
        for (label, a) in [("long", entryLong), ("exit", exitLong), ("short", entryShort), ("cover", exitShort)] {
            if let a, a.count != count {
                throw BacktestError.invalidStrategy("the '\(label)' signal has \(a.count) values for \(count) bars")
            }
        }
        var flags = [UInt8](repeating: 0, count: count)
        for (bit, signal) in [(Signal.entryLong, entryLong), (Signal.exitLong, exitLong),
                              (Signal.entryShort, entryShort), (Signal.exitShort, exitShort)] {
            guard let signal else { continue }
            for i in 0..<count where signal[i] { flags[i] |= bit }
        }
        try self.init(name: name, count: count, flags: flags, warmup: warmup,
                      shorting: shorting ?? Shorting(allowed: entryShort != nil), exitRules: exitRules)
    }

    /// From the signals already packed into bytes (`Signal` bits), one per bar.
    init(name: String, count: Int, flags: [UInt8], warmup: Int, shorting: Shorting, exitRules: ExitRules? = nil) throws {
        guard flags.count == count else {
            throw BacktestError.invalidStrategy("the signals have \(flags.count) values for \(count) bars")
        }
        guard warmup >= 0 else { throw BacktestError.invalidStrategy("warm-up must not be negative, got \(warmup)") }
        self.name = name
        self.warmup = warmup
        self.exitRules = exitRules
        self.shorting = shorting
        self.flags = flags
    }

    /// From numeric signals (an expression's value): true where non-zero and not NaN.
    /// The warm-up is the first bar at which every given signal is defined, or `warmup`
    /// when that is later (what the signals were computed from may need more bars than
    /// their own NaNs show: a crossover is 0, not NaN, before its averages exist).
    public init(name: String, count: Int, entryLong: [Double]?, exitLong: [Double]? = nil,
                entryShort: [Double]? = nil, exitShort: [Double]? = nil, warmup: Int = 0,
                exitRules: ExitRules? = nil) throws {
        func truth(_ a: [Double]?) -> [Bool]? { a.map { $0.map { !$0.isNaN && $0 != 0 } } }
        let given = [entryLong, exitLong, entryShort, exitShort].compactMap { $0 }
        try self.init(name: name, count: count, entryLong: truth(entryLong), exitLong: truth(exitLong),
                      entryShort: truth(entryShort), exitShort: truth(exitShort),
                      warmup: min(max(Signals.firstValid(given), warmup), max(count - 1, 0)), exitRules: exitRules)
    }

    /// One signal as an array of booleans (for inspection and tests).
    func signal(_ bit: UInt8) -> [Bool] { flags.map { $0 & bit != 0 } }
    var entryLong: [Bool] { signal(Signal.entryLong) }
    var exitLong: [Bool] { signal(Signal.exitLong) }
    var entryShort: [Bool] { signal(Signal.entryShort) }
    var exitShort: [Bool] { signal(Signal.exitShort) }

    @inline(__always)
    public mutating func next(_ context: inout StrategyContext) {
        let f = flags[context.index]
        if context.position > 0 {
            if f & (Signal.exitLong | Signal.entryShort) != 0 { context.closePosition() }
            if f & Signal.entryShort != 0 { context.sell() }
        } else if context.position < 0 {
            if f & (Signal.exitShort | Signal.entryLong) != 0 { context.closePosition() }
            if f & Signal.entryLong != 0 { context.buy() }
        } else {
            if let w = context.waitingEntry, f & (w.direction > 0 ? Signal.exitLong : Signal.exitShort) != 0 { context.cancelEntry() }
            if f & Signal.entryLong != 0 {
                context.buy()
            } else if f & Signal.entryShort != 0 {
                context.sell()
            }
        }
    }
}
