import Foundation
import TapeCore
import TapeData

/// `load NAME from store | alpaca | "https://..." | "s3://bucket/key.csv"`.
enum NetworkSources {
    static var all: [LoadSource] { [store, alpaca, url, s3] }

    static func isWord(_ e: Expr, _ w: String) -> Bool {
        if case .name(let n, _) = e { return n.lowercased() == w }
        return false
    }

    static func isString(_ e: Expr, prefixes: [String]) -> Bool {
        if case .string(let s, _) = e { return prefixes.contains { s.lowercased().hasPrefix($0) } }
        return false
    }

    static let store = LoadSource(
        name: "store", described: "store", word: "store",
        examples: [("load SPY from store", "the SQLite store (see: save, symbols, set store)")],
        matches: { isWord($0, "store") }
    ) { c, symbol, from, range in
        let st = try c.dataCall(from.span) { try c.dataSources.barStore(c) }
        let bars = try c.dataCall(from.span) { try st.load(symbol.uppercased(), from: range?.0, to: range.map { LoadCommand.throughDay($0.1) }) }
        return Dataset(name: symbol.uppercased(), bars: bars, source: "store")
    }

    /// Alpaca's bar lengths as its API spells them (`timeframe=1Hour`); the declaration's
    /// choice words are these in lower case, as the dispatcher compares them. Weeks and
    /// months are left out: Alpaca stamps them like days, which the client would read as
    /// intraday times.
    static let timeframes = ["1Min", "5Min", "15Min", "30Min", "1Hour", "4Hour", "1Day"]

    /// Alpaca needs an explicit date range: "up to today" would change the request (and
    /// its cached answer) every day, and a replay must ask for exactly the same thing.
    static let alpaca = LoadSource(
        name: "alpaca", described: "alpaca", word: "alpaca",
        examples: [("load SPY from alpaca 2020-01-01..2024-12-31", "Alpaca market data (APCA_API_KEY_ID, APCA_API_SECRET_KEY)"),
                   ("load SPY from alpaca 2024-01-02..2024-01-31 timeframe 1hour", "hourly bars (times in UTC)")],
        options: [OptionSpec("timeframe", .choice(timeframes.map { $0.lowercased() }), placeholder: "TIMEFRAME",
                             help: "bar length from alpaca (default 1day)")],
        matches: { isWord($0, "alpaca") }
    ) { c, symbol, from, range in
        guard let (a, b) = range else {
            throw TapeError("load from alpaca needs a date range", span: from.span,
                            hint: "e.g. load \(symbol) from alpaca 2020-01-01..2024-12-31 (a fixed range replays exactly)")
        }
        var config = try c.dataCall(from.span) { try AlpacaBarsClient.Config.fromEnvironment(replayEnvironment(c)) }
        if let chosen = c.text("timeframe"), let spelled = timeframes.first(where: { $0.lowercased() == chosen }) {
            config.timeframe = spelled
        }
        let http = try c.dataCall(from.span) { try c.dataSources.http(c) }
        defer { c.dataSources.recordFetches(c); c.endProgress() }
        let bars = try c.dataCall(from.span) {
            try AlpacaBarsClient(client: http, config: config).bars(symbol: symbol, from: a, to: b)
        }
        let length = config.timeframe == "1Day" ? "" : ", \(config.timeframe) bars"
        return Dataset(name: symbol.uppercased(), bars: bars, source: "alpaca (iex feed, split-adjusted\(length))")
    }

