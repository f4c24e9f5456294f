/// The folds of a validation along time, one row each: the rows trained on, those left
/// out by the purge and the embargo, and the test block.
public struct FoldTimelineChart: Sendable, Equatable {
    public enum Part: Int, Sendable, CaseIterable {
        case train, purge, embargo, test
        var name: String { ["train", "purged", "embargoed", "test"][rawValue] }
    }

    /// One stretch of a fold's row: from `start` to `end` in decimal years.
    public struct Stretch: Sendable, Equatable {
        public var start: Double
        public var end: Double
        public var part: Part
        public init(start: Double, end: Double, part: Part) {
            self.start = start
            self.end = end
            self.part = part
        }
    }

    public var title: String
    public var folds: [[Stretch]]

    public init(title: String, folds: [[Stretch]]) {
        self.title = title
        self.folds = folds
    }

    func draw(into s: inout GnuplotScript) throws {
        guard folds.contains(where: { !$0.isEmpty }) else { throw ChartError.badData(chart: "folds", reason: "no folds to draw") }
        s.title(title)
        s.add("set ylabel 'fold'")
        s.add("set yrange [0.4:\(GnuplotText.number(Double(folds.count) + 0.6))] reverse")
        s.add("set ytics 1")
        s.add("set key outside bottom center horizontal")
        var clauses: [String] = []
        for part in Part.allCases {
            let rows: [(Double, Double, Int)] = folds.enumerated().flatMap { k, stretches in
                stretches.filter { $0.part == part }.map { ($0.start, $0.end, k + 1) }
            }
            guard !rows.isEmpty else { continue }
            let block = s.datablock(rows: rows.count, columns: 3) { r, c in
                c == 0 ? rows[r].0 : c == 1 ? rows[r].1 - rows[r].0 : Double(rows[r].2)
            }
            let width = part == .test || part == .train ? 8 : 5
            clauses.append("\(block) using 1:3:2:(0) with vectors nohead lw \(width) lc rgb \(s.lineColor(part.rawValue)) title \(GnuplotText.literal(part.name))")
            // A purge or embargo of a few bars is a sliver of a 20-year axis: a marker
            // at each keeps it visible.
            if part == .purge || part == .embargo {
                clauses.append("\(block) using ($1 + $2 / 2):3 with points pt 7 ps 1.2 lc rgb \(s.lineColor(part.rawValue)) notitle")
            }
        }
        s.plot(clauses)
    }
}
