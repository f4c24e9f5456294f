import Foundation
import TapeCore
import TapeData

/// `watch SYMBOL...`: Alpaca's market-data stream (or, with `poll N`, its latest-bar
/// endpoint) as a live table until Ctrl-C (or `count N` messages, or `seconds N`), with
/// expressions over the minute bars. What the
/// stream sent is recorded with its arrival times, content-addressed in the store's
/// cache, so a replay of the session feeds the same frames to the same code and prints
/// the same table offline (docs/LIVE.md).
enum WatchCommand: Command {
    static let spec = CommandSpec(
        name: "watch",
        usage: "watch SYMBOL... [bars 1m | poll N] [show EXPR, ...] [count N] [seconds N]",
        summary: "stream trades and quotes from Alpaca into a live table until Ctrl-C",
        details: """
            watch AAPL MSFT                          last trade, bid and ask, until Ctrl-C
            watch SPY bars 1m show sma(close, 5)     the feed's own minute bars and an expression over them
            watch SPY count 500                      stop after 500 trades, quotes and bars
            watch SPY poll 60 show close             the latest minute bar every 60 s, no stream
            Keys from APCA_API_KEY_ID and APCA_API_SECRET_KEY; APCA_STREAM_URL picks the feed
            (default the free iex feed). Without `bars 1m`, minute bars are built from the trades.
            A replay of the session reads the recorded stream: the same table, offline.
            """,
        effect: .query,
        options: [OptionSpec("bars", .expression, placeholder: "1m",
                             help: "1m: also subscribe to the feed's own minute bars, and compute `show` over them"),
                  OptionSpec("show", .expression, placeholder: "EXPR",
                             help: "expressions over each symbol's minute bars: show sma(close, 5), rsi(close, 14)"),
                  .count("count", "stop after this many market-data messages", bounds: .atLeast(1)),
                  .number("seconds", "stop after this many seconds", bounds: .above(0)),
                  .number("poll", "no stream: ask Alpaca's latest-bar endpoint every N seconds (APCA_DATA_URL)",
                          bounds: .from(0.5, to: 3600))],
        arguments: [ArgumentSpec("SYMBOL", .expression, variadic: true, help: "stock symbols (AAPL, BRK.B)")],
        run: run)

    static func run(_ c: CommandContext) throws {
        // `show a, b`: the expressions after `show` up to the next option are its list.
        var symbolExprs: [Expr] = [], shows: [Expr] = [], inShow = false
        for item in c.invocation.items {
            switch item {
            case .option("show", _, let v?): shows.append(v); inShow = true
            case .option: inShow = false
            case .positional(let e): if inShow { shows.append(e) } else { symbolExprs.append(e) }
            }
        }
        let symbols = try symbolExprs.map { e -> String in
            let s = try c.word(e, "a symbol").uppercased()
            guard !s.isEmpty, s.count <= 12, s.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" }) else {
                throw TapeError("invalid symbol \"\(s)\"", span: e.span, hint: "use letters, digits, '.' or '-': watch AAPL MSFT")
            }
            return s
        }
        guard !symbols.isEmpty else { throw TapeError("watch needs a symbol", span: c.span, hint: "e.g. watch AAPL MSFT") }
        let poll = c.value("poll")
        // `1m` reads as a duration elsewhere (a month): here it is the bar length as written.
        if let b = c.option("bars"), c.invocation.text(of: b).lowercased() != "1m" {
            throw TapeError("the stream's bars are minute bars: bars 1m", span: b.span, hint: "watch \(symbols[0]) bars 1m")
        }
        let feedBars = c.option("bars") != nil || poll != nil
        var run = WatchRun(symbols: symbols, feedBars: feedBars, shows: shows, count: c.int("count"),
                           seconds: c.value("seconds"))
        try stream(&run, poll: poll, c)
        run.finish(c)
    }

    /// Feeds the run the recording the session's header names, in a replay; else the live
    /// stream (or the poller), recorded. Shared by `watch` and `paper auto ... live`.
    static func stream(_ run: inout WatchRun, poll: Double?, _ c: CommandContext) throws {
        let symbols = run.symbols
        let n = c.workspace.state { LiveState() }.nextWatch()
        let list = symbols.joined(separator: ",")
        let key = poll.map { "alpaca-poll:bars=\(list);every=\(Format.number($0))#\(n)" }
            ?? "alpaca-stream:trades=\(list);quotes=\(list)" + (run.feedBars ? ";bars=\(list)" : "") + "#\(n)"

        if let hash = c.session.pins[key] {
            let body = try c.dataCall(c.span) { try c.dataSources.cacheStore().cacheBody(hash: hash) }
            guard let body else { throw TapeError(CacheError.miss(url: key, hash: hash).description, span: c.span) }
            let tape = try c.dataCall(c.span) { try StreamTape.decode(body) }
            for item in tape.items {
                let going = run.feed(item, c)
                run.flush(c)
                if !going { break }
            }
        } else if c.session.network == .offline || c.session.replaysAFile {
            throw TapeError("this \(c.spec.fullName) was not recorded: a replay has no stream to read", span: c.span,
                            hint: "run the session live once (online), so its stream is recorded")
        } else {
            guard c.session.terminal.interactive || run.count != nil || run.seconds != nil else {
                throw TapeError("\(c.spec.fullName) in a script needs an end", span: c.span,
                                hint: "add count N or seconds N (Ctrl-C ends it at the prompt)")
            }
            let env = ProcessInfo.processInfo.environment
            let source: any LiveSource
            if let poll {
                source = LatestBarPoller(config: try c.dataCall(c.span) { try .fromEnvironment(env, symbols: symbols, interval: poll) })
            } else {
                var config = try c.dataCall(c.span) { try AlpacaStreamConfig.fromEnvironment(env) }
                config.trades = symbols
                config.quotes = symbols
                config.bars = run.feedBars ? symbols : []
                source = AlpacaStreamClient(config: config)
            }
            try live(&run, source: source, key: key, c)
        }
    }

    /// Streams until the run is done, Ctrl-C, or the stream gives up, then keeps the tape.
    static func live(_ run: inout WatchRun, source: any LiveSource, key: String, _ c: CommandContext) throws {
        source.start()
        let board = LiveBoard(enabled: c.session.terminal.interactive)
        let started = ContinuousClock.now
        var done = false
        while !done {
            let (items, finished) = source.inbox.drain(waiting: .milliseconds(20))
            for item in items where !done { done = !run.feed(item, c) }
            if !run.pending.isEmpty {
                board.clear()
                run.flush(c)
            }
            if Interrupts.cancelRequested {
                // Ctrl-C is how a watch ends at the prompt: the command completes (and is
                // kept) with what arrived so far.
                Interrupts.consumeInterrupt()
                done = true
            }
            if let s = run.seconds, ContinuousClock.now - started >= .milliseconds(Int(s * 1000)) { done = true }
            if finished && items.isEmpty { done = true }
            board.draw(run, c)
        }
        source.stop()
        board.clear()
        let hash = try c.dataCall(c.span) {
            try c.dataSources.cacheStore().cachePut(url: key, body: run.tape.encoded(), fetchedAt: Int64(Date().timeIntervalSince1970))
        }
        c.session.recorder?.addHeader(CachingHTTPClient.headerEntry(url: key, hash: hash))
    }
}

/// The watches of a workspace are numbered, so each one's recording has its own key.
final class LiveState {
    private var watches = 0
    func nextWatch() -> Int {
        watches += 1
        return watches
    }
}
