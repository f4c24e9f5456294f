import Foundation

/// One quoted option of a chain, as read from CSV.
public struct ChainQuote: Equatable, Sendable {
    /// Naive timestamps (CivilTime); only the calendar date counts for time to expiry.
    public var quoteDate: Int64
    public var underlying: String
    public var expiration: Int64
    public var type: OptionType
    public var strike: Double
    public var bid: Double
    public var ask: Double

    public init(quoteDate: Int64, underlying: String, expiration: Int64, type: OptionType, strike: Double,
                bid: Double, ask: Double) {
        self.quoteDate = quoteDate; self.underlying = underlying; self.expiration = expiration
        self.type = type; self.strike = strike; self.bid = bid; self.ask = ask
    }

    /// Calendar days from the quote date to expiration.
    public var days: Int64 {
        CivilTime.day(expiration) - CivilTime.day(quoteDate)
    }
}

/// An option chain: quotes parsed from CSV text with the columns quote_date, underlying,
/// expiration, type, strike, bid, ask named in a header line, in any order (other columns
/// are ignored). Rows that cannot be read are kept aside with the reason, never fatal.
public struct OptionChain: Equatable, Sendable {
    public static let requiredColumns = ["quote_date", "underlying", "expiration", "type", "strike", "bid", "ask"]

    public var quotes: [ChainQuote]
    /// (1-based line number, reason) of each row that was skipped.
    public var rejected: [(line: Int, reason: String)]
    /// The 1-based file line of each quote (parallel to `quotes`; empty when the quotes
    /// did not come from a file), so a later complaint about a quote can point at it.
    public var lines: [Int]

    public init(quotes: [ChainQuote], rejected: [(line: Int, reason: String)] = [], lines: [Int] = []) {
        self.quotes = quotes
        self.rejected = rejected
        self.lines = lines
    }

    public static func == (a: OptionChain, b: OptionChain) -> Bool {
        a.quotes == b.quotes && a.rejected.map(\.line) == b.rejected.map(\.line)
            && a.rejected.map(\.reason) == b.rejected.map(\.reason)
    }

    /// Parses CSV text (`source` names it in errors). Throws only when the text is not
    /// CSV (a broken quote) or the header lacks a required column; a row that cannot be
    /// read is rejected with its line and the reason.
    public static func parse(csv text: String, source: String = "input") throws -> OptionChain {
        let table = try OptionCSVBatch.table(text, source: source, what: "chain")
        let index = try OptionCSVBatch.columns(requiredColumns, in: table.header.map { $0.lowercased() }, what: "chain")
        var quotes: [ChainQuote] = []
        var rejected: [(Int, String)] = []
        var lines: [Int] = []
        for row in table.rows {
            do {
                quotes.append(try quote(row.fields, index))
                lines.append(row.line)
            } catch {
                rejected.append((row.line, "\(error)"))
            }
        }
        return OptionChain(quotes: quotes, rejected: rejected, lines: lines)
    }

    private static func quote(_ cells: [String], _ index: [String: Int]) throws -> ChainQuote {
        func cell(_ name: String) throws -> String {
            guard let i = index[name], i < cells.count else { throw OptionError.parse("missing \(name)") }
            return cells[i]
        }
        func date(_ name: String) throws -> Int64 {
            let text = try cell(name)
            guard let t = CivilTime.parse(Substring(text)) else { throw OptionError.parse("\(name) \"\(text)\" is not a date") }
            return t
        }
        func number(_ name: String) throws -> Double {
            let text = try cell(name)
            guard let v = Double(text), v.isFinite else { throw OptionError.parse("\(name) \"\(text)\" is not a number") }
            return v
        }
        let typeText = try cell("type")
        guard let type = OptionType(text: typeText) else {
            throw OptionError.parse("type \"\(typeText)\" is not call/put/c/p")
        }
        return ChainQuote(quoteDate: try date("quote_date"), underlying: try cell("underlying"),
                          expiration: try date("expiration"), type: type, strike: try number("strike"),
                          bid: try number("bid"), ask: try number("ask"))
    }
}
