import TapeCore
import TapeModels

/// A model as a strategy for the backtest commands: `backtest SYMBOL model NAME
/// [threshold P] [refit 6m] [window 3y] [shorts 1]`. The model's configuration is refitted
/// walking forward through SYMBOL's bars (ModelStrategy) and the engine trades only those
/// out-of-sample predictions; `optimize` and `walkforward` search the threshold.
enum ModelBacktest {
    /// The options a backtest command adds for a model, less those `declared` already has
    /// (momentum's `threshold` is the same word); `range` for the searches, which take the
    /// threshold as a range.
    static func options(range: Bool, besides declared: [OptionSpec]) -> [OptionSpec] {
        let taken = Set(declared.map(\.name))
        return [
        .word("model", "trade a fitted model's out-of-sample predictions (model fit first)"),
        .number("threshold", "model: go long above this probability (default 0.5; 0 for a decision value or a return)", range: range),
        .duration("refit", "model: refit every so often (default 6m)", bounds: .positive),
        .duration("window", "model: train on this much history, rolling (default: all of it, anchored; the first fit waits 2y)",
                  bounds: .positive),
        ].filter { !taken.contains($0.name) }
    }

    /// A backtest command's options with the model's added.
    /// momentum's `threshold` is the model's too: one option, its help naming both.
    static func withModel(_ declared: [OptionSpec], range: Bool) -> [OptionSpec] {
        let own = options(range: range, besides: [])
        let merged = declared.map { d -> OptionSpec in
            guard let m = own.first(where: { $0.name == d.name }) else { return d }
            return OptionSpec(d.name, d.kind, bounds: d.bounds, range: d.acceptsRange, required: d.required, placeholder: d.placeholder,
                              help: d.help + "; " + m.help, completions: d.completions,
                              offered: { shell, words in words.contains("model") || (d.offered?(shell, words) ?? true) })
        }
        return merged + options(range: range, besides: declared)
    }

    /// The options only a model reads.
    static let modelOnly = ["refit", "window"]

    /// `backtest [SYMBOL] model NAME ...`: the engine over the model's out-of-sample strategy.
    static func backtest(_ c: CommandContext, model name: String) throws {
        let positionals = c.positionals
        guard positionals.count <= 1 else {
            throw TapeError("unexpected argument", span: positionals[1].span,
                            hint: "a model backtest is written backtest SYMBOL model NAME [threshold P] [refit 6m]")
        }
        try BacktestRun.refuse(c, SignalRules.words + ["when", "warmup", "weighting"] + Array(StrategyOptions.parameterNames.subtracting(["shorts", "threshold"])),
                               "backtest ... model NAME trades the model's predictions")
        let d = try c.dataset(named: positionals.first)
        var (strategy, line) = try self.strategy(c, model: name, on: d, shorts: (c.value("shorts") ?? 0) >= 1)
        c.print(line)
        let config = try EngineOptions.config(c)
        BacktestRun.keep(c, try BacktestRun.run(c, &strategy, on: d, config: config, range: try EngineOptions.dateRange(c, d)))
    }

    /// `optimize`/`walkforward [SYMBOL] model NAME threshold A..B`: the model as the strategy searched.
    static func target(_ c: CommandContext, model name: String) throws -> (StrategyInfo, Dataset) {
        let p = c.positionals
        guard p.count <= 1 else {
            throw TapeError("unexpected argument", span: p[1].span, hint: "written [SYMBOL] model NAME threshold 0.5..0.6 step 0.02")
        }
        let d = try c.dataset(named: p.first)
        let (info, line) = try self.info(c, model: name, on: d)
        c.print(line)
        return (info, d)
    }

    /// A model option given without `model NAME` is an error at its key, not ignored.
    static func refuseWithoutModel(_ c: CommandContext) throws {
        try BacktestRun.refuse(c, modelOnly, "it applies to a model: backtest SYMBOL model NAME")
    }

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
        if s.probabilistic, !(0...1).contains(threshold) {
            throw TapeError("threshold \(Format.number(threshold)) is not a probability; \(m.name) predicts one", span: c.optionSpan("threshold"),
                            hint: "give a threshold from 0 to 1, e.g. threshold 0.55")
        }
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
