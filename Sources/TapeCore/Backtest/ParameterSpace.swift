import Foundation

/// A named parameter's search range: `fast 5..50 step 5`.
public struct ParameterRange: Sendable, Equatable, Codable {
    public var name: String
    public var lower: Double
    public var upper: Double
    /// Grid spacing; nil means 1 for integer parameters. Sampled values snap to it.
    public var step: Double?
    public var isInteger: Bool

    public init(_ name: String, _ lower: Double, _ upper: Double, step: Double? = nil, integer: Bool = true) {
        self.name = name
        self.lower = lower
        self.upper = upper
        self.step = step
        self.isInteger = integer
    }

    var effectiveStep: Double? { step ?? (isInteger ? 1 : nil) }

    func validate() throws {
        guard lower.isFinite, upper.isFinite, lower <= upper else {
            throw BacktestError.invalidParameter("range of \(name) must run from a lower to a higher bound, got \(lower)..\(upper)")
        }
        if let s = step, !(s.isFinite && s > 0) {
            throw BacktestError.invalidParameter("step of \(name) must be positive, got \(s)")
        }
    }

    /// Every grid value, lower to upper inclusive (a real range needs a step).
    func gridValues() throws -> [Double] {
        try validate()
        guard let s = effectiveStep else {
            throw BacktestError.invalidParameter("grid search needs a step for the real parameter \(name)")
        }
        let steps = ((upper - lower) / s + 1e-9).rounded(.down)
        // Checked as a Double first: converting a huge quotient to Int would trap.
        guard steps < 1_000_000 else { throw BacktestError.invalidParameter("\(name) has more than 1,000,000 grid values") }
        let count = Int(steps) + 1
        return (0..<count).map { snap(lower + Double($0) * s) }
    }

    /// The value nearest x on the range's grid (integers rounded), kept inside the range.
    func snap(_ x: Double) -> Double {
        var v = min(max(x, lower), upper)
        if let s = effectiveStep {
            v = lower + ((v - lower) / s).rounded() * s
            if v > upper + 1e-12 { v -= s }
            // Remove accumulated binary fractions (0.1 steps) so values print as written.
            v = (v * 1e9).rounded() / 1e9
        }
        if isInteger { v = v.rounded() }
        return v
    }
}

/// How candidate parameter sets are chosen.
public enum SearchMethod: Sendable, Equatable, Codable {
    /// Every combination of the ranges' grid values.
    case grid
    /// Uniform random draws.
    case random(trials: Int, seed: UInt64)
    /// Latin hypercube: each range cut into `trials` equal strata, each stratum used once.
    case latinHypercube(trials: Int, seed: UInt64)
    /// A genetic search: tournament selection, uniform crossover, mutation, two elites.
    case genetic(population: Int, generations: Int, seed: UInt64)

    public var description: String {
        switch self {
        case .grid: return "grid"
        case .random(let n, let s): return "random (\(n) trials, seed \(s))"
        case .latinHypercube(let n, let s): return "latin hypercube (\(n) trials, seed \(s))"
        case .genetic(let p, let g, let s): return "genetic (population \(p), \(g) generations, seed \(s))"
        }
    }
}

/// Candidate generation for the non-adaptive methods.
enum ParameterSampler {
    static func grid(_ space: [ParameterRange], limit: Int = 200_000) throws -> [[Double]] {
        let values = try space.map { try $0.gridValues() }
        var total = 1
        for v in values {
            let (p, overflow) = total.multipliedReportingOverflow(by: v.count)
            guard !overflow, p <= limit else {
                throw BacktestError.invalidParameter("the grid has more than \(limit) combinations; narrow the ranges or use random search")
            }
            total = p
        }
        var out: [[Double]] = []
        out.reserveCapacity(total)
        var index = [Int](repeating: 0, count: space.count)
        for _ in 0..<total {
            out.append(index.enumerated().map { values[$0.offset][$0.element] })
            var d = space.count - 1
            while d >= 0 {
                index[d] += 1
                if index[d] < values[d].count { break }
                index[d] = 0
                d -= 1
            }
        }
        return out
    }

    static func random(_ space: [ParameterRange], count: Int, rng: inout SeededRandom) -> [[Double]] {
        (0..<count).map { _ in space.map { $0.snap($0.lower + rng.unit() * ($0.upper - $0.lower)) } }
    }

    static func latinHypercube(_ space: [ParameterRange], count: Int, rng: inout SeededRandom) -> [[Double]] {
        guard count > 0 else { return [] }
        var columns: [[Double]] = []
        for r in space {
            var strata = Array(0..<count)
            strata.shuffle(using: &rng)
            columns.append(strata.map { r.snap(r.lower + (Double($0) + rng.unit()) / Double(count) * (r.upper - r.lower)) })
        }
        return (0..<count).map { k in columns.map { $0[k] } }
    }
}
