/// The one HTTP call the Alpaca trading client needs: any method, a body, the answer as
/// bytes. A protocol so tests substitute a fake that replays Alpaca's JSON, and so the
/// shell can substitute a recorder. Throws only for transport failures; any HTTP status
/// is returned. Header values may hold secrets: implementations never print them.
public protocol PaperHTTP {
    func send(method: String, url: String, headers: [String: String], body: [UInt8]?) throws
        -> (status: Int, headers: [String: String], body: [UInt8])
}
