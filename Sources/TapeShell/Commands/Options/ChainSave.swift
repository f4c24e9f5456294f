import TapeCore
import TapeData

/// `chain save`: the loaded chain's at-the-money implied vol at 30 days, for its quote
/// date, into the store's IV history, from which `suggest` reads IV rank and percentile.
enum ChainSave {
    static let spec = CommandSpec(
        name: "save",
        summary: "store the loaded chain's 30-day ATM implied vol for its quote date (IV history for suggest)",
        details: """
        chain load "spy-2026-01-02.csv" spot 590 rate 4%
        chain save
        The figure is the ATM vol of the term structure at 30 days (linear in total variance
        between the expiries either side, the nearest expiry's outside them), kept under the
        chain's underlying and quote date; saving the same date again replaces it. With at
        least 10 dates in the last year, suggest ranks the latest among them.
        """,
        effect: .changesState,
        arguments: [],
        run: run)

    static func run(_ c: CommandContext) throws {
        let (state, a) = try ChainState.loaded(c)
        guard let date = state.chain?.quotes.map(\.quoteDate).max().map({ CivilTime.day($0) * CivilTime.secondsPerDay }) else {
            throw TapeError("the loaded chain has no quotes", span: c.span)
        }
        guard let vol = ImpliedVolHistory.constantMaturity(a.termStructure.map { ($0.years, $0.vol) }) else {
            throw TapeError("\(state.source) has no expiry with an at-the-money implied vol to save", span: c.span,
                            hint: "chain term shows the ATM vol of each expiry")
        }
        let store = try c.dataCall(c.span) { try c.dataSources.barStore(c) }
        try c.dataCall(c.span) {
            try store.saveIV(symbol: state.underlying, date: date, days: ImpliedVolHistory.days, vol: vol, source: state.source)
        }
        let count = try c.dataCall(c.span) { try store.ivHistory(symbol: state.underlying).count }
        c.print("\(state.underlying) \(CivilTime.format(date)): 30-day ATM implied vol \(ChainState.pct(vol)) saved "
                + "(\(count) date\(count == 1 ? "" : "s") of IV history in the store)")
    }
}
