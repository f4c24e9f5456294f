import TapeCore
import TapeData

/// What `risk` and `stress` measure, read from the workspace: a dataset's closes, the
/// last backtest's equity, the paper account's positions (options included), or a
/// portfolio of weights over loaded datasets.
enum RiskSubjects {
    /// A subject with what its figures are compared against and how it is named.
    struct Measured {
        var subject: RiskSubject
        /// Returns of the benchmark on the same dates (beta, tracking error), if any.
        var benchmark: [Double]?
        var benchmarkName: String?
        var first: Int64
        var last: Int64
        var inMoney: Bool
    }

    /// The words OF may be besides a dataset's name.
    static let keywords = ["backtest", "account"]

    /// One dataset's close-to-close returns.
    static func dataset(_ d: Dataset, range: (from: Int64, to: Int64)?, span: Span) throws -> Measured {
        let b = range.map { d.bars.slice(from: $0.from, to: $0.to) } ?? d.bars
        let r = RiskFigures.simpleReturns(b.close)
        guard r.count >= 2 else { throw TapeError("\(d.name) has \(b.count) bars in range: risk needs at least 3", span: span) }
        return Measured(subject: .series(d.name, returns: r), benchmark: nil, benchmarkName: nil,
                        first: b.time.first ?? 0, last: b.time.last ?? 0, inMoney: false)
    }

    /// The last backtest's equity from the bar it could first trade, against buy & hold.
    static func backtest(_ c: CommandContext) throws -> Measured {
        guard let r = c.workspace.state({ BacktestState() }).result else {
            throw TapeError("no backtest to measure", span: c.span, hint: "run one first, e.g. backtest SPY sma_cross")
        }
        let from = max(r.benchmarkBar - r.range.lowerBound, 0)
        let equity = Array(r.equity[from...]), close = Array(r.close[from...])
        let er = RiskFigures.simpleReturns(equity), cr = RiskFigures.simpleReturns(close)
        var x: [Double] = [], y: [Double] = []
        for (a, b) in zip(er, cr) where a.isFinite && b.isFinite { x.append(a); y.append(b) }
        let value = equity.last(where: \.isFinite) ?? r.config.cash
        return Measured(subject: RiskSubject(name: "backtest \(r.strategyName)", factors: [r.symbol], returns: [x], value: value,
                                             holding: .weights([1])),
                        benchmark: y, benchmarkName: "buy & hold \(r.symbol)", first: r.time[from], last: r.time.last ?? 0, inMoney: true)
    }

    /// `weights "SPY 60%, TLT 40%"`: loaded datasets held at fixed weights.
    static func weights(_ c: CommandContext, text: String, span: Span?) throws -> Measured {
        var names: [String] = [], weights: [Double] = []
        for part in text.split(separator: ",") {
            let words = part.split(whereSeparator: { $0 == " " || $0 == ":" }).map(String.init)
            guard words.count == 2, let w = percent(words[1]) else {
                throw TapeError("cannot read '\(part.trimmingCharacters(in: .whitespaces))': write SYMBOL WEIGHT, e.g. \"SPY 60%, TLT 40%\"", span: span)
            }
            names.append(words[0].uppercased())
            weights.append(w)
        }
        guard !names.isEmpty else { throw TapeError("weights lists no symbol", span: span, hint: "e.g. weights \"SPY 60%, TLT 40%\"") }
        let sets = try names.map { n -> Dataset in
            guard let d = c.workspace.dataset(n) else { throw TapeError("no dataset named \(n)", span: span, hint: "load it first: load \(n)") }
            return d
        }
        let panel = try core(c, span) { try ReturnPanel.aligned(sets.map { ($0.name, $0.bars.time, $0.bars.close) }) }
        return Measured(subject: RiskSubject(name: text, factors: panel.names, returns: panel.returns, value: 1, holding: .weights(weights)),
                        benchmark: nil, benchmarkName: nil, first: panel.time.first ?? 0, last: panel.time.last ?? 0, inMoney: false)
    }

    static func percent(_ s: String) -> Double? {
        if s.hasSuffix("%") { return Double(s.dropLast()).map { $0 / 100 } }
        return Double(s)
    }

    /// The paper account: its positions, revalued in full over the returns of their
    /// underlyings (the loaded datasets, aligned by date).
    static func account(_ c: CommandContext) throws -> (measured: Measured, positions: [StressPosition], now: Int64) {
        let (positions, now, equity) = try accountPositions(c)
        let underlyings = Array(Set(positions.map { $0.instrument.underlying })).sorted()
        let sets = try underlyings.map { u -> Dataset in
            guard let d = c.workspace.dataset(u) else {
                throw TapeError("the account holds \(u) but no \(u) data is loaded: its risk needs its price history", span: c.span,
                                hint: "load \(u)")
            }
            return d
        }
        let panel = try core(c, c.span) { try ReturnPanel.aligned(sets.map { ($0.name, $0.bars.time, $0.bars.close) }) }
        let held = positions
        let names = panel.names
        let subject = RiskSubject(name: "paper account", factors: names, returns: panel.returns, value: equity,
                                  holding: .positions { r, days in
                                      var moves: [String: Double] = [:]
                                      for (k, n) in names.enumerated() where k < r.count { moves[n] = r[k] }
                                      return StressTest.change(held, moves: moves, days: days, now: now)
                                  })
        return (Measured(subject: subject, benchmark: nil, benchmarkName: nil, first: panel.time.first ?? 0, last: panel.time.last ?? 0,
                         inMoney: true), positions, now)
    }

    /// The account's positions with what their revaluation needs, its clock and equity.
    static func accountPositions(_ c: CommandContext) throws -> ([StressPosition], Int64, Double) {
        let state = PaperState.of(c)
        let broker = try state.broker(c)
        let (held, account) = try PaperState.call(c) { (try broker.positions(), try broker.account()) }
        guard !held.isEmpty else { throw TapeError("the paper account holds no positions", span: c.span, hint: "e.g. paper buy 10 SPY") }
        var now = c.session.clock.now()
        var vol = 0.2, rate = 0.0
        var marks: [String: Double] = [:]
        if broker is LedgerBroker {
            let b = try PaperState.call(c) { try state.ledger(c).broker() }
            now = b.clock
            vol = b.config.optionVolatility
            rate = b.config.optionRate
            marks = b.state.lastPrice
        }
        let closes = PaperState.lastCloses(c)
        let positions = try held.map { p -> StressPosition in
            let instrument = Instrument.parse(p.symbol)
            let u = instrument.underlying
            guard let price = marks[u] ?? (instrument.option == nil ? p.mark : nil) ?? closes[u.uppercased()] else {
                throw TapeError("no price of \(u) to value the \(p.symbol) position", span: c.span, hint: "load \(u)")
            }
            return StressPosition(instrument: instrument, quantity: p.quantity, underlyingPrice: price, volatility: vol, rate: rate)
        }
        return (positions, now, account.equity)
    }

    /// Runs TapeCore code, turning its risk and backtest errors into one-line errors.
    static func core<T>(_ c: CommandContext, _ span: Span?, _ body: () throws -> T) throws -> T {
        do { return try body() } catch let e as RiskError {
            throw TapeError(e.description, span: span ?? c.span)
        } catch let e as BacktestError {
            throw TapeError(e.description, span: span ?? c.span)
        }
    }
}
