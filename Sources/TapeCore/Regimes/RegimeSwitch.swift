/// A strategy that follows another strategy in each regime: in regime k it holds the
/// position strategy k's own signals would hold (long, short or flat), changing over
/// when the regime changes. A bar without a regime (NaN) or a regime mapped to nothing
/// is flat.
///
/// Each strategy's position is what its signals ask for, run through the same rules as
/// `SignalStrategy.next` (stop-and-reverse, level signals hold one trade); protective
/// exits of the engine apply to the combined trades. The regime label at bar i must be
/// causal (known at i's close), as `RegimeRules` and the filtered HMM states are.
public enum RegimeSwitch {
    public static func make(labels: [Double], strategies: [Double: SignalStrategy], name: String? = nil) throws -> SignalStrategy {
        let n = labels.count
        for (_, s) in strategies where s.flags.count != n {
            throw BacktestError.invalidStrategy("a strategy has \(s.flags.count) bars for the regime series' \(n)")
        }
        let wanted = strategies.mapValues { positions($0.flags) }
        var flags = [UInt8](repeating: 0, count: n)
        for i in 0..<n {
            let target = labels[i].isFinite ? (wanted[labels[i]]?[i] ?? 0) : 0
            switch target {
            case 1: flags[i] = SignalStrategy.Signal.entryLong
            case -1: flags[i] = SignalStrategy.Signal.entryShort
            default: flags[i] = SignalStrategy.Signal.exitLong | SignalStrategy.Signal.exitShort
            }
        }
        let warmup = max(strategies.values.map(\.warmup).max() ?? 0, labels.firstIndex { $0.isFinite } ?? 0)
        let label = name ?? "switch(" + strategies.keys.sorted().map { "\(Format.number($0)): \(strategies[$0]?.name ?? "")" }.joined(separator: ", ") + ")"
        return try SignalStrategy(name: label, count: n, flags: flags, warmup: min(warmup, max(n - 1, 0)),
                                  // Short when a strategy it follows may go short.
                                  shorting: Shorting(allowed: strategies.values.contains { $0.shorting.allowed }))
    }

    /// The position (+1, −1, 0) a strategy's signals hold after each bar.
    static func positions(_ flags: [UInt8]) -> [Int8] {
        typealias S = SignalStrategy.Signal
        var p: Int8 = 0
        return flags.map { f in
            if p > 0 {
                if f & (S.exitLong | S.entryShort) != 0 { p = f & S.entryShort != 0 ? -1 : 0 }
            } else if p < 0 {
                if f & (S.exitShort | S.entryLong) != 0 { p = f & S.entryLong != 0 ? 1 : 0 }
            } else if f & S.entryLong != 0 {
                p = 1
            } else if f & S.entryShort != 0 {
                p = -1
            }
            return p
        }
    }
}
