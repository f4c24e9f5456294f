import Foundation
import TapeCore

/// Alpaca's trading API v2 on the paper endpoint (docs.alpaca.markets, "Trading API"):
/// GET /v2/account, POST/GET/DELETE /v2/orders, GET /v2/positions.
///
/// Every submission carries a `client_order_id`, generated once per logical order and
/// reused on every retry, so a retry after a lost answer can never trade twice: when
/// Alpaca answers that the id is taken, the client fetches the order that id already
/// names (GET /v2/orders:by_client_order_id) and returns it.
/// 429 (rate limit), 5xx and transport failures are retried with backoff: the server's
/// Retry-After when given, else 1, 2, 4, 8 seconds.
public struct AlpacaPaperClient {
    public struct Config: Sendable {
        public var baseURL: String
        public var keyID: String
        public var secretKey: String

        public init(baseURL: String = Config.paperEndpoint, keyID: String, secretKey: String) {
            self.baseURL = baseURL
            self.keyID = keyID
            self.secretKey = secretKey
        }

        /// Alpaca's paper endpoint, the only one that trades no real money.
        public static let paperEndpoint = "https://paper-api.alpaca.markets"

        /// Whether orders sent here are paper orders: Alpaca's paper endpoint, or a server
        /// on this machine's loopback interface (a stand-in such as the tests' server:
        /// Alpaca's live service is never reached through it). Any other URL — the live
        /// `https://api.alpaca.markets` above all — trades real money.
        public var isPaperEndpoint: Bool {
            if baseURL == Self.paperEndpoint { return true }
            guard let u = URLComponents(string: baseURL), let host = u.host?.lowercased(), u.user == nil else { return false }
            return ["127.0.0.1", "localhost", "::1", "[::1]"].contains(host)
        }

        /// Keys from APCA_API_KEY_ID / APCA_API_SECRET_KEY, base URL from APCA_API_BASE_URL
        /// (default the paper endpoint). A missing key names the variable, never a value.
        /// The environment variable (set to 1 when Tape starts) that allows a base URL other
        /// than the paper endpoint: real money. No session file can set it.
        public static let liveTradingSwitch = "TAPE_ALLOW_LIVE_TRADING"

        public static func fromEnvironment(_ env: [String: String] = ProcessInfo.processInfo.environment) throws -> Config {
            let keys = AlpacaEnvironment.keys(env)
            if !keys.missing.isEmpty { throw AlpacaPaperError.missingKeys(keys.missing) }
            var base = AlpacaEnvironment.baseURL(env, "APCA_API_BASE_URL", default: paperEndpoint)
            // Alpaca's own examples give the base with /v2; paths here add it themselves.
            if base.hasSuffix("/v2") { base.removeLast(3) }
            guard base.hasPrefix("https://") || base.hasPrefix("http://") else { throw AlpacaPaperError.badBaseURL(base) }
            // A base that is not the paper endpoint trades real money: the one door that
            // makes a client (`broker alpaca`, BrokerCommand.allowLive) refuses it unless
            // typed at the prompt with `liveTradingSwitch` set (docs/PAPER.md).
            return Config(baseURL: base, keyID: keys.id, secretKey: keys.secret)
        }
    }

    public let http: PaperHTTP
    public let config: Config
    /// Attempts per request, the first included.
    public var maxAttempts = 5
    /// How the client waits between attempts (injected so tests neither wait nor guess).
    public var sleep: (Double) -> Void = { s in usleep(UInt32(min(s, 60) * 1_000_000)) }
    /// New client order ids; injected so tests and replays are deterministic.
    public var newClientOrderId: () -> String = { "tape-" + UUID().uuidString.lowercased() }

    public init(http: PaperHTTP, config: Config) {
        self.http = http
        self.config = config
    }

    // MARK: Endpoints

    public func account() throws -> AlpacaAccount {
        let o = try object(try call("GET", "/v2/account", what: "account"))
        return AlpacaAccount(id: str(o, "id") ?? "", status: str(o, "status") ?? "", currency: str(o, "currency") ?? "USD",
                             cash: try need(o, "cash"), equity: try need(o, "equity"), buyingPower: try need(o, "buying_power"))
    }

    public func positions() throws -> [AlpacaPosition] {
        try array(try call("GET", "/v2/positions", what: "positions")).map { p in
            guard let symbol = str(p, "symbol") else { throw AlpacaPaperError.badResponse("a position without a symbol") }
            var qty = try need(p, "qty")
            if str(p, "side") == "short", qty > 0 { qty = -qty }
            return AlpacaPosition(symbol: symbol, quantity: qty, averageEntryPrice: try need(p, "avg_entry_price"),
                                  marketValue: number(p["market_value"]) ?? 0, unrealizedPL: number(p["unrealized_pl"]) ?? 0,
                                  currentPrice: number(p["current_price"]))
        }
    }

