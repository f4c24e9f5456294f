import Foundation

/// What a live stream delivered, in order, with each item's arrival time: the body a
/// session keeps in the content-addressed cache so a replay feeds the same frames, in
/// the same order, to the same code (docs/LIVE.md).
///
/// Encoding, per item: `ARRIVAL_NS KIND LENGTH\n` then LENGTH bytes and `\n`. Length
/// prefixes keep any frame byte-exact (a malformed one may hold newlines).
public struct StreamTape: Equatable, Sendable {
    public enum Kind: String, Sendable {
        /// A text frame as received.
        case frame = "m"
        /// A connection event of Tape's own (connected, dropped, reconnecting, gave up).
        case event = "c"
    }

    public struct Item: Equatable, Sendable {
        /// Nanoseconds since the stream was opened.
        public var arrival: Int64
        public var kind: Kind
        public var text: String

        public init(arrival: Int64, kind: Kind, text: String) {
            self.arrival = arrival
            self.kind = kind
            self.text = text
        }
    }

    public var items: [Item] = []

    public init(items: [Item] = []) { self.items = items }

    public func encoded() -> Data {
        var out = Data()
        for item in items {
            let bytes = Data(item.text.utf8)
            out.append(Data("\(item.arrival) \(item.kind.rawValue) \(bytes.count)\n".utf8))
            out.append(bytes)
            out.append(10)
        }
        return out
    }

    public static func decode(_ data: Data) throws -> StreamTape {
        let b = [UInt8](data)
        var i = 0, items: [Item] = []
        while i < b.count {
            guard let nl = b[i...].firstIndex(of: 10) else { throw StreamTapeError.corrupt(offset: i) }
            let head = String(decoding: b[i..<nl], as: UTF8.self).split(separator: " ")
            guard head.count == 3, let arrival = Int64(head[0]), let kind = Kind(rawValue: String(head[1])), let n = Int(head[2]), n >= 0,
                  nl + 1 + n < b.count, b[nl + 1 + n] == 10
            else { throw StreamTapeError.corrupt(offset: i) }
            items.append(Item(arrival: arrival, kind: kind, text: String(decoding: b[(nl + 1)..<(nl + 1 + n)], as: UTF8.self)))
            i = nl + 2 + n
        }
        return StreamTape(items: items)
    }
}

public enum StreamTapeError: Error, Equatable, CustomStringConvertible {
    case corrupt(offset: Int)
    public var description: String { "the recorded stream is corrupt at byte \(offset); record the session again" }
    private var offset: Int { if case .corrupt(let o) = self { return o }; return 0 }
}
