import TapeCore

/// `event study NEWS`: the average price path after positive and after negative news days.
enum EventCommand: Command {
    static let study = CommandSpec(
        name: "study",
        usage: "event study NEWS [on SYMBOL] [window -5..20] [threshold 0.05] [nochart]",
        summary: "average return path after positive and negative news days, with 95% bands: does the score carry information?",
        details: """
        event study aapl_news on AAPL window -5..20
        A news day is the calendar day of a headline; its score the mean VADER score of that
        day's headlines about SYMBOL (or all of them when none names it). Positive days score
        at least threshold (default 0.05), negative at most −threshold. Each path is
        close[d + k] / close[d − 1] − 1 from the close before the news day d, so offset 0 is
        the news day's own move; bands are mean ± 1.96 standard errors over the events.
        Raw returns, not excess over the market: a rising market lifts both paths alike, so
        read the gap between them. Days too near either end of the data are left out.
        The chart draws both mean paths over every offset of the window, each in its band.
        """,
        effect: .query,
        options: [.word("on", "the dataset whose closes move (default the current one)", completions: ChartCommands.datasetNames),
                  .number("window", "bars before and after the news day (default -5..20)", bounds: .from(-250, to: 250), range: true),
                  .number("threshold", "|score| that makes a day positive or negative (default 0.05)", bounds: .from(0, to: 1)),
                  .flag("nochart", "print the table without the picture")],
        arguments: [ArgumentSpec("NEWS", .word, help: "a headline set from load news",
                                 completions: { shell in NewsState.of(shell.workspace).sets.values.map(\.name) })],
        run: run)

    static let spec = CommandSpec(
        name: "event", summary: "event studies: what prices did after news", effect: .query, subcommands: [study])

    static func run(_ c: CommandContext) throws {
        guard let e = c.positionals.first else { return }
        let set = try NewsState.of(c.workspace).named(try c.word(e, "a headline set's name"), span: e.span)
        let d = try c.dataset(named: c.option("on"))
        let w = c.values("window") ?? [-5, 20]
        guard let lo = w.first.map({ Int($0) }), let hi = w.last.map({ Int($0) }), lo < hi, lo <= 0, hi >= 0 else {
            throw TapeError("the window must run from an offset at or before 0 to one at or after it", span: c.optionSpan("window") ?? c.span,
                            hint: "e.g. window -5..20")
        }
        let threshold = c.value("threshold") ?? 0.05
        let score = Headlines.daily(set.about(d.name), on: d.bars.time)
        let r = EventStudy.run(close: d.bars.close, score: score, window: lo...hi, threshold: threshold)
        c.print("event study \(set.name) on \(d.name): \(r.positive.events) positive and \(r.negative.events) negative news days "
                + "(|score| ≥ \(Format.exact(threshold))), \(r.dropped) too near the ends; window \(lo)..\(hi) bars")
        guard r.positive.events + r.negative.events > 0 else {
            c.print("no news day falls on \(d.name)'s bars with room for the window")
            return
        }
        func cell(_ p: EventStudy.Path, _ i: Int) -> String {
            p.events == 0 ? "-" : "\(Format.fixed(p.mean[i] * 100, 2))% ± \(p.band[i].isFinite ? Format.fixed(p.band[i] * 100, 2) : "?")"
        }
        var t = TextTable(["offset", "after positive", "after negative", "gap (pos − neg)"])
        let shown = Set([lo, -1, 0, 1, 2, 5, 10, 20, hi].filter { $0 >= lo && $0 <= hi })
        for (i, k) in r.positive.offsets.enumerated() where shown.contains(k) {
            let gap = r.positive.mean[i] - r.negative.mean[i]
            let band = (r.positive.band[i] * r.positive.band[i] + r.negative.band[i] * r.negative.band[i]).squareRoot()
            let g = gap.isFinite ? "\(Format.fixed(gap * 100, 2))% ± \(band.isFinite ? Format.fixed(band * 100, 2) : "?")" : "-"
            t.add(["\(k)", cell(r.positive, i), cell(r.negative, i), g])
        }
        c.print(table: t)
        if let i = r.positive.offsets.lastIndex(of: hi) {
            let gap = r.positive.mean[i] - r.negative.mean[i]
            let band = (r.positive.band[i] * r.positive.band[i] + r.negative.band[i] * r.negative.band[i]).squareRoot()
            c.print(!gap.isFinite || !band.isFinite ? "too few events on one side to compare"
                    : abs(gap) > band ? "at +\(hi) the gap is outside its 95% band: the score told the paths apart here (check it out of sample)"
                    : "at +\(hi) the gap is inside its 95% band: no evidence the score tells what follows")
        }
        try OptionsCharts.draw(.event(chart(r, title: "\(set.name) on \(d.name): mean return after news, 95% bands")), c)
    }

    /// The sides with events, named with their counts for the legend.
    static func chart(_ r: EventStudy, title: String) -> EventChart {
        let sides = [("positive", r.positive), ("negative", r.negative)].filter { $0.1.events > 0 }
        return EventChart(title: title, offsets: r.positive.offsets,
                          paths: sides.map { EventChart.Path(name: "after \($0.0) (\($0.1.events))", mean: $0.1.mean, band: $0.1.band) })
    }
}
