/// The one seeded generator of Tape: SplitMix64 (Steele, Lea & Flood 2014). Tiny and
/// fully determined by its seed, so optimisation trials, retry jitter and anything else
/// random replay identically from the seed a session records.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [0, 1) from the top 53 bits.
    public mutating func unit() -> Double { Double(next() >> 11) * 0x1p-53 }
}

/// The name the parameter search uses for the same generator.
public typealias SeededRandom = SplitMix64
