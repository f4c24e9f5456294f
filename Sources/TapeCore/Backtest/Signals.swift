/// The signal rules shared by the built-in strategies and the language (`cross`): each is
/// defined once here. Every output has the input's length; value i uses inputs 0...i only.
public enum Signals {
    /// True at bar i when a crosses above b: a[i-1] < b[i-1] and a[i] > b[i], both strict
    /// (backtesting.py's `crossover`); NaN on either side compares false. The built-ins
    /// use `crossFlags`, which packs the same comparisons into signal bits.
    public static func crossAbove(_ a: [Double], _ b: [Double]) -> [Bool] {
        var out = [Bool](repeating: false, count: min(a.count, b.count))
        for i in out.indices.dropFirst() { out[i] = a[i - 1] < b[i - 1] && a[i] > b[i] }
        return out
    }

    /// The signals of a crossover strategy packed per bar (`SignalStrategy.Signal`): a
    /// crossing above enters long; a crossing below enters short when `reverse`, else
    /// exits the long. The crossings are `crossAbove(a, b)`'s and `crossAbove(b, a)`'s
    /// (tested bit by bit): a fast path, not a second rule.
    static func crossFlags(_ a: [Double], _ b: [Double], reverse: Bool) -> [UInt8] {
        let n = min(a.count, b.count)
        var flags = [UInt8](repeating: 0, count: n)
        guard n > 1 else { return flags }
        let up = SignalStrategy.Signal.entryLong, down = reverse ? SignalStrategy.Signal.entryShort : SignalStrategy.Signal.exitLong
        a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in
                flags.withUnsafeMutableBufferPointer { f in
                    for i in 1..<n {
                        // Bits combined with `&` rather than `&&`: no branches on
                        // comparisons that go either way.
                        let above = bit(pa[i - 1] < pb[i - 1]) & bit(pa[i] > pb[i])
                        let below = bit(pb[i - 1] < pa[i - 1]) & bit(pb[i] > pa[i])
                        f[i] = above &* up | below &* down
                    }
                }
            }
        }
        return flags
    }

    @inline(__always)
    private static func bit(_ b: Bool) -> UInt8 { b ? 1 : 0 }

    /// x moved n bars later: element i is x[i - n], NaN for the first n (the language's
    /// `shift(x, n)`).
    public static func shift(_ x: [Double], by n: Int) -> [Double] {
        var out = [Double](repeating: .nan, count: x.count)
        if n >= 0, n < x.count { for i in n..<x.count { out[i] = x[i - n] } }
        return out
    }

    /// Index of the first bar at which every array is defined (not NaN); the arrays'
    /// length when one never is.
    public static func firstValid(_ arrays: [[Double]]) -> Int {
        var w = 0
        for a in arrays {
            w = max(w, a.firstIndex(where: { !$0.isNaN }) ?? a.count)
        }
        return w
    }
}
