import Synchronization

/// Indicator outputs of one dataset memoised by a key naming the indicator, its input,
/// parameters and convention (`StrategyInputs` builds it), shared by the trials of an
/// optimisation so each distinct indicator is computed once, not once per parameter
/// combination. Safe to use from concurrent trials.
public final class IndicatorCache: Sendable {
    private let store = Mutex<[String: [[Double]]]>([:])

    public init() {}

    /// The cached outputs for `key`, computing them with `make` the first time.
    public func outputs(_ key: String, _ make: () -> [[Double]]) -> [[Double]] {
        if let v = store.withLock({ $0[key] }) { return v }
        // Computed outside the lock so concurrent trials needing different indicators do
        // not wait on each other; a rare duplicate computation gives the same arrays.
        let v = make()
        store.withLock { $0[key] = v }
        return v
    }

    public var count: Int {
        store.withLock { $0.count }
    }
}
