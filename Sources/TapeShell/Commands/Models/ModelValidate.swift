import Foundation
import TapeCore
import TapeModels

/// `model validate NAME`: refits the model's configuration fold by fold on its own rows,
/// never shuffled, purged and embargoed, and scores only what each fold's model never saw.
enum ModelValidate {
    static let spec = CommandSpec(
        name: "validate",
        summary: "score a model honestly: purged k-fold or walk-forward, with base rate, CI and a permutation test",
        details: """
        model validate m                          purged 5-fold, embargo = label horizon
        model validate m method walkforward folds 8
        model validate m permutations 100         p-value from 100 seeded label shuffles
        model validate m compare leaky            beside it: a shuffled k-fold and in-sample
        Purging leaves out every training row whose label window overlaps a test row's;
        the embargo leaves out the rows just after each test block (at least the label
        horizon). The confidence interval counts rows / horizon independent predictions,
        since overlapping labels are not independent. The permutation test moves labels in
        blocks of the horizon, refits every fold, and reports how often chance scored as
        well. `model chart NAME folds` draws the folds.
        """,
        effect: .query,
        options: [.choice("method", ["purged", "walkforward"], "how to split (default purged)"),
                  .count("folds", "number of test blocks (default 5)", bounds: .from(2, to: 100)),
                  .count("embargo", "bars left out after each test block (default and least: the label horizon)", bounds: .from(0, to: 100_000)),
                  .count("permutations", "label shuffles for the p-value (default 20; 0 skips the test)", bounds: .from(0, to: 10_000)),
                  .choice("compare", ["leaky"], "also show what a shuffled, unpurged split and in-sample scoring report")],
        arguments: [ArgumentSpec("NAME", .word, help: "a fitted model")],
        run: run)

    static func run(_ c: CommandContext) throws {
        guard case .word(let name)? = c.argument(0) else { throw TapeError("model validate needs a model", span: c.span) }
        let state = ModelsState.of(c)
        let m = try state.model(name, span: c.positionals.first?.span)
        let matrix = try matrix(for: m, c)
        let set = try c.modelCall(c.span) { try LearningSet.make(matrix, label: m.label) }
        let h = m.label.horizon
        let embargo = c.int("embargo") ?? h
        if embargo < h {
            throw TapeError("the embargo (\(embargo) bars) must be at least the label horizon (\(h) bars)", span: c.optionSpan("embargo"),
                            hint: "a shorter embargo lets training labels overlap the test rows")
        }
        let folds = c.int("folds") ?? 5
        let scheme: SplitScheme = c.text("method") == "walkforward" ? .walkForward(folds: folds, embargo: embargo)
                                                                    : .purgedKFold(folds: folds, embargo: embargo)
        let report = try c.modelCall(c.span) {
            try Validator.run(set, config: m.config, scheme: scheme, permutations: c.int("permutations") ?? 20,
                              seed: c.session.seed, cancel: Interrupts.cancelCheck)
        }
        state.validations[name.uppercased()] = ValidationRun(report: report, set: set)
        for line in ValidationText.lines(report, set: set, model: m, embargo: embargo) { c.print(line) }
        if c.text("compare") == "leaky" {
            let shuffled = try c.modelCall(c.span) {
                try Validator.run(set, config: m.config, scheme: .shuffledKFold(folds: folds, seed: c.session.seed), cancel: Interrupts.cancelCheck)
            }
            let inSample = try c.modelCall(c.span) { try Validator.inSample(set, config: m.config, cancel: Interrupts.cancelCheck) }
            for line in ValidationText.comparison(honest: report, shuffled: shuffled.scores, inSample: inSample, folds: folds) { c.print(line) }
        }
    }

    /// The model's own features over the bars it was fitted on (rebuilt from the dataset,
    /// so a loaded model validates on the data loaded now).
    static func matrix(for m: TrainedModel, _ c: CommandContext) throws -> FeatureMatrix {
        guard let d = c.workspace.dataset(m.symbol) else {
            throw TapeError("model \(m.name) was fitted on \(m.symbol), which is not loaded", span: c.span, hint: "load it first: load \(m.symbol)")
        }
        let specs = try c.modelCall(c.span) { try m.featureSpecs() }
        return try c.modelCall(c.span) { try FeatureMatrix.build(d.bars, features: specs, set: m.featureSet, cancel: Interrupts.cancelCheck) }
    }
}

/// How a validation reads.
enum ValidationText {
    static func pct(_ x: Double) -> String { ModelText.percent(x, 1) }
    static func num(_ x: Double, _ d: Int = 3) -> String { x.isNaN ? "n/a" : Format.fixed(x, d) }

