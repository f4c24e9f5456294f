import TapeCore

/// The rows a model learns from: bars where every feature has a value and the label is
/// known, in time order, with the counts of the rows left out and why.
public struct LearningSet: Sendable {
    public let matrix: FeatureMatrix
    public let label: LabelSpec
    /// Bar index of each sample.
    public let bars: [Int]
    /// Samples × features, row-major.
    public let x: [Double]
    public let y: [Double]
    /// Rows left out: in a feature's warm-up, with a missing value later, at the end
    /// (the label's future is not there yet), inside a sign label's dead band.
    public let warmup: Int, missing: Int, unlabelled: Int, deadBand: Int

    public var count: Int { bars.count }
    public var names: [String] { matrix.names }

    public static func make(_ matrix: FeatureMatrix, label: LabelSpec) throws -> LearningSet {
        try label.check(barCount: matrix.rowCount)
        let usable = matrix.usableRows()
        let labels = label.values(matrix.bars)
        let n = matrix.rowCount
        var bars: [Int] = [], y: [Double] = []
        var unlabelled = 0, deadBand = 0
        for i in usable.rows {
            let v = labels[i]
            if v.isNaN {
                if i >= n - label.horizon { unlabelled += 1 } else { deadBand += 1 }
                continue
            }
            bars.append(i)
            y.append(v)
        }
        if bars.isEmpty, deadBand > 0 {
            throw ModelError.invalidData("every row's return lies inside the dead band: no row has a label")
        }
        guard bars.count >= 20 else {
            throw ModelError.invalidData("only \(bars.count) rows have every feature and a label (warm-up \(usable.warmup), missing \(usable.missing), unlabelled \(unlabelled)); load more history or use a smaller feature set")
        }
        return LearningSet(matrix: matrix, label: label, bars: bars, x: matrix.design(bars), y: y, warmup: usable.warmup,
                           missing: usable.missing, unlabelled: unlabelled, deadBand: deadBand)
    }

    init(matrix: FeatureMatrix, label: LabelSpec, bars: [Int], x: [Double], y: [Double], warmup: Int, missing: Int,
         unlabelled: Int, deadBand: Int) {
        self.matrix = matrix
        self.label = label
        self.bars = bars
        self.x = x
        self.y = y
        self.warmup = warmup
        self.missing = missing
        self.unlabelled = unlabelled
        self.deadBand = deadBand
    }

    /// The rows at sample positions `idx`, row-major.
    public func rows(_ idx: [Int]) -> [Double] {
        let p = names.count
        var out = [Double](repeating: 0, count: idx.count * p)
        x.withUnsafeBufferPointer { xs in
            out.withUnsafeMutableBufferPointer { o in
                for (r, i) in idx.enumerated() {
                    for j in 0..<p { o[r * p + j] = xs[i * p + j] }
                }
            }
        }
        return out
    }

    /// The same samples with other labels (a permutation test).
    func relabelled(_ y: [Double]) -> LearningSet {
        LearningSet(matrix: matrix, label: label, bars: bars, x: x, y: y, warmup: warmup, missing: missing,
                    unlabelled: unlabelled, deadBand: deadBand)
    }

    /// One line: "4,751 rows (dropped: 250 warm-up, 5 unlabelled at the end, 312 in the dead band)".
    public var droppedText: String {
        var parts = ["\(warmup) warm-up (NaN)"]
        if missing > 0 { parts.append("\(missing) with a missing value") }
        parts.append("\(unlabelled) unlabelled at the end")
        if deadBand > 0 { parts.append("\(deadBand) in the dead band") }
        return "\(count) rows (dropped: " + parts.joined(separator: ", ") + ")"
    }
}
