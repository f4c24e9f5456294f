import TapeCore
import TapeModels

/// `model chart NAME KIND`: the pictures of a model, through the charts layer.
enum ModelChart {
    static let kinds = ["importance", "calibration", "folds", "probability"]

    static let spec = CommandSpec(
        name: "chart",
        summary: "draw a model: feature importance, calibration, the folds, probability against forward return",
        details: """
        model chart m importance     the features it leans on (top 20)
        model chart m calibration    predicted probability against how often it happened
        model chart m folds          the last validation's folds: train, purged, embargoed, test
        model chart m probability    each out-of-sample probability against the return that followed
        calibration, folds and probability draw the last `model validate NAME`.
        """,
        effect: .query,
        arguments: [ArgumentSpec("NAME", .word, help: "a fitted model"), ArgumentSpec("KIND", .choice(kinds))],
        run: run)

    static func run(_ c: CommandContext) throws {
        guard case .word(let name)? = c.argument(0), case .word(let kind)? = c.argument(1) else {
            throw TapeError("model chart needs a model and a kind", span: c.span, hint: "e.g. model chart m importance")
        }
        let state = ModelsState.of(c)
        let m = try state.model(name, span: c.positionals.first?.span)
        if kind == "importance" {
            let ranked = try ModelImportance.ranking(m, c).prefix(20)
            let total = try ModelImportance.ranking(m, c).reduce(0) { $0 + $1.value }
            try ChartCommands.show(.importance(ImportanceChart(title: "\(m.name): feature importance (\(m.config.kind.rawValue))",
                                                               names: ranked.map(\.name),
                                                               shares: ranked.map { total > 0 ? $0.value / total : 0 })), c)
            return
        }
        guard let v = state.validations[name.uppercased()] else {
            throw TapeError("model \(m.name) has no validation to draw", span: c.span, hint: "run: model validate \(m.name)")
        }
        let r = v.report
        switch kind {
        case "calibration":
            guard let p = r.prediction.probability, !r.regression else {
                throw TapeError("model \(m.name) gives no probabilities to calibrate", span: c.span)
            }
            try ChartCommands.show(.calibration(CalibrationChart.binned(title: "\(m.name): calibration, \(r.scheme.name)", probability: p,
                                                                        actual: r.actual)), c)
        case "folds":
            try ChartCommands.show(.folds(FoldTimelineChart(title: "\(m.name): \(r.scheme.name), embargo after each test block",
                                                            folds: timeline(r, set: v.set))), c)
        default:
            let fwd = m.label.forwardReturns(v.set.matrix.bars)
            let x = r.prediction.probability ?? r.prediction.score
            let y = r.tested.map { fwd[v.set.bars[$0]] }
            try ChartCommands.show(.scatter(ScatterChart(title: "\(m.name): out-of-sample prediction against the \(m.label.horizon)-bar return",
                                                         x: ChartSeries(r.prediction.probability != nil ? "predicted probability" : "prediction", x),
                                                         y: ChartSeries("forward log return", y))), c)
        }
    }

    /// Each fold as stretches of consecutive samples of one part, in decimal years.
    static func timeline(_ r: ValidationReport, set: LearningSet) -> [[FoldTimelineChart.Stretch]] {
        let years = set.bars.map { decimalYear(set.matrix.time[$0]) }
        return r.folds.map { f in
            var part = [FoldTimelineChart.Part?](repeating: nil, count: set.count)
            for i in f.fold.train { part[i] = .train }
            for i in f.fold.purged { part[i] = .purge }
            for i in f.fold.embargoed { part[i] = .embargo }
            for i in f.fold.test { part[i] = .test }
            var out: [FoldTimelineChart.Stretch] = []
            var i = 0
            while i < part.count {
                guard let p = part[i] else { i += 1; continue }
                var j = i
                while j + 1 < part.count && part[j + 1] == p { j += 1 }
                out.append(.init(start: years[i], end: j + 1 < years.count ? years[j + 1] : years[j], part: p))
                i = j + 1
            }
            return out
        }
    }

    /// 2020-07-02 -> 2020.5 (the day's place in its year).
    static func decimalYear(_ t: Int64) -> Double {
        let d = CivilTime.day(t)
        let c = CivilTime.civil(days: d)
        let start = CivilTime.days(year: c.year, month: 1, day: 1)
        let length = Double(CivilTime.days(year: c.year + 1, month: 1, day: 1) - start)
        return Double(c.year) + Double(d - start) / length
    }
}
