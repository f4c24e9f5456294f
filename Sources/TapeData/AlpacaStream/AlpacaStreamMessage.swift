import Foundation
import TapeCore

/// One message of Alpaca's market-data stream (`[{"T":"t",...},...]`): the three kinds
/// of market data Tape subscribes to, and the control messages around them. Times are
/// nanoseconds since 1970 (UTC), as the feed stamps them.
public enum AlpacaStreamMessage: Equatable, Sendable {
    case trade(symbol: String, price: Double, size: Double, time: Int64)
    case quote(symbol: String, bid: Double, bidSize: Double, ask: Double, askSize: Double, time: Int64)
    /// A minute bar; `time` is the start of its minute.
    case bar(symbol: String, open: Double, high: Double, low: Double, close: Double, volume: Double, time: Int64)
    /// `{"T":"success","msg":"connected"}` and `"authenticated"`.
    case success(String)
    /// The channels the server confirms after a subscribe.
    case subscription(trades: [String], quotes: [String], bars: [String])
    /// `{"T":"error","code":405,"msg":"symbol limit exceeded"}`.
    case error(code: Int, message: String)
    /// A message whose `T` Tape does not use (statuses, corrections, ...) or cannot read;
    /// `kind` names it for the once-per-kind report.
    case unknown(kind: String)

    /// What a stream error means for the connection: retrying cannot help after bad keys,
    /// a plan's limits or a refused subscription, so those end the stream.
    public static func isFatal(code: Int) -> Bool {
        switch code {
        case 402, 404, 405, 406, 409, 410: return true
        default: return false
        }
    }
}

/// A frame the stream sent that is not a JSON array of objects.
public struct AlpacaStreamMalformed: Error, Equatable, CustomStringConvertible {
    public let detail: String
    public var description: String { "malformed stream frame: \(detail)" }
}

public enum AlpacaStreamParser {
    /// The messages of one text frame. A frame that is not JSON throws; an object Tape
    /// cannot read becomes `.unknown`, so one bad message never loses the rest.
    public static func parse(_ text: String) throws -> [AlpacaStreamMessage] {
        let json: Any
        do {
            json = try JSONSerialization.jsonObject(with: Data(text.utf8))
        } catch {
            throw AlpacaStreamMalformed(detail: "not JSON")
        }
        let objects: [Any] = (json as? [Any]) ?? [json]
        return objects.map { item in
            guard let o = item as? [String: Any] else { return .unknown(kind: "not an object") }
            return message(o)
        }
    }

    static func message(_ o: [String: Any]) -> AlpacaStreamMessage {
        guard let kind = o["T"] as? String else { return .unknown(kind: "no T") }
        let symbol = o["S"] as? String
        switch kind {
        case "t":
            guard let s = symbol, let p = number(o["p"]), let t = time(o["t"]) else { return .unknown(kind: "t (incomplete)") }
            return .trade(symbol: s, price: p, size: number(o["s"]) ?? 0, time: t)
        case "q":
            guard let s = symbol, let bp = number(o["bp"]), let ap = number(o["ap"]), let t = time(o["t"]) else {
                return .unknown(kind: "q (incomplete)")
            }
            return .quote(symbol: s, bid: bp, bidSize: number(o["bs"]) ?? 0, ask: ap, askSize: number(o["as"]) ?? 0, time: t)
        case "b":
            guard let s = symbol, let op = number(o["o"]), let h = number(o["h"]), let l = number(o["l"]), let c = number(o["c"]),
                  let t = time(o["t"])
            else { return .unknown(kind: "b (incomplete)") }
            return .bar(symbol: s, open: op, high: h, low: l, close: c, volume: number(o["v"]) ?? 0, time: t)
        case "success":
            return .success(o["msg"] as? String ?? "")
        case "subscription":
            func list(_ k: String) -> [String] { (o[k] as? [Any])?.compactMap { $0 as? String } ?? [] }
            return .subscription(trades: list("trades"), quotes: list("quotes"), bars: list("bars"))
        case "error":
            return .error(code: (o["code"] as? NSNumber)?.intValue ?? 0, message: o["msg"] as? String ?? "")
        default:
            return .unknown(kind: kind)
        }
    }

    static func number(_ v: Any?) -> Double? {
        guard let n = v as? NSNumber else { return nil }
        let d = n.doubleValue
        return d.isFinite ? d : nil
    }

    /// RFC 3339 with up to nine fraction digits (`2021-02-22T15:51:44.208Z`), to nanoseconds.
    public static func time(_ v: Any?) -> Int64? {
        guard let s = v as? String else { return nil }
        let u = Array(s.utf8)
        guard u.count >= 20, u[4] == 45, u[7] == 45, u[10] == 84, u[13] == 58, u[16] == 58 else { return nil }
        func digits(_ a: Int, _ n: Int) -> Int? {
            var r = 0
            for i in a..<(a + n) {
                let d = Int(u[i]) - 48
                guard (0...9).contains(d) else { return nil }
                r = r * 10 + d
            }
            return r
        }
        guard let y = digits(0, 4), let mo = digits(5, 2), let d = digits(8, 2), let h = digits(11, 2), let mi = digits(14, 2),
              let se = digits(17, 2), (1...12).contains(mo), (1...31).contains(d), h < 24, mi < 60, se < 61
        else { return nil }
        var i = 19, frac: Int64 = 0, scale: Int64 = 1_000_000_000
        if i < u.count, u[i] == 46 {
            i += 1
            while i < u.count, (48...57).contains(u[i]) {
                if scale > 1 { scale /= 10; frac += Int64(u[i] - 48) * scale }
                i += 1
            }
        }
        guard i == u.count - 1, u[i] == 90 else { return nil }
        let days = CivilTime.days(year: y, month: mo, day: d)
        return ((Int64(days) * 86_400 + Int64(h * 3600 + mi * 60 + se)) * 1_000_000_000) + frac
    }
}
