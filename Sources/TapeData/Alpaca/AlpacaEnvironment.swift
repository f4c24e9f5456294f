/// What both Alpaca clients (market data and paper trading) read from the environment,
/// read one way so the two cannot drift apart.
enum AlpacaEnvironment {
    /// The key pair from APCA_API_KEY_ID / APCA_API_SECRET_KEY, and the names of those
    /// unset or empty (never a value: callers put the names in their error).
    static func keys(_ env: [String: String]) -> (id: String, secret: String, missing: [String]) {
        let id = env["APCA_API_KEY_ID"] ?? "", secret = env["APCA_API_SECRET_KEY"] ?? ""
        let missing = [("APCA_API_KEY_ID", id), ("APCA_API_SECRET_KEY", secret)].filter { $0.1.isEmpty }.map(\.0)
        return (id, secret, missing)
    }

    /// The URL in `variable` without trailing slashes, else `fallback` when unset or empty.
    static func baseURL(_ env: [String: String], _ variable: String, default fallback: String) -> String {
        var base = env[variable].flatMap { $0.isEmpty ? nil : $0 } ?? fallback
        while base.hasSuffix("/") { base.removeLast() }
        return base
    }
}
