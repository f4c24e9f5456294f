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

    /// Two cached arrays. When both are missing they come from one `both` call (two
    /// indicators of one series can share a pass); when one is missing, `single(0)` or
    /// `single(1)` computes just that one.
    public func values(_ key0: String, _ key1: String, single: (Int) -> [Double],
                       both: () -> ([Double], [Double])) -> ([Double], [Double]) {
        lock.lock()
        let v0 = store[key0], v1 = store[key1]
        lock.unlock()
        switch (v0, v1) {
        case let (a?, b?):
            return (a, b)
        case let (a?, nil):
            return (a, value(key1) { single(1) })
        case let (nil, b?):
            return (value(key0) { single(0) }, b)
        case (nil, nil):
            let (a, b) = both()
            lock.lock()
            store[key0] = a
            store[key1] = b
            lock.unlock()
            return (a, b)
        }
    }

    public var count: Int {
        lock.lock(); defer { lock.unlock() }
        return store.count
    }
}
