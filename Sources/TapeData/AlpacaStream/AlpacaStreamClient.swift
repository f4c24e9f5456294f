import Foundation
import Logging
import NIOSSL
import Synchronization
import WSClient

/// Where to connect and what to subscribe to. Keys come from the environment only and
/// are sent once, in the auth message; nothing Tape records or prints contains them.
public struct AlpacaStreamConfig: Sendable {
    /// `wss://stream.data.alpaca.markets/v2/iex` unless APCA_STREAM_URL says otherwise.
    public var url: String
    public var keyID: String
    public var secret: String
    public var trades: [String] = []
    public var quotes: [String] = []
    public var bars: [String] = []
    /// A ping this often; no pong before the next one drops the connection, so a stream
    /// that went silent is noticed within two intervals.
    public var pingInterval: Duration = .seconds(10)
    /// Reconnect delays: first, doubling up to the cap, and how many tries in a row.
    public var firstDelay = 0.25, maxDelay = 8.0, maxAttempts = 6

    public init(url: String, keyID: String, secret: String) {
        self.url = url
        self.keyID = keyID
        self.secret = secret
    }

    public static let defaultURL = "wss://stream.data.alpaca.markets/v2/iex"

    public static func fromEnvironment(_ env: [String: String]) throws -> AlpacaStreamConfig {
        let keys = AlpacaEnvironment.keys(env)
        guard keys.missing.isEmpty else { throw AlpacaError.missingKeys(keys.missing) }
        return AlpacaStreamConfig(url: AlpacaEnvironment.baseURL(env, "APCA_STREAM_URL", default: defaultURL),
                                  keyID: keys.id, secret: keys.secret)
    }

    /// The reconnect delay before try `attempt` (1-based), in seconds.
    public func delay(attempt: Int) -> Double {
        min(maxDelay, firstDelay * pow(2, Double(max(0, attempt - 1))))
    }

    func authMessage() -> String { json(["action": "auth", "key": keyID, "secret": secret]) }

    func subscribeMessage() -> String {
        var o: [String: Any] = ["action": "subscribe"]
        if !trades.isEmpty { o["trades"] = trades }
        if !quotes.isEmpty { o["quotes"] = quotes }
        if !bars.isEmpty { o["bars"] = bars }
        return json(o)
    }

    private func json(_ o: [String: Any]) -> String {
        (try? JSONSerialization.data(withJSONObject: o, options: [.sortedKeys])).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }
}

/// A live connection to Alpaca's market-data stream (through swift-websocket's client,
/// TLS by swift-nio-ssl): authenticates, subscribes, reconnects with backoff and
/// subscribes again, and leaves every frame it receives in its inbox.
public final class AlpacaStreamClient: LiveSource {
    public let config: AlpacaStreamConfig
    public let inbox = LiveInbox()
    private let task = Mutex<Task<Void, Never>?>(nil)

    public init(config: AlpacaStreamConfig) {
        self.config = config
    }

    /// Starts the connection loop in the background.
    public func start() {
        let t = Task.detached { [self] in await self.runLoop() }
        task.withLock { $0 = t }
    }

    public func stop() {
        task.withLock { $0?.cancel() }
        inbox.finish()
    }

    private func push(_ kind: StreamTape.Kind, _ text: String) { inbox.push(kind, text) }

    private func finish(_ why: String) {
        push(.event, why)
        inbox.finish()
    }

    private func runLoop() async {
        var logger = Logger(label: "tape.stream")
        logger.logLevel = .critical
        var attempt = 0
        let secure = config.url.lowercased().hasPrefix("wss:")
        let tls = secure ? TLSConfiguration.makeClientConfiguration() : nil
        // A short close timeout: a peer that stopped answering pings will not answer a close.
        let ws = WebSocketClientConfiguration(maxFrameSize: 1 << 22, closeTimeout: .seconds(1), autoPing: .enabled(timePeriod: config.pingInterval))
        while !Task.isCancelled {
            let state = ConnectionState()
            do {
                try await WebSocketClient.connect(url: config.url, configuration: ws, tlsConfiguration: tls, logger: logger) {
                    [self] inbound, outbound, _ in
                    push(.event, "connected")
                    for try await message in inbound.messages(maxSize: 1 << 22) {
                        guard case .text(let text) = message else { continue }
                        push(.frame, text)
                        // Only the hand-shake and error frames need reading here; market data
                        // is left to the caller (a flood costs one append per frame).
                        let handshake = !state.subscribed.withLock { $0 }
                        guard handshake || text.contains("\"error\"") else { continue }
                        for m in (try? AlpacaStreamParser.parse(text)) ?? [] {
                            switch m {
                            case .success("connected"): try await outbound.write(.text(config.authMessage()))
                            case .success("authenticated"): try await outbound.write(.text(config.subscribeMessage()))
                            case .subscription: state.subscribed.withLock { $0 = true }
                            case .error(let code, let msg) where AlpacaStreamMessage.isFatal(code: code):
                                state.fatal.withLock { $0 = "error \(code): \(msg)" }
                                return
                            default: break
                            }
                        }
                    }
                }
                push(.event, "dropped: connection closed")
            } catch {
                if Task.isCancelled { break }
                push(.event, "dropped: " + String(describing: error).split(whereSeparator: \.isNewline).joined(separator: " "))
            }
            if let why = state.fatal.withLock({ $0 }) { finish("gave up: " + why); return }
            if state.subscribed.withLock({ $0 }) { attempt = 0 }
            attempt += 1
            if attempt > config.maxAttempts { finish("gave up after \(config.maxAttempts) failed connections"); return }
            let delay = config.delay(attempt: attempt)
            push(.event, "reconnecting in \(delay)s")
            do { try await Task.sleep(for: .milliseconds(Int(delay * 1000))) } catch { break }
        }
        inbox.finish()
    }
}

/// What one connection's handler learns, for the reconnect loop to read after it ends.
private final class ConnectionState: Sendable {
    let fatal = Mutex<String?>(nil)
    let subscribed = Mutex(false)
}
