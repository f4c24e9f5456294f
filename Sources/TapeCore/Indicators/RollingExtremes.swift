/// The highest high and lowest low of the last k bars in O(1) per bar without branches on
/// the data (van Herk / Gil-Werman): bars are cut into blocks of k; a window ending at bar
/// i is a suffix of the previous block plus a prefix of the current one, so its extreme is
/// max(suffix extreme, running prefix extreme). Suffix extremes of each finished block are
/// computed once, backwards. Gives the same values as TA-Lib's index tracking (only the
/// values are used), while a random walk's unpredictable new highs cost no mispredictions.
struct RollingExtremes {
    let k: Int
    var suffixMax: [Double]
    var suffixMin: [Double]
    var prefixMax = 0.0
    var prefixMin = 0.0
    var blockStart = 0

    init(_ k: Int) {
        self.k = k
        suffixMax = Array(repeating: 0, count: k)
        suffixMin = Array(repeating: 0, count: k)
    }

    /// Call with i = 0, 1, 2, ...; the result is meaningful once i >= k - 1.
    @inline(__always)
    mutating func push(_ i: Int, _ highs: UnsafeBufferPointer<Double>, _ lows: UnsafeBufferPointer<Double>) -> (max: Double, min: Double) {
        if i - blockStart == k {
            var hi = highs[i - 1], lo = lows[i - 1]
            var j = k - 1
            while true {
                hi = max(hi, highs[blockStart + j])
                lo = min(lo, lows[blockStart + j])
                suffixMax[j] = hi
                suffixMin[j] = lo
                if j == 0 { break }
                j -= 1
            }
            blockStart = i
        }
        if i == blockStart {
            prefixMax = highs[i]
            prefixMin = lows[i]
        } else {
            prefixMax = max(prefixMax, highs[i])
            prefixMin = min(prefixMin, lows[i])
        }
        let start = i - k + 1
        guard start < blockStart, start >= 0 else { return (prefixMax, prefixMin) }
        let offset = start - (blockStart - k)
        return (max(suffixMax[offset], prefixMax), min(suffixMin[offset], prefixMin))
    }
}
