import Foundation
import Synchronization

/// Simulated horizon outcomes: one-period factor returns drawn from a multivariate
/// normal (the sample means and covariance, correlated through the Cholesky factor),
/// compounded over the horizon per factor, then valued by the subject.
///
/// Reproducible: paths are cut into fixed blocks of `blockSize`, and block b draws from
/// its own generator keyed by (seed, b), so the outcome depends on the seed alone,
/// never on how many cores ran the blocks or in which order. Normals come from the
/// Box-Muller transform of SplitMix64's uniforms, both halves used.
public enum MonteCarloRisk {
    public static let blockSize = 4_096

    /// `paths` outcomes (in path order) of `value`, which maps the k factors' compounded
    /// horizon returns to the subject's profit or loss.
    public static func simulate(mean: [Double], covariance: [[Double]], names: [String], horizon: Int, paths: Int, seed: UInt64,
                                cancel: (@Sendable () -> Bool)? = nil,
                                value: @escaping @Sendable ([Double]) -> Double) throws -> [Double] {
        guard paths >= 1, horizon >= 1 else { throw RiskError.invalid("a simulation needs at least one path and a horizon of one period") }
        let l = try Covariance.cholesky(covariance, names: names)
        let k = mean.count
        let blocks = (paths + blockSize - 1) / blockSize
        let results = Mutex([[Double]](repeating: [], count: blocks))
        DispatchQueue.concurrentPerform(iterations: blocks) { b in
            if let cancel, cancel() { return }
            var rng = blockGenerator(seed: seed, block: b)
            let count = min(blockSize, paths - b * blockSize)
            var out = [Double](repeating: 0, count: count)
            var z = [Double](repeating: 0, count: k), growth = [Double](repeating: 1, count: k), r = [Double](repeating: 0, count: k)
            var spare = Double.nan
            for p in 0..<count {
                for i in 0..<k { growth[i] = 1 }
                for _ in 0..<horizon {
                    for i in 0..<k {
                        if spare.isNaN {
                            let (a, c) = normalPair(&rng)
                            z[i] = a; spare = c
                        } else {
                            z[i] = spare; spare = .nan
                        }
                    }
                    for i in 0..<k {
                        var x = mean[i]
                        for m in 0...i { x += l[i][m] * z[m] }
                        r[i] = x
                        growth[i] *= 1 + x
                    }
                }
                for i in 0..<k { r[i] = growth[i] - 1 }
                out[p] = value(r)
            }
            results.withLock { $0[b] = out }
        }
        if let cancel, cancel() { throw RiskError.invalid("interrupted") }
        return results.withLock { $0.flatMap { $0 } }
    }

    /// Block b's generator. SplitMix64 steps its state by a fixed odd constant, so seeds
    /// that differ by multiples of it would give the same stream shifted: the block's
    /// seed is instead a mixed output of a generator keyed by (seed, block), a start
    /// somewhere unrelated on the 2⁶⁴ cycle.
    static func blockGenerator(seed: UInt64, block b: Int) -> SplitMix64 {
        var keyed = SplitMix64(seed: seed &+ UInt64(b) &* 0xD1B5_4A32_D192_ED03)
        _ = keyed.next()
        return SplitMix64(seed: keyed.next())
    }

    /// Two independent standard normals (Box-Muller).
    @inline(__always)
    static func normalPair(_ rng: inout SplitMix64) -> (Double, Double) {
        let u = 1 - rng.unit()          // (0, 1]: log(u) is finite
        let v = rng.unit()
        let radius = (-2 * log(u)).squareRoot()
        let angle = 2 * Double.pi * v
        return (radius * cos(angle), radius * sin(angle))
    }
}
