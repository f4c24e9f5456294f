import TapeCore
import TapeData

/// One `watch`: the frames it has read (the tape it records) and the book they built,
/// and the table it prints. Fed item by item, live or from a recording, by the same code.
struct WatchRun {
    let symbols: [String]
    let feedBars: Bool
    let shows: [Expr]
    let count: Int?
    let seconds: Double?
    var book = LiveBook()
    var tape = StreamTape()
    /// `paper auto ... live`: trades each minute bar as it closes.
    var trader: LiveTrader?
    /// What the items read said (stream problems, the trader's decisions), printed by
    /// `flush` so a live board can step aside first.
    var pending: [String] = []

    init(symbols: [String], feedBars: Bool, shows: [Expr], count: Int?, seconds: Double?) {
        self.symbols = symbols
        self.feedBars = feedBars
        self.shows = shows
        self.count = count
        self.seconds = seconds
    }

    /// Reads one item; false once the run is over. An item past `seconds` is not kept, and
    /// the item that reaches `count` is the last kept, so a replay stops at the same place.
    mutating func feed(_ item: StreamTape.Item, _ c: CommandContext) -> Bool {
        if let s = seconds, Double(item.arrival) >= s * 1e9 { return false }
        if let n = count, book.marketMessages >= n { return false }
        tape.items.append(item)
        let errorsBefore = book.errors.count
        book.apply(item)
        for p in book.takeNewProblems() {
            pending.append("stream: \(p) (counted; reported once)")
        }
        for e in book.errors.dropFirst(errorsBefore) { pending.append("stream: " + e) }
        if let trader {
            let going = trader.trade(book, c)
            pending += trader.takePending()
            if !going { return false }
        }
        return count.map { book.marketMessages < $0 } ?? true
    }

    mutating func flush(_ c: CommandContext) {
        for line in pending { c.print(line) }
        pending.removeAll()
    }

    /// The table: one row per symbol, its last trade, bid, ask, trade count, the time
    /// of its last message, and each `show` expression's latest value.
    func table(_ c: CommandContext) -> TextTable {
        var t = TextTable(["symbol", "last", "bid", "ask", "trades", "bars", "time"] + shows.map { c.invocation.text(of: $0) })
        for s in symbols {
            let sym = book.symbols[s]
            let bars = book.bars(s, feed: feedBars)
            // Bars alone (a poll, or no trade yet): the last bar's close and start.
            let last = sym.flatMap { $0.last.isFinite ? $0.last : nil } ?? bars.close.last
            let time = sym.flatMap { $0.lastTime > 0 ? $0.lastTime / 1_000_000_000 : nil } ?? bars.time.last
            var row = [s, price(last), price(sym?.bid), price(sym?.ask), "\(sym?.trades ?? 0)", "\(bars.count)",
                       time.map { CivilTime.format($0, forceTime: true) } ?? ""]
            for e in shows { row.append(latest(e, bars, c)) }
            t.add(row)
        }
        return t
    }

    func price(_ x: Double?) -> String {
        guard let x, x.isFinite else { return "" }
        return Format.fixed(x, 2)
    }

    /// The expression's last value over the symbol's minute bars; its error, shortened,
    /// when it cannot be computed (too few bars yet is the common case).
    func latest(_ e: Expr, _ bars: Bars, _ c: CommandContext) -> String {
        guard !bars.isEmpty else { return "" }
        do {
            switch try c.evaluate(e, in: Dataset(name: bars.symbol, bars: bars, source: "alpaca stream")) {
            case .number(let x): return Format.number(x, significant: 6)
            case .series(let s): return s.values.last.map { $0.isFinite ? Format.number($0, significant: 6) : "" } ?? ""
            default: return "?"
            }
        } catch {
            return "?"
        }
    }

    /// The closing report: the table, what arrived, and what went wrong on the way.
    func finish(_ c: CommandContext) {
        let counts = symbols.reduce(into: (0, 0, 0)) { a, s in
            a.0 += book.symbols[s]?.trades ?? 0; a.1 += book.symbols[s]?.quotes ?? 0; a.2 += book.symbols[s]?.feedBars.count ?? 0
        }
        c.print("watched \(symbols.joined(separator: " ")): \(counts.0) trades, \(counts.1) quotes, \(counts.2) feed bars in \(book.frames) frames")
        c.print(table: table(c))
        let drops = book.events.filter { $0.hasPrefix("dropped") }.count
        if drops > 0, let last = book.events.last(where: { $0.hasPrefix("dropped") }) {
            let reconnects = max(0, book.events.filter { $0 == "connected" }.count - 1)
            c.print("connection dropped \(drops) time\(drops == 1 ? "" : "s") (last: \(last.dropFirst(9))); reconnected \(reconnects) time\(reconnects == 1 ? "" : "s")")
        }
        if let gaveUp = book.events.last(where: { $0.hasPrefix("gave up") }) { c.print("stream " + gaveUp) }
        for (kind, n) in book.problems.sorted(by: { $0.key < $1.key }) {
            c.print("skipped \(n) × \(kind)")
        }
    }
}
