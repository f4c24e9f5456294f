import Foundation

/// Indicator outputs of one dataset memoised by a key naming the indicator, its input,
/// parameters and convention (`StrategyInputs` builds it), shared by the trials of an
/// optimisation so each distinct indicator is computed once, not once per parameter
/// combination. Safe to use from concurrent trials.
public final class IndicatorCache: @unchecked Sendable {
    private var store: [String: [[Double]]] = [:]
    private let lock = NSLock()

    public init() {}

    /// The cached outputs for `key`, computing them with `make` the first time.
    public func outputs(_ key: String, _ make: () -> [[Double]]) -> [[Double]] {
        lock.lock()
        if let v = store[key] { lock.unlock(); return v }
        lock.unlock()
        // Computed outside the lock so concurrent trials needing different indicators do
        // not wait on each other; a rare duplicate computation gives the same arrays.
        let v = make()
        lock.lock()
        store[key] = v
        lock.unlock()
        return v
    }

    public var count: Int {
        lock.lock(); defer { lock.unlock() }
        return store.count
    }
}
