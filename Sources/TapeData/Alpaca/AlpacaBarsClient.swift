import Foundation
import TapeCore

/// Historical bars from Alpaca's market-data API v2
/// (GET {base}/v2/stocks/{symbol}/bars, docs.alpaca.markets "Historical bars").
///
/// Daily bars arrive stamped at midnight New York time expressed in UTC (04:00Z or
/// 05:00Z); Tape keeps the calendar date at midnight like every other daily source.
/// Intraday bars keep their UTC wall-clock time (the dataset is then in UTC).
public struct AlpacaBarsClient {
    public struct Config: Sendable {
        public var baseURL: String
        public var keyID: String
        public var secretKey: String
        /// `iex` is the feed free accounts may use; `sip` needs a subscription.
        public var feed: String = "iex"
        /// `split` adjusts for splits only (dividends untouched), like Yahoo's OHLC.
        public var adjustment: String = "split"
        public var timeframe: String = "1Day"

        public init(baseURL: String, keyID: String, secretKey: String) {
            self.baseURL = baseURL
            self.keyID = keyID
            self.secretKey = secretKey
        }

        /// Keys from APCA_API_KEY_ID / APCA_API_SECRET_KEY, base URL from APCA_DATA_URL
        /// (default https://data.alpaca.markets). Missing keys name the variables.
        public static func fromEnvironment(_ env: [String: String] = ProcessInfo.processInfo.environment) throws -> Config {
            let keys = AlpacaEnvironment.keys(env)
            if !keys.missing.isEmpty { throw AlpacaError.missingKeys(keys.missing) }
            return Config(baseURL: AlpacaEnvironment.baseURL(env, "APCA_DATA_URL", default: "https://data.alpaca.markets"),
                          keyID: keys.id, secretKey: keys.secret)
        }
    }

    public let client: HTTPClient
    public let config: Config
    /// Rows asked per page; Alpaca's maximum is 10000.
    public var pageLimit = 10_000
    /// Pages followed for one request at most (10 million bars at the full page size):
    /// a server that keeps sending new `next_page_token`s cannot download without end.
    public static let maxPages = 1000

    public init(client: HTTPClient, config: Config) {
        self.client = client
        self.config = config
    }

    /// Every bar of `symbol` with time in `from...to` (dates, inclusive), following
    /// `next_page_token` until the last page.
    public func bars(symbol raw: String, from: Int64, to: Int64, progress: ((_ bars: Int) -> Void)? = nil) throws -> Bars {
        let symbol = raw.uppercased()
        guard !symbol.isEmpty, symbol.count <= 16,
              symbol.unicodeScalars.allSatisfy({ ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "." || $0 == "-" })
        else { throw AlpacaError.badSymbol(raw) }
        var out = Bars(symbol: symbol, time: [], open: [], high: [], low: [], close: [], volume: [])
        var token: String?
        var seen = Set<String>()
        var pages = 0
        repeat {
            var url = "\(config.baseURL)/v2/stocks/\(symbol)/bars?start=\(CivilTime.format(from))&end=\(CivilTime.format(to))"
                + "&timeframe=\(config.timeframe)&adjustment=\(config.adjustment)&feed=\(config.feed)&limit=\(pageLimit)"
            if let t = token {
                url += "&page_token=" + (t.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? t)
            }
            var request = HTTPRequest(url: url, headers: [("APCA-API-KEY-ID", config.keyID),
                                                          ("APCA-API-SECRET-KEY", config.secretKey)],
                                      credentialHint: "check APCA_API_KEY_ID and APCA_API_SECRET_KEY (and APCA_DATA_URL if set)")
            let daily = config.timeframe.hasSuffix("Day")
            request.validate = { body in _ = try AlpacaBarsClient.parse(body, symbol: symbol, daily: daily) }
            let page = try AlpacaBarsClient.parse(try client.get(request, progress: nil).body, symbol: symbol, daily: daily)
            pages += 1
            // Bars are oldest first everywhere in Tape (BarsCSV enforces it for files); an
            // answer out of order, or with two bars on one day, must not slip through.
            for t in page.bars.time {
                if let last = out.time.last, t <= last {
                    throw AlpacaError.badResponse(symbol: symbol, detail:
                        "bars out of time order (\(CivilTime.format(t)) after \(CivilTime.format(last)))")
                }
                out.time.append(t)
            }
            out.open += page.bars.open
            out.high += page.bars.high
            out.low += page.bars.low
            out.close += page.bars.close
            out.volume += page.bars.volume
            progress?(out.count)
            token = page.next
            if let t = token, !seen.insert(t).inserted { throw AlpacaError.paginationLoop(symbol: symbol) }
            if token != nil, pages >= Self.maxPages { throw AlpacaError.tooManyPages(symbol: symbol, pages: Self.maxPages) }
        } while token != nil
        if out.isEmpty {
            throw AlpacaError.noBars(symbol: symbol, from: CivilTime.format(from), to: CivilTime.format(to))
        }
        return out
    }

    private struct Page: Decodable {
        struct Bar: Decodable {
            var t: String
            var o: Double?, h: Double?, l: Double?, c: Double?, v: Double?
        }
        var bars: [Bar]?
        // swift-format-ignore: AlwaysUseLowerCamelCase
        // Alpaca's JSON key, decoded by name.
        var next_page_token: String?
    }

    /// One page of the JSON answer into bars; missing numbers become NaN.
    static func parse(_ body: Data, symbol: String, daily: Bool) throws -> (bars: Bars, next: String?) {
        let page: Page
        do {
            page = try JSONDecoder().decode(Page.self, from: body)
        } catch {
            let start = String(decoding: body.prefix(60), as: UTF8.self).split(whereSeparator: \.isNewline).joined(separator: " ")
            throw AlpacaError.badResponse(symbol: symbol, detail: "not the bars JSON (starts \"\(start)\")")
        }
        var b = Bars(symbol: symbol, time: [], open: [], high: [], low: [], close: [], volume: [])
        for bar in page.bars ?? [] {
            guard let t = CivilTime.parse(Substring(bar.t)) else {
                throw AlpacaError.badResponse(symbol: symbol, detail: "bad time \"\(bar.t.prefix(40))\"")
            }
            b.time.append(daily ? CivilTime.day(t) * CivilTime.secondsPerDay : t)
            b.open.append(bar.o ?? .nan)
            b.high.append(bar.h ?? .nan)
            b.low.append(bar.l ?? .nan)
            b.close.append(bar.c ?? .nan)
            b.volume.append(bar.v ?? .nan)
        }
        return (b, page.next_page_token.flatMap { $0.isEmpty ? nil : $0 })
    }
}