    static func lines(_ r: ValidationReport, set: LearningSet, model m: TrainedModel, embargo: Int) -> [String] {
        var out = ["validation of \(m.name): \(r.scheme.name), embargo \(embargo) bars (label horizon \(r.horizon)), never shuffled"]
        out.append("  \(set.droppedText)")
        let time = set.matrix.time
        var t = TextTable(["fold", "train", "purged", "embargoed", "test", "rows", r.regression ? "R²" : "accuracy"])
        for (k, f) in r.folds.enumerated() {
            t.add(["\(k + 1)", "\(f.fold.train.count)", "\(f.fold.purged.count)", "\(f.fold.embargoed.count)",
                   CivilTime.format(time[f.testBars.lowerBound]) + ".." + CivilTime.format(time[f.testBars.upperBound]),
                   "\(f.fold.test.count)", r.regression ? num(f.score) : pct(f.score)])
        }
        out += t.render().map { "  " + $0 }
        let s = r.scores
        if r.regression {
            out.append("  R²                  \(num(s.r2, 4))   (0 = predicting the mean return)")
            out.append("  rank IC             \(num(s.rankIC, 4))   (Spearman of prediction and outcome)")
            out.append("  direction right     \(pct(s.directionalAccuracy))   (the return was up in \(pct(s.baseRate)) of rows)")
        } else {
            let majority = max(s.baseRate, 1 - s.baseRate)
            out.append("  accuracy            \(pct(s.accuracy))   95% CI \(pct(r.interval.low))..\(pct(r.interval.high)) "
                       + "(\(Int(r.effectiveCount)) independent = \(s.count) rows / horizon \(r.horizon))")
            out.append("  base rate           \(pct(s.baseRate)) class 1; always guessing the majority scores \(pct(majority))")
            out.append("  balanced accuracy   \(pct(s.balancedAccuracy))   (50% for any constant guess)")
            if !s.logLoss.isNaN {
                let p = min(max(s.baseRate, 1e-15), 1 - 1e-15)
                let constant = -(s.baseRate * log(p) + (1 - s.baseRate) * log(1 - p))
                out.append("  log loss            \(num(s.logLoss, 4))   (always predicting the base rate: \(num(constant, 4)))")
            }
            out.append("  AUC                 \(num(s.auc))   (0.5 = no ranking skill)")
        }
        if let p = r.permutation {
            let what = r.regression ? "R²" : "accuracy"
            out.append("  permutation test    \(what) with labels shuffled in blocks of \(r.horizon), \(p.runs) runs: mean "
                       + (r.regression ? num(p.meanScore, 4) : pct(p.meanScore)) + ", best " + (r.regression ? num(p.maxScore, 4) : pct(p.maxScore))
                       + "; p = \(num(p.pValue))")
        }
        if !r.regimes.isEmpty {
            var g = TextTable(["regime", "rows", r.regression ? "rank IC" : "accuracy", "base rate"])
            for reg in r.regimes {
                g.add([reg.name, "\(reg.scores.count)", r.regression ? num(reg.scores.rankIC, 3) : pct(reg.scores.accuracy), pct(reg.scores.baseRate)])
            }
            out += g.render().map { "  " + $0 }
        }
        out.append("  " + verdict(r))
        return out
    }

    /// One plain sentence: is there evidence of skill?
    static func verdict(_ r: ValidationReport) -> String {
        let s = r.scores
        if r.regression {
            if let p = r.permutation, p.pValue < 0.05, s.rankIC > 0 { return "verdict: some out-of-sample ranking skill (p < 0.05); check it survives costs: backtest SYMBOL model NAME" }
            return "verdict: no evidence of skill out of sample"
        }
        let majority = max(s.baseRate, 1 - s.baseRate)
        if s.accuracy <= majority {
            return "verdict: no better than always guessing the majority class (\(pct(majority)))"
        }
        if let p = r.permutation, p.pValue >= 0.05 {
            return "verdict: above the base rate, but chance does as well (p = \(num(p.pValue))); not evidence of skill"
        }
        return "verdict: above the base rate out of sample; check it survives costs: backtest SYMBOL model NAME"
    }

    static func comparison(honest: ValidationReport, shuffled: Scores, inSample: Scores, folds: Int) -> [String] {
        var out = ["how the same model scores when it is measured the usual way:"]
        var t = TextTable(["", "honest (\(honest.scheme.name))", "shuffled \(folds)-fold, no purge", "in-sample"])
        let h = honest.scores
        if honest.regression {
            t.add(["R²", num(h.r2, 4), num(shuffled.r2, 4), num(inSample.r2, 4)])
            t.add(["rank IC", num(h.rankIC, 4), num(shuffled.rankIC, 4), num(inSample.rankIC, 4)])
        } else {
            t.add(["accuracy", pct(h.accuracy), pct(shuffled.accuracy), pct(inSample.accuracy)])
            t.add(["balanced accuracy", pct(h.balancedAccuracy), pct(shuffled.balancedAccuracy), pct(inSample.balancedAccuracy)])
            t.add(["AUC", num(h.auc), num(shuffled.auc), num(inSample.auc)])
        }
        out += t.render().map { "  " + $0 }
        out.append("  a shuffled split tests on rows whose neighbours (sharing most of their label window) were trained on;")
        out.append("  in-sample scoring tests on the training rows themselves. Only the first column is a forecast.")
        return out
    }
}