    static let url = LoadSource(
        name: "https", described: "\"https://...\"",
        examples: [("load X from \"https://host/x.csv\"", "a CSV over HTTP(S), cached by content hash for replay")],
        matches: { isString($0, prefixes: ["http://", "https://"]) }
    ) { c, symbol, from, _ in
        guard case .string(let written, _) = from else { throw TapeError("expected a URL in quotes", span: from.span) }
        // A body the session has (offline, or pinned by its file) needs no secret: the
        // URL as written is its cache key, and nothing is sent.
        let served = c.session.network == .offline || c.session.pins[URLRedaction.redact(written)] != nil
        let (address, values) = served ? (written, []) : try expandEnvironment(written, session: c.session, span: from.span)
        let http = try c.dataCall(from.span) { try c.dataSources.http(c) }
        defer { c.dataSources.recordFetches(c); c.endProgress() }
        let source = URLRedaction.redact(written)
        var request = HTTPRequest(url: address, shownAs: address == written ? nil : written)
        request.hidden = values
        // A body that is not bars is not kept in the cache (a replay would serve it again).
        request.validate = { body in _ = try BarsCSV.parse(bytes: Array(body), name: symbol, source: source) }
        let body = try c.dataCall(from.span) { try http.get(request, progress: c.transferProgress("fetching")).body }
        let bars = try c.dataCall(from.span) {
            try BarsCSV.parse(bytes: Array(body), name: symbol, source: request.redactedURL)
        }
        return Dataset(name: symbol, bars: bars, source: request.redactedURL)
    }

    static let s3 = LoadSource(
        name: "s3", described: "\"s3://...\"",
        examples: [("load X from \"s3://bucket/x.csv\"", "an S3-compatible store (AWS_* variables, docs/DATA.md)")],
        matches: { isString($0, prefixes: ["s3://"]) }
    ) { c, symbol, from, _ in
        guard case .string(let address, _) = from else { throw TapeError("expected an s3:// URL in quotes", span: from.span) }
        let client = try s3Client(c, span: from.span)
        let (bucket, key) = try c.dataCall(from.span) { try S3Client.parse(url: address) }
        guard !key.isEmpty, !key.hasSuffix("/") else {
            throw TapeError("\(address) names a folder, not a file", span: from.span, hint: "list it with: ls \"\(address)\"")
        }
        defer { c.dataSources.recordFetches(c); c.endProgress() }
        let body = try c.dataCall(from.span) {
            try client.get(bucket: bucket, key: key, progress: c.transferProgress("fetching"),
                           validate: { body in _ = try BarsCSV.parse(bytes: Array(body), name: symbol, source: address) })
        }
        let bars = try c.dataCall(from.span) { try BarsCSV.parse(bytes: Array(body), name: symbol, source: address) }
        return Dataset(name: symbol, bars: bars, source: address)
    }

    /// Replaces `${NAME}` with the environment variable NAME, so a key can sit in a URL
    /// without being written into the session file: the session records
    /// `"https://host/x.csv?apikey=${MY_KEY}"`, the request carries the value. Returns
    /// the values it put in too, which messages must never show. An untrusted session
    /// expands only the names the user allowed (`Session.environmentValue`).
    static func expandEnvironment(_ text: String, session: Session, span: Span) throws -> (String, [String]) {
        var out = ""
        var values: [String] = []
        var rest = Substring(text)
        while let open = rest.range(of: "${") {
            out += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].firstIndex(of: "}") else {
                throw TapeError("unclosed ${ in the URL", span: span, hint: "write ${NAME} for an environment variable")
            }
            let name = String(rest[open.upperBound..<close])
            guard let value = try session.environmentValue(name, span: span) else {
                throw TapeError("the URL uses ${\(name)} but that environment variable is not set", span: span)
            }
            out += value
            values.append(value)
            rest = rest[rest.index(after: close)...]
        }
        return (out + rest, values)
    }

    /// The environment, plus placeholder keys in a replay: a replay answers from the cache
    /// and never sends a request, so it must not need the recording machine's secrets.
    static func replayEnvironment(_ c: CommandContext) -> [String: String] {
        var env = ProcessInfo.processInfo.environment
        guard c.session.replaysAFile else { return env }
        for k in ["APCA_API_KEY_ID", "APCA_API_SECRET_KEY", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"] where (env[k] ?? "").isEmpty {
            env[k] = "replay"
        }
        return env
    }

    /// An S3 client on the session's cached HTTP stack, configured from the environment.
    static func s3Client(_ c: CommandContext, span: Span?) throws -> S3Client {
        let config = try c.dataCall(span) { try S3Config.fromEnvironment(replayEnvironment(c)) }
        let http = try c.dataCall(span) { try c.dataSources.http(c) }
        return S3Client(http: http, config: config)
    }
}
