/// Keeps a long series drawable without losing what the eye looks for.
///
/// A chart cannot show more than one value per pixel column, so a million-point series
/// is cut to the points that shape each column: its minimum and its maximum (in the
/// order they occur), plus the series' first and last points. The line drawn through
/// them covers exactly the vertical extent the full series would, so spikes stay
/// visible (the "min/max" or M4-style reduction). Plain striding would drop them.
public enum Downsampler {
    /// Indices into `values` (within `range`), ascending, to draw when `columns` pixel
    /// columns are available: at most two per column plus the ends. Returns every index
    /// when the range already fits. A column whose values are all NaN keeps one NaN, so
    /// the gap still breaks the line.
    public static func minMaxIndices(_ values: [Double], in range: Range<Int>, columns: Int) -> [Int] {
        let range = range.clamped(to: 0..<values.count)
        let n = range.count
        let columns = max(1, columns)
        if n <= 2 * columns + 2 { return Array(range) }
        var kept: [Int] = []
        kept.reserveCapacity(2 * columns + 2)
        kept.append(range.lowerBound)
        for b in 0..<columns {
            let lo = range.lowerBound + n * b / columns
            let hi = range.lowerBound + n * (b + 1) / columns
            var minI = -1, maxI = -1
            var minV = Double.infinity, maxV = -Double.infinity
            for i in lo..<hi {
                let v = values[i]
                if v < minV { minV = v; minI = i }
                if v > maxV { maxV = v; maxI = i }
            }
            if minI < 0 {
                kept.append(lo)   // all NaN: keep the gap
            } else if minI == maxI {
                kept.append(minI)
            } else {
                kept.append(min(minI, maxI))
                kept.append(max(minI, maxI))
            }
        }
        kept.append(range.upperBound - 1)
        // The ends may repeat a bucket's own extreme; drop the duplicates.
        var out: [Int] = []
        out.reserveCapacity(kept.count)
        for i in kept where out.last != i { out.append(i) }
        return out
    }

    /// The row ranges of `buckets` nearly equal consecutive buckets covering `range`,
    /// used to merge bars (candles) when there are more bars than room to draw them.
    public static func buckets(_ range: Range<Int>, count buckets: Int) -> [Range<Int>] {
        let n = range.count
        let buckets = max(1, min(buckets, n))
        return (0..<buckets).map { b in
            (range.lowerBound + n * b / buckets)..<(range.lowerBound + n * (b + 1) / buckets)
        }
    }
}
