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

    /// Indices of (x, y) points to draw in a scatter on a `columns` x `rows` pixel grid:
    /// the first point landing in each cell. A dot covers a few pixels, so the drawing
    /// looks the same, outliers included, while a million points become at most one per
    /// cell. Pairs with a non-finite coordinate are skipped (gnuplot skips them too).
    public static func gridIndices(x: [Double], y: [Double], columns: Int, rows: Int) -> [Int] {
        let n = min(x.count, y.count)
        let columns = max(1, columns), rows = max(1, rows)
        guard n > columns * rows / 4 else { return Array(0..<n) }
        var lx = Double.infinity, hx = -Double.infinity, ly = Double.infinity, hy = -Double.infinity
        for i in 0..<n where x[i].isFinite && y[i].isFinite {
            lx = min(lx, x[i]); hx = max(hx, x[i]); ly = min(ly, y[i]); hy = max(hy, y[i])
        }
        // Offsets are taken in halves: v / 2 - lo / 2 stays finite where v - lo overflows
        // (-1e308 and 1e308), and the scale is finite or 0, so a cell is never Int(NaN).
        // For ordinary numbers halving is exact and the cells are those of v - lo.
        func scale(_ lo: Double, _ hi: Double, _ cells: Int) -> Double {
            let s = Double(cells - 1) / (hi / 2 - lo / 2)
            return hi > lo && s.isFinite ? s : 0   // no spread, or one too small to divide by
        }
        let sx = scale(lx, hx, columns), sy = scale(ly, hy, rows)
        var seen = [Bool](repeating: false, count: columns * rows)
        var out: [Int] = []
        for i in 0..<n where x[i].isFinite && y[i].isFinite {
            let cx = min(columns - 1, max(0, Int(((x[i] / 2 - lx / 2) * sx).rounded())))
            let cy = min(rows - 1, max(0, Int(((y[i] / 2 - ly / 2) * sy).rounded())))
            let cell = cy * columns + cx
            if !seen[cell] {
                seen[cell] = true
                out.append(i)
            }
        }
        return out
    }
}
