import Foundation

/// Indicator arrays of one dataset memoised by a key such as "sma:10", shared by the
/// trials of an optimisation so each distinct indicator is computed once, not once per
/// parameter combination. Safe to use from concurrent trials.
public final class IndicatorCache: @unchecked Sendable {
    private var store: [String: [Double]] = [:]
    private let lock = NSLock()

    public init() {}

    /// The cached array for `key`, computing it with `make` the first time.
    public func value(_ key: String, _ make: () -> [Double]) -> [Double] {
        lock.lock()
        if let v = store[key] { lock.unlock(); return v }
        lock.unlock()
        // Computed outside the lock so concurrent trials needing different indicators do
        // not wait on each other; a rare duplicate computation gives the same array.
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