    /// Orders by status: `open`, `closed` or `all` (Alpaca's default page of 50, newest first).
    public func orders(status: String = "open") throws -> [AlpacaOrder] {
        try array(try call("GET", "/v2/orders?status=\(status)&nested=true", what: "orders")).map(order)
    }

    public func order(id: String) throws -> AlpacaOrder {
        try order(try object(try call("GET", "/v2/orders/\(escape(id))", what: "order \(id)")))
    }

    public func order(clientOrderId cid: String) throws -> AlpacaOrder {
        try order(try object(try call("GET", "/v2/orders:by_client_order_id?client_order_id=\(escape(cid))",
                                      what: "order with client_order_id \(cid)")))
    }

    /// Executions, oldest first (GET /v2/account/activities/FILL; Alpaca's default page of 100).
    public func fills() throws -> [AlpacaFill] {
        try array(try call("GET", "/v2/account/activities/FILL?direction=asc", what: "fills")).map { f in
            guard let id = str(f, "id"), let orderId = str(f, "order_id"), let symbol = str(f, "symbol"),
                  let time = str(f, "transaction_time") else {
                throw AlpacaPaperError.badResponse("a fill without an id, order id, symbol or time")
            }
            return AlpacaFill(id: id, orderId: orderId, transactionTime: time, symbol: symbol, side: str(f, "side") ?? "",
                              quantity: try need(f, "qty"), price: try need(f, "price"))
        }
    }

    public func cancel(id: String) throws {
        _ = try call("DELETE", "/v2/orders/\(escape(id))", what: "open order \(id)")
    }

    /// Submits an order; the same `clientOrderId` (given, or generated here once) is sent on
    /// every attempt. Returns Alpaca's order, the existing one when the id was already used.
    public func submit(_ request: OrderRequest) throws -> AlpacaOrder {
        let cid = request.clientOrderId ?? newClientOrderId()
        let body = try AlpacaPaperClient.body(for: request, clientOrderId: cid)
        do {
            return try order(try object(try call("POST", "/v2/orders", body: body, what: "order")))
        } catch AlpacaPaperError.invalidOrder(let m) where m.contains("client_order_id") {
            return try order(clientOrderId: cid)
        }
    }

    /// The JSON Alpaca expects for `request` (POST /v2/orders).
    public static func body(for r: OrderRequest, clientOrderId: String) throws -> [UInt8] {
        guard r.sizing == nil else { throw AlpacaPaperError.unsupported("orders sized as a share of buying power are simulator-only; give a quantity") }
        guard r.quantity.isFinite, r.quantity >= 1, r.quantity == r.quantity.rounded(), r.quantity < 1e12 else {
            throw AlpacaPaperError.unsupported("quantity \(r.quantity) is not a whole number of shares or contracts")
        }
        func price(_ p: Double) -> String { String(p) }
        var o: [String: Any] = ["side": r.side.rawValue, "qty": String(Int64(r.quantity)), "time_in_force": r.timeInForce.rawValue,
                                "client_order_id": clientOrderId, "type": r.type.name]
        switch r.type {
        case .market: break
        case .limit(let l): o["limit_price"] = price(l)
        case .stop(let s): o["stop_price"] = price(s)
        case .stopLimit(let s, let l): o["stop_price"] = price(s); o["limit_price"] = price(l)
        case .trailingStop(.amount(let a)): o["trail_price"] = price(a)
        case .trailingStop(.percent(let p)): o["trail_percent"] = price(p * 100)
        }
        if r.legs.count == 1 {
            o["symbol"] = r.legs[0].instrument.symbol
        } else {
            o["order_class"] = "mleg"
            o["side"] = nil
            o["legs"] = r.legs.map { leg -> [String: Any] in
                ["symbol": leg.instrument.symbol, "ratio_qty": String(leg.ratio), "side": r.side(of: leg).rawValue]
            }
        }
        switch r.orderClass {
        case .simple: break
        case .bracket(let tp, let sl):
            o["order_class"] = "bracket"
            o["take_profit"] = ["limit_price": price(tp)]
            o["stop_loss"] = ["stop_price": price(sl)]
        case .oco(let tp, let sl):
            o["order_class"] = "oco"
            o["type"] = "limit"
            o["take_profit"] = ["limit_price": price(tp)]
            o["stop_loss"] = ["stop_price": price(sl)]
        }
        do {
            return Array(try JSONSerialization.data(withJSONObject: o, options: [.sortedKeys]))
        } catch {
            throw AlpacaPaperError.unsupported("order could not be encoded: \(error)")
        }
    }

    // MARK: Transport, retries, errors

