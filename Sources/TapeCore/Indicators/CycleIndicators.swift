/// Ehlers' Hilbert-transform cycle indicators (TA-Lib's HT_ family), all from `MESA.cycle`.
/// TA-Lib marks each as having an unstable period; like TA-Lib by default, that period is
/// 0 here: the first output is at bar 32 (period, phasor) or 63 (the rest), and the
/// values early on depend on where the series starts.
enum CycleIndicators {
    static let real: [IndicatorInput] = [.series("real")]
    static let note = "TA-Lib's HT_ function with its default unstable period of 0: the values depend on where the series starts for a few dozen bars."

    static func spec(_ name: String, group: String = "Cycle", _ summary: String, _ formula: String, outputs: [String],
                     _ output: MESA.Output, _ pick: @escaping @Sendable (MESA.Cycle) -> [[Double]]) -> IndicatorSpec {
        IndicatorSpec(
            name: name, group: group, summary: summary, formula: formula, inputs: real, params: [], outputs: outputs,
            conventionNote: note,
            lookback: { _ in output == .phase ? MESA.phaseLookback : MESA.lookback },
            kernel: { x, _, _ in pick(MESA.cycle(x[0], output)) })
    }

    static let all: [IndicatorSpec] = [
        spec("ht_dcperiod", "dominant cycle period in bars", "smoothed homodyne-discriminator period, 6...50 bars",
             outputs: ["ht_dcperiod"], .dcPeriod) { [$0.dcPeriod] },
        spec("ht_dcphase", "dominant cycle phase in degrees", "phase of the smoothed price over one dominant cycle, -45...315",
             outputs: ["ht_dcphase"], .phase) { [$0.dcPhase] },
        spec("ht_phasor", "in-phase and quadrature components of the Hilbert transform", "inphase = I1, quadrature = Q1",
             outputs: ["inphase", "quadrature"], .phasor) { [$0.inPhase, $0.quadrature] },
        spec("ht_sine", "sine wave and lead sine of the dominant cycle phase", "sine = sin(phase); leadsine = sin(phase + 45°)",
             outputs: ["sine", "leadsine"], .phase) { [$0.sine, $0.leadSine] },
        spec("ht_trendline", group: "Overlap", "instantaneous trendline", "WMA of the price averaged over the dominant cycle",
             outputs: ["ht_trendline"], .phase) { [$0.trendline] },
        spec("ht_trendmode", "1 in a trend, 0 in a cycle", "trend unless the sine lines crossed within half a cycle, the phase advances at the cycle's rate, and price stays within 1.5% of the trendline",
             outputs: ["ht_trendmode"], .phase) { [$0.trendMode] },
    ]
}
