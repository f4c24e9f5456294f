import TapeCore
import TapeModels

/// A model as a strategy for the backtest commands: `backtest SYMBOL model NAME
/// [threshold P] [refit 6m] [window 3y] [shorts 1]`. The model's configuration is refitted
/// walking forward through SYMBOL's bars (ModelStrategy) and the engine trades only those
/// out-of-sample predictions; `optimize` and `walkforward` search the threshold.
enum ModelBacktest {
    /// The options a backtest command adds for a model.
    static let options: [OptionSpec] = [
        .word("model", "trade a fitted model's out-of-sample predictions (model fit first)"),
        .number("threshold", "model: go long above this probability (default 0.5; 0 for a decision value or a return)", range: true),
        .duration("refit", "model: refit every so often (default 6m)", bounds: .positive),
        .duration("window", "model: train on this much history, rolling (default: all of it, anchored; the first fit waits 2y)",
                  bounds: .positive),
    ]

    /// The out-of-sample scores of model `name` over dataset `d`.
    static func scores(_ c: CommandContext, model name: String, on d: Dataset) throws -> (TrainedModel, OutOfSampleScores) {
        let m = try ModelsState.of(c).model(name, span: c.optionSpan("model"))
        let specs = try c.modelCall(c.optionSpan("model")) { try m.featureSpecs() }
        let refit = try length(c, "refit") ?? .months(6)
        let window = try length(c, "window")
        let s = try c.modelCall(c.optionSpan("model")) {
            try ModelStrategy.outOfSample(d.bars, features: specs, label: m.label, config: m.config, refit: refit, window: window,
                                          cancel: Interrupts.cancelCheck)
        }
        return (m, s)
    }

    /// The strategy `backtest SYMBOL model NAME` runs, and a line saying how it was made.
    static func strategy(_ c: CommandContext, model name: String, on d: Dataset, shorts: Bool) throws -> (SignalStrategy, String) {
        let (m, s) = try scores(c, model: name, on: d)
        let threshold = c.value("threshold") ?? (s.probabilistic ? 0.5 : 0)
        let label = "model \(m.name) (\(m.config.kind.rawValue), threshold \(Format.number(threshold)))"
        let strategy = try c.modelCall(c.span) { try ModelStrategy.strategy(s, name: label, threshold: threshold, shorts: shorts) }
        return (strategy, note(m, s, d))
    }

    /// The model as a strategy row for `optimize` and `walkforward` (parameters threshold
    /// and shorts), its scores computed once.
    static func info(_ c: CommandContext, model name: String, on d: Dataset) throws -> (StrategyInfo, String) {
        let (m, s) = try scores(c, model: name, on: d)
        return (ModelStrategy.strategyInfo(s, name: "model \(m.name)"), note(m, s, d))
    }

    static func note(_ m: TrainedModel, _ s: OutOfSampleScores, _ d: Dataset) -> String {
        let first = s.firstScored.map { CivilTime.format(d.bars.time[$0]) } ?? "never"
        return "\(m.name) refitted \(s.refits.count) times on \(d.name)'s past (\(m.config.kind.rawValue), label \(m.label.description)); "
            + "trades only out-of-sample predictions, from \(first)"
    }

    static func length(_ c: CommandContext, _ key: String) throws -> WindowLength? {
        guard let d = c.duration(key) else { return nil }
        guard d.count == d.count.rounded(), d.count >= 1 else {
            throw TapeError("\(key) must be a whole number of days, weeks, months or years", span: c.optionSpan(key))
        }
        switch d.unit {
        case .days: return .days(Int(d.count))
        case .weeks: return .days(7 * Int(d.count))
        case .months: return .months(Int(d.count))
        case .years: return .years(Int(d.count))
        default: throw TapeError("\(key) takes days, weeks, months or years (6m, 1y)", span: c.optionSpan(key))
        }
    }
}
