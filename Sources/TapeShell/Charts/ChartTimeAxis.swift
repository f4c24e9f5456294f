import TapeCore

/// How a chart over time (price, equity) draws its `TimeAxis`: bars at x = index, the
/// visible rows from an optional date-range zoom, and the same range and tick positions
/// for every panel of a stack, with labels only under the bottom one. A view of the axis
/// for one canvas, not a second axis.
struct ChartTimeAxis {
    let time: [Int64]
    /// Rows shown.
    let rows: Range<Int>
    let ticks: [DateAxis.Tick]

    /// Resolves the zoom to rows; throws when it leaves nothing to show.
    init(chart: String, axis: TimeAxis, zoom: ClosedRange<Int64>?, canvas: ChartCanvas) throws {
        let time = axis.time
        guard !time.isEmpty else { throw ChartError.badData(chart: chart, reason: "no data to plot") }
        for i in 1..<time.count where time[i] < time[i - 1] {
            throw ChartError.badData(chart: chart, reason: "times must be in ascending order (row \(i + 1) goes back)")
        }
        var rows = 0..<time.count
        if let zoom {
            let lo = Self.firstIndex(time, atLeast: zoom.lowerBound)
            let hi = Self.firstIndex(time, atLeast: zoom.upperBound == .max ? .max : zoom.upperBound + 1)
            guard lo < hi else {
                throw ChartError.badData(chart: chart, reason: "no data between \(Self.date(zoom.lowerBound)) and \(Self.date(zoom.upperBound))")
            }
            rows = lo..<hi
        }
        self.time = time
        self.rows = rows
        let room = canvas.isText ? 14 : 100
        ticks = DateAxis.ticks(time: time, range: rows, maxTicks: canvas.plotColumns / room)
    }

    /// gnuplot lines fixing the x range and ticks for one panel of the stack.
    func commands(labelled: Bool, pad: Double) -> [String] {
        let marks = ticks.map { (labelled ? GnuplotText.literal($0.label) : "''") + " \($0.index)" }
        return [
            "set xrange [\(GnuplotText.number(Double(rows.lowerBound) - pad)):\(GnuplotText.number(Double(rows.upperBound - 1) + pad))]",
            marks.isEmpty ? "unset xtics" : "set xtics (" + marks.joined(separator: ", ") + ")",
        ]
    }

    private static func firstIndex(_ time: [Int64], atLeast t: Int64) -> Int {
        var lo = 0, hi = time.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if time[mid] < t { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    private static func date(_ t: Int64) -> String { CivilTime.format(t) }
}
