/// How often and for how long one asset's price on two venues differed by more than a
/// round trip costs: the test an arbitrage claim has to survive before latency and fill
/// risk are even considered.
public struct VenueGap: Sendable {
    /// Observations compared.
    public let observations: Int
    /// Observations where |B / A − 1| exceeded the cost.
    public let beyond: Int
    /// Runs of consecutive such observations.
    public let episodes: Int
    public let meanEpisodeLength: Double
    public let longestEpisode: Int
    /// Index of the first observation of the longest run (−1 when there is none).
    public let longestStart: Int
    /// Mean of |gap| − cost over the observations beyond it: what a perfect trader at the
    /// quoted closes would have kept per round trip.
    public let meanExcess: Double
    /// Largest |gap| seen.
    public let largestGap: Double

    public static func measure(_ a: [Double], _ b: [Double], roundTripCost cost: Double) -> VenueGap {
        var beyond = 0, episodes = 0, run = 0, longest = 0, longestStart = -1, excess = 0.0, largest = 0.0
        var lengths = 0
        for i in 0..<min(a.count, b.count) {
            let g = a[i] != 0 ? abs(b[i] / a[i] - 1) : .nan
            if g.isFinite { largest = max(largest, g) }
            if g > cost {
                beyond += 1; excess += g - cost
                if run == 0 { episodes += 1 }
                run += 1; lengths += 1
                if run > longest { longest = run; longestStart = i - run + 1 }
            } else {
                run = 0
            }
        }
        return VenueGap(observations: min(a.count, b.count), beyond: beyond, episodes: episodes,
                        meanEpisodeLength: episodes > 0 ? Double(lengths) / Double(episodes) : 0,
                        longestEpisode: longest, longestStart: longestStart,
                        meanExcess: beyond > 0 ? excess / Double(beyond) : 0, largestGap: largest)
    }
}
