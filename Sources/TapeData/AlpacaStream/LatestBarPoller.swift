import Foundation

/// The polling source, for when no stream is at hand: Alpaca's latest-bar endpoint
/// (`/v2/stocks/bars/latest?symbols=...`) asked every `interval` seconds. Each answer
/// that brings a bar newer than the last one seen becomes a stream-shaped frame
/// (`[{"T":"b",...}]`) in the inbox, so `watch` reads, records and replays it like the
/// stream's own minute bars.
public final class LatestBarPoller: LiveSource {
    public struct Config: Sendable {
        /// APCA_DATA_URL, default https://data.alpaca.markets.
        public var base: String
        public var keyID: String
        public var secret: String
        public var symbols: [String]
        public var interval: Double

        public static func fromEnvironment(_ env: [String: String], symbols: [String], interval: Double) throws -> Config {
            let keys = AlpacaEnvironment.keys(env)
            guard keys.missing.isEmpty else { throw AlpacaError.missingKeys(keys.missing) }
            return Config(base: AlpacaEnvironment.baseURL(env, "APCA_DATA_URL", default: "https://data.alpaca.markets"),
                          keyID: keys.id, secret: keys.secret, symbols: symbols, interval: interval)
        }
    }

    public let config: Config
    public let inbox = LiveInbox()
    private let cancel = CancellationToken()

    public init(config: Config) { self.config = config }

    public func start() {
        let (config, inbox, cancel) = (config, inbox, cancel)
        let thread = Thread {
            let http = CurlHTTPClient(cancellation: cancel)
            var seen: [String: String] = [:]
            let url = config.base + "/v2/stocks/bars/latest?symbols=" + config.symbols.joined(separator: ",") + "&feed=iex"
            inbox.push(.event, "polling every \(config.interval)s")
            while !cancel.isCancelled {
                do {
                    let r = try http.get(HTTPRequest(url: url, headers: [("APCA-API-KEY-ID", config.keyID), ("APCA-API-SECRET-KEY", config.secret)]),
                                         progress: nil)
                    if r.status == 200 {
                        if let frame = Self.frame(r.body, seen: &seen) { inbox.push(.frame, frame) }
                    } else {
                        inbox.push(.event, "poll failed: HTTP \(r.status)")
                    }
                } catch {
                    if cancel.isCancelled { break }
                    inbox.push(.event, "poll failed: " + String(describing: error).split(whereSeparator: \.isNewline).joined(separator: " "))
                }
                var waited = 0.0
                while waited < config.interval && !cancel.isCancelled {
                    usleep(20_000)
                    waited += 0.02
                }
            }
            inbox.finish()
        }
        thread.start()
    }

    public func stop() {
        cancel.cancel()
        inbox.finish()
    }

    /// The stream frame for an answer `{"bars":{"SYM":{"t":..,"o":..,...}}}`: the bars newer
    /// than those seen, in symbol order; nil when none is new. An answer that is not that
    /// shape becomes a frame the book counts as malformed, never a crash.
    static func frame(_ body: Data, seen: inout [String: String]) -> String? {
        guard let o = try? JSONSerialization.jsonObject(with: body) as? [String: Any], let bars = o["bars"] as? [String: Any] else {
            return String(decoding: body.prefix(200), as: UTF8.self) + " (not a latest-bars answer)"
        }
        var out: [[String: Any]] = []
        for symbol in bars.keys.sorted() {
            guard var bar = bars[symbol] as? [String: Any], let t = bar["t"] as? String, seen[symbol] != t else { continue }
            seen[symbol] = t
            bar["T"] = "b"
            bar["S"] = symbol
            out.append(bar)
        }
        guard !out.isEmpty, let data = try? JSONSerialization.data(withJSONObject: out, options: [.sortedKeys]) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }
}
