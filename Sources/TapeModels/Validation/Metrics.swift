import Foundation

/// Scores of out-of-sample predictions against their labels.
public enum Metrics {
    public static func accuracy(_ predicted: [Double], _ actual: [Double]) -> Double {
        guard !actual.isEmpty else { return .nan }
        var hit = 0
        for (p, a) in zip(predicted, actual) where p == a { hit += 1 }
        return Double(hit) / Double(actual.count)
    }

    /// Mean of the recall of each class: 50% for any constant guess.
    public static func balancedAccuracy(_ predicted: [Double], _ actual: [Double]) -> Double {
        var tp = 0, pos = 0, tn = 0, neg = 0
        for (p, a) in zip(predicted, actual) {
            if a == 1 { pos += 1; if p == 1 { tp += 1 } } else { neg += 1; if p == 0 { tn += 1 } }
        }
        guard pos > 0, neg > 0 else { return .nan }
        return (Double(tp) / Double(pos) + Double(tn) / Double(neg)) / 2
    }

    /// Share of class 1.
    public static func baseRate(_ actual: [Double]) -> Double {
        actual.isEmpty ? .nan : actual.reduce(0, +) / Double(actual.count)
    }

    /// Mean negative log-likelihood, probabilities clipped to [1e-15, 1 - 1e-15] (as
    /// scikit-learn's log_loss).
    public static func logLoss(_ probability: [Double], _ actual: [Double]) -> Double {
        guard !actual.isEmpty else { return .nan }
        var total = 0.0
        for (p, a) in zip(probability, actual) {
            let q = min(max(p, 1e-15), 1 - 1e-15)
            total -= a == 1 ? log(q) : log(1 - q)
        }
        return total / Double(actual.count)
    }

    /// Area under the ROC curve: the chance a random class-1 row scores above a random
    /// class-0 row, ties counting half (Mann-Whitney U from average ranks).
    public static func auc(_ score: [Double], _ actual: [Double]) -> Double {
        let ranks = averageRanks(score)
        var pos = 0.0, neg = 0.0, sum = 0.0
        for (r, a) in zip(ranks, actual) {
            if a == 1 { pos += 1; sum += r } else { neg += 1 }
        }
        guard pos > 0, neg > 0 else { return .nan }
        return (sum - pos * (pos + 1) / 2) / (pos * neg)
    }

    /// 1-based ranks, ties given their average rank.
    public static func averageRanks(_ x: [Double]) -> [Double] {
        let order = x.indices.sorted { x[$0] < x[$1] || (x[$0] == x[$1] && $0 < $1) }
        var ranks = [Double](repeating: 0, count: x.count)
        var i = 0
        while i < order.count {
            var j = i
            while j + 1 < order.count && x[order[j + 1]] == x[order[i]] { j += 1 }
            let r = Double(i + j) / 2 + 1
            for k in i...j { ranks[order[k]] = r }
            i = j + 1
        }
        return ranks
    }

    /// Out-of-sample R²: 1 - SSE / total sum of squares about the actual mean.
    public static func r2(_ predicted: [Double], _ actual: [Double]) -> Double {
        guard actual.count >= 2 else { return .nan }
        let m = actual.reduce(0, +) / Double(actual.count)
        var sse = 0.0, sst = 0.0
        for (p, a) in zip(predicted, actual) { sse += (a - p) * (a - p); sst += (a - m) * (a - m) }
        return sst > 0 ? 1 - sse / sst : .nan
    }

    /// Rank information coefficient: Spearman correlation of prediction and outcome.
    public static func rankIC(_ predicted: [Double], _ actual: [Double]) -> Double {
        pearson(averageRanks(predicted), averageRanks(actual))
    }

    public static func pearson(_ x: [Double], _ y: [Double]) -> Double {
        let n = Double(min(x.count, y.count))
        guard n >= 2 else { return .nan }
        let mx = x.reduce(0, +) / n, my = y.reduce(0, +) / n
        var sxy = 0.0, sxx = 0.0, syy = 0.0
        for (a, b) in zip(x, y) { sxy += (a - mx) * (b - my); sxx += (a - mx) * (a - mx); syy += (b - my) * (b - my) }
        return sxx > 0 && syy > 0 ? sxy / (sxx * syy).squareRoot() : .nan
    }

    /// Wilson score interval for a proportion at 95%, from `n` independent trials.
    public static func wilson(_ p: Double, n: Double, z: Double = 1.959963984540054) -> (low: Double, high: Double) {
        guard n > 0, p.isFinite else { return (.nan, .nan) }
        let z2 = z * z
        let centre = (p + z2 / (2 * n)) / (1 + z2 / n)
        let half = z / (1 + z2 / n) * (p * (1 - p) / n + z2 / (4 * n * n)).squareRoot()
        return (max(0, centre - half), min(1, centre + half))
    }
}
