/// Incremental streams that replicate the batch kernels operation for operation
/// (`Kernels.variance`, `Kernels.wma`), on ring buffers of the window.

/// Population variance bar by bar, as `Kernels.variance` (`WindowMoments`).
struct VarianceState {
    var moments: WindowMomentsStream

    init(_ n: Int) { moments = WindowMomentsStream(n) }

    mutating func next(_ v: Double) -> Double { moments.next(v)?.variance ?? .nan }
}

/// Linearly weighted mean with TA-Lib's running sums, as `Kernels.wma` (rebuilt every 8n
/// bars, TA-Lib 0.8's #254).
struct WMAState {
    let n: Int
    let dn: Double
    let divider: Double
    var ring: [Double]
    var count = 0
    var periodSum = 0.0
    var periodSub = 0.0
    var weight = 1.0
    var trailingValue = 0.0
    var untilRebuild = 0

    init(_ n: Int) {
        self.n = n
        self.dn = Double(n)
        self.divider = Double(n) * Double(n + 1) / 2
        self.ring = Array(repeating: 0, count: n)
    }

    mutating func next(_ x: Double) -> Double {
        let c = count
        count += 1
        ring[c % n] = x
        guard c >= n - 1 else {
            periodSub += x
            periodSum += x * weight
            weight += 1
            return .nan
        }
        periodSub += x
        periodSub -= trailingValue
        periodSum += x * dn
        if c == n - 1 { untilRebuild = 8 * n }
        untilRebuild -= 1
        if untilRebuild <= 0 {
            untilRebuild = 8 * n
            periodSub = 0
            periodSum = 0
            // Oldest first, weights counting up from 1: the priming order.
            for w in 1...n {
                let v = ring[(c + w) % n]
                periodSub += v
                periodSum += v * Double(w)
            }
        }
        trailingValue = ring[(c + 1) % n]
        let value = periodSum / divider
        periodSum -= periodSub
        return value
    }
}
