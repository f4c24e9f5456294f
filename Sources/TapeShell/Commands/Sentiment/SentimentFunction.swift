import TapeCore

/// `sentiment(NAME)`: a headline set's daily VADER score on the current dataset's bars,
/// usable in any expression, `let`, `show`, `plot` or strategy condition.
enum SentimentFunction {
    static var spec: FunctionSpec {
        FunctionSpec(
            name: "sentiment",
            usage: "sentiment(NEWS)",
            summary: "daily mean VADER score of a headline set on the dataset's bars (0 on days without news); load news NEWS from FILE first",
            group: "Signal",
            namesArguments: true
        ) { fc in
            guard let arg = fc.positional.first, fc.args.count == 1, case .string(let name) = arg.value else {
                throw TapeError("sentiment takes one headline set's name", span: fc.span, hint: "sentiment(news), after load news news from \"headlines.csv\"")
            }
            let set = try NewsState.of(fc.evaluator.workspace).named(name, span: arg.span)
            guard let d = fc.evaluator.dataset else {
                throw TapeError("no dataset is loaded, so sentiment has no bars to fall on", span: fc.span, hint: "try: load AAPL")
            }
            let values = Headlines.daily(set.about(d.name), on: d.bars.time)
            return .series(Series(axis: d.axis, values: values, name: "sentiment(\(set.name))"))
        }
    }
}
