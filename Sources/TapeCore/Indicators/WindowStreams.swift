/// Incremental streams that replicate the running-total batch kernels operation for
/// operation (`Kernels.variance`, `Kernels.wma`), on ring buffers of the window.

/// Population variance from running sums of x and x², as `Kernels.variance`.
struct VarianceState {
    let n: Int
    let dn: Double
    var ring: [Double]
    var count = 0
    var t1 = 0.0
    var t2 = 0.0

    init(_ n: Int) {
        self.n = n
        self.dn = Double(n)
        self.ring = Array(repeating: 0, count: n)
    }

    mutating func next(_ v: Double) -> Double {
        let c = count
        count += 1
        ring[c % n] = v
        t1 += v
        t2 += v * v
        guard c >= n - 1 else { return .nan }
        let m1 = t1 / dn, m2 = t2 / dn
        // The window's oldest value, x[c - n + 1], sits in the next slot.
        let old = ring[(c + 1) % n]
        t1 -= old
        t2 -= old * old
        return m2 - m1 * m1
    }
}

/// Linearly weighted mean with TA-Lib's running sums, as `Kernels.wma`.
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
        trailingValue = ring[(c + 1) % n]
        let value = periodSum / divider
        periodSum -= periodSub
        return value
    }
}