    /// One request with retries; returns the body of a 2xx answer or throws the mapped error.
    private func call(_ method: String, _ path: String, body: [UInt8]? = nil, what: String) throws -> [UInt8] {
        var headers = ["APCA-API-KEY-ID": config.keyID, "APCA-API-SECRET-KEY": config.secretKey, "Accept": "application/json"]
        if body != nil { headers["Content-Type"] = "application/json" }
        var attempt = 0
        while true {
            attempt += 1
            let answer: (status: Int, headers: [String: String], body: [UInt8])
            do {
                answer = try http.send(method: method, url: config.baseURL + path, headers: headers, body: body)
            } catch {
                if attempt < maxAttempts { sleep(backoff(attempt, nil)); continue }
                throw AlpacaPaperError.transport(scrub("\(error)"))
            }
            switch answer.status {
            case 200..<300: return answer.body
            case 429:
                if attempt < maxAttempts { sleep(backoff(attempt, answer.headers)); continue }
                throw AlpacaPaperError.rateLimited(attempts: attempt)
            case 500...:
                if attempt < maxAttempts { sleep(backoff(attempt, answer.headers)); continue }
                throw AlpacaPaperError.server(status: answer.status, message: message(answer.body))
            default:
                throw mapError(answer.status, message(answer.body), what: what)
            }
        }
    }

    private func backoff(_ attempt: Int, _ headers: [String: String]?) -> Double {
        if let h = headers?.first(where: { $0.key.lowercased() == "retry-after" })?.value, let s = Double(h), s >= 0 {
            return min(s, 60)
        }
        return min(Double(1 << min(attempt - 1, 5)), 30)
    }

    private func mapError(_ status: Int, _ m: String, what: String) -> AlpacaPaperError {
        switch status {
        case 401: return .unauthorized(m)
        case 403: return m.lowercased().contains("buying power") ? .insufficientBuyingPower(m) : .forbidden(m)
        case 404: return .notFound(what)
        case 400, 422: return .invalidOrder(m)
        default: return .server(status: status, message: m)
        }
    }

    /// Alpaca's `message` field, else the start of the body; scrubbed of the keys either way.
    private func message(_ body: [UInt8]) -> String {
        if let o = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any], let m = o["message"] as? String {
            return scrub(m)
        }
        let text = String(decoding: body.prefix(200), as: UTF8.self)
        return scrub(text.isEmpty ? "no message" : text)
    }

    /// Removes the key id and secret from any text that might be shown.
    func scrub(_ text: String) -> String {
        var t = text
        for secret in [config.secretKey, config.keyID] where secret.count >= 4 {
            t = t.replacingOccurrences(of: secret, with: "[redacted]")
        }
        return t
    }

    // MARK: JSON

    private func object(_ body: [UInt8]) throws -> [String: Any] {
        guard let o = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any] else {
            throw AlpacaPaperError.badResponse("expected a JSON object, got \(body.count) bytes")
        }
        return o
    }

    private func array(_ body: [UInt8]) throws -> [[String: Any]] {
        guard let a = try? JSONSerialization.jsonObject(with: Data(body)) as? [[String: Any]] else {
            throw AlpacaPaperError.badResponse("expected a JSON array, got \(body.count) bytes")
        }
        return a
    }

    private func order(_ o: [String: Any]) throws -> AlpacaOrder {
        guard let id = str(o, "id"), let symbol = str(o, "symbol") ?? (o["legs"] != nil ? "" : nil) else {
            throw AlpacaPaperError.badResponse("an order without an id or symbol")
        }
        let legs = try (o["legs"] as? [[String: Any]] ?? []).map(order)
        return AlpacaOrder(id: id, clientOrderId: str(o, "client_order_id") ?? "", symbol: symbol, side: str(o, "side") ?? "",
                           type: str(o, "type") ?? str(o, "order_type") ?? "", timeInForce: str(o, "time_in_force") ?? "",
                           status: str(o, "status") ?? "", quantity: number(o["qty"]), filledQuantity: number(o["filled_qty"]) ?? 0,
                           filledAveragePrice: number(o["filled_avg_price"]), limitPrice: number(o["limit_price"]),
                           stopPrice: number(o["stop_price"]), trailPrice: number(o["trail_price"]),
                           trailPercent: number(o["trail_percent"]), orderClass: str(o, "order_class") ?? "simple", legs: legs,
                           submittedAt: str(o, "submitted_at"), filledAt: str(o, "filled_at"), canceledAt: str(o, "canceled_at"),
                           expiredAt: str(o, "expired_at"), failedAt: str(o, "failed_at"))
    }

    private func str(_ o: [String: Any], _ k: String) -> String? { o[k] as? String }

    /// Alpaca sends money and quantities as strings ("100000.5"); plain numbers are accepted too.
    private func number(_ v: Any?) -> Double? {
        if let s = v as? String { return Double(s) }
        if let d = v as? Double { return d }
        if let i = v as? Int { return Double(i) }
        if let n = v as? NSNumber { return n.doubleValue }
        return nil
    }

    private func need(_ o: [String: Any], _ k: String) throws -> Double {
        guard let v = number(o[k]), v.isFinite else { throw AlpacaPaperError.badResponse("field \(k) missing or not a number") }
        return v
    }

    private func escape(_ s: String) -> String {
        s.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-_."))) ?? s
    }
}
