import Foundation
import TapeCore

/// The small statistics charts print or draw: drawdown under an equity curve, a least-
/// squares line through a scatter, a normal fitted to a histogram, and where a payoff
/// crosses zero. NaN entries are skipped (they mark missing data throughout Tape).
public enum ChartMath {
    /// Drawdown as a fraction of the running peak (0 at a new high, -0.25 when a quarter
    /// below it), the definition backtesting.py uses (`1 - equity / cummax(equity)`,
    /// negated so the panel hangs below zero).
    public static func drawdown(_ equity: [Double]) -> [Double] {
        var peak = -Double.infinity
        return equity.map { v in
            guard v.isFinite else { return .nan }
            peak = max(peak, v)
            return peak > 0 ? v / peak - 1 : 0
        }
    }

    public struct Line: Equatable, Sendable {
        public var slope: Double
        public var intercept: Double
        /// Coefficient of determination: the share of y's variance the line explains.
        public var r2: Double
        public var count: Int
    }

    /// Ordinary least squares of y on x over the pairs where both are finite; nil with
    /// fewer than two pairs or no spread in x. Sums are taken about the means (two
    /// passes), which keeps precision when x and y sit far from zero.
    public static func regression(x: [Double], y: [Double]) -> Line? {
        let n = min(x.count, y.count)
        var sx = 0.0, sy = 0.0, count = 0
        for i in 0..<n where x[i].isFinite && y[i].isFinite {
            sx += x[i]
            sy += y[i]
            count += 1
        }
        guard count >= 2 else { return nil }
        let mx = sx / Double(count), my = sy / Double(count)
        var sxx = 0.0, sxy = 0.0, syy = 0.0
        for i in 0..<n where x[i].isFinite && y[i].isFinite {
            let dx = x[i] - mx, dy = y[i] - my
            sxx += dx * dx
            sxy += dx * dy
            syy += dy * dy
        }
        guard sxx > 0 else { return nil }
        let slope = sxy / sxx
        let r2 = syy > 0 ? sxy * sxy / (sxx * syy) : 1
        return Line(slope: slope, intercept: my - slope * mx, r2: r2, count: count)
    }

    /// Pearson correlation over the pairs where both are finite; nil with fewer than two
    /// pairs or when either side is constant.
    public static func correlation(x: [Double], y: [Double]) -> Double? {
        guard let line = regression(x: x, y: y), let back = regression(x: y, y: x) else { return nil }
        // r = slope(y on x) * sd(x) / sd(y); both fits exist only when neither is constant.
        let r = (line.slope * back.slope).squareRoot()
        return line.slope < 0 ? -r : r
    }

    /// Mean and sample standard deviation (n - 1) of the finite values; nil with fewer
    /// than two.
    public static func meanAndDeviation(_ values: [Double]) -> (mean: Double, sd: Double, count: Int)? {
        var sum = 0.0, count = 0
        for v in values where v.isFinite {
            sum += v
            count += 1
        }
        guard count >= 2 else { return nil }
        let mean = sum / Double(count)
        var ss = 0.0
        for v in values where v.isFinite { ss += (v - mean) * (v - mean) }
        return (mean, (ss / Double(count - 1)).squareRoot(), count)
    }

    public struct Histogram: Equatable, Sendable {
        public var start: Double
        public var width: Double
        public var counts: [Int]
        /// Count / (n * width): the height at which a fitted density lies on the bars.
        public var densities: [Double] {
            let n = Double(counts.reduce(0, +))
            return counts.map { n > 0 && width > 0 ? Double($0) / (n * width) : 0 }
        }
    }

    /// Equal-width bins over the finite values. With no bin count given, the
    /// Freedman-Diaconis width 2 * IQR / n^(1/3) is used (robust to the fat tails of
    /// returns), clamped to 5...100 bins.
    public static func histogram(_ values: [Double], bins: Int? = nil) -> Histogram? {
        let v = values.filter { $0.isFinite }.sorted()
        // A spread too wide for a Double (e.g. -1e308 and 1e308) has no usable bin width.
        guard let lo = v.first, let hi = v.last, (hi - lo).isFinite else { return nil }
        let n = v.count
        var count: Int
        if let bins {
            count = max(1, min(bins, 1000))
        } else {
            let iqr = v[(3 * (n - 1)) / 4] - v[(n - 1) / 4]
            let width = 2 * iqr / pow(Double(n), 1.0 / 3.0)
            let raw = width > 0 ? (hi - lo) / width : 10
            count = raw.isFinite ? Int(min(max(raw, 5), 100).rounded(.up)) : 100
        }
        // Equal values, or a spread so small that a bin of it rounds to zero width (0 and
        // 5e-324), make one bar; a zero width would turn the bin arithmetic into NaN.
        let width = (hi - lo) / Double(count)
        guard width > 0 else { return Histogram(start: lo - 0.5, width: 1, counts: [n]) }
        var counts = [Int](repeating: 0, count: count)
        for x in v {
            let b = min(count - 1, max(0, Int(min((x - lo) / width, Double(count)))))
            counts[b] += 1
        }
        return Histogram(start: lo, width: width, counts: counts)
    }

    /// Where the piecewise-linear curve through (x, y) changes sign: the breakevens of a
    /// payoff. When it passes through exact zeros on its way, the first zero is the
    /// crossing; touching zero and turning back is not a crossing.
    public static func zeroCrossings(x: [Double], y: [Double]) -> [Double] {
        var out: [Double] = []
        var last: (x: Double, y: Double)?   // last finite non-zero point
        var firstZero: Double?               // first zero since then
        for i in 0..<min(x.count, y.count) where x[i].isFinite && y[i].isFinite {
            if y[i] == 0 {
                if firstZero == nil { firstZero = x[i] }
                continue
            }
            if let p = last, (p.y < 0) != (y[i] < 0) {
                out.append(firstZero ?? p.x + (x[i] - p.x) * (-p.y) / (y[i] - p.y))
            }
            last = (x[i], y[i])
            firstZero = nil
        }
        return out
    }

    /// Up to `digits` significant digits, trailing zeros trimmed: how statistics read
    /// in legends.
    static func short(_ v: Double, digits: Int = 4) -> String { Format.significant(v, digits) }
}
