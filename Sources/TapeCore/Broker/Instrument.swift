/// What an order or position is in: a share of stock (or ETF) or a listed equity option.
public enum Instrument: Hashable, Sendable {
    case stock(String)
    case option(OptionContract)

    /// The key positions are held under: the ticker, or the OCC symbol of an option.
    public var symbol: String {
        switch self {
        case .stock(let s): return s
        case .option(let c): return c.occSymbol
        }
    }

    /// The symbol whose bars drive this instrument's prices.
    public var underlying: String {
        switch self {
        case .stock(let s): return s
        case .option(let c): return c.underlying
        }
    }

    /// Units of the underlying per unit held: 1 for shares, the contract multiplier for options.
    public var multiplier: Double {
        switch self {
        case .stock: return 1
        case .option(let c): return c.multiplier
        }
    }

    public var option: OptionContract? {
        if case .option(let c) = self { return c }
        return nil
    }

    /// Reads a ticker or an OCC option symbol back (the form positions are keyed by).
    public static func parse(_ symbol: String) -> Instrument {
        if let c = OptionContract(occSymbol: symbol) { return .option(c) }
        return .stock(symbol)
    }
}

/// A contract's right is the pricing library's option type: one enum, so the broker hands
/// it to the model as is and shares its payoff.
public typealias OptionRight = OptionType

/// A listed equity option. Expiry is a date (midnight timestamp, naive clock like `Bars`);
/// the contract is treated as expiring at the end of that day.
public struct OptionContract: Hashable, Sendable {
    public var underlying: String
    public var right: OptionRight
    public var strike: Double
    public var expiry: Int64
    public var multiplier: Double

    public init(underlying: String, right: OptionRight, strike: Double, expiry: Int64, multiplier: Double = 100) {
        self.underlying = underlying
        self.right = right
        self.strike = strike
        self.expiry = CivilTime.day(expiry) * CivilTime.secondsPerDay
        self.multiplier = multiplier
    }

    /// OCC symbology (the form Alpaca and most brokers use): root, YYMMDD, C/P, strike × 1000
    /// in eight digits, e.g. `SPY240119C00450000`. Years are taken as 20YY.
    public var occSymbol: String {
        let (y, m, d) = CivilTime.civil(days: CivilTime.day(expiry))
        // Eight digits of thousandths is the OCC field; anything else cannot be a listed strike.
        let k = (strike * 1000).rounded()
        let thousandths = k.isFinite && k >= 0 && k < 1e8 ? Int(k) : 0
        func pad(_ v: Int, _ w: Int) -> String {
            let s = String(v)
            return s.count >= w ? s : String(repeating: "0", count: w - s.count) + s
        }
        return underlying + pad(y % 100, 2) + pad(m, 2) + pad(d, 2) + (right == .call ? "C" : "P") + pad(thousandths, 8)
    }

    /// Parses an OCC symbol; nil when the text is not one (so a plain ticker stays a stock).
    public init?(occSymbol s: String) {
        let u = Array(s.utf8)
        guard u.count >= 16 else { return nil }
        let tail = u.suffix(15)
        let digits = { (a: ArraySlice<UInt8>) -> Int? in
            var v = 0
            for c in a {
                guard c >= 48, c <= 57 else { return nil }
                v = v * 10 + Int(c - 48)
            }
            return v
        }
        let base = tail.startIndex
        guard let yy = digits(tail[base..<(base + 2)]), let mm = digits(tail[(base + 2)..<(base + 4)]),
              let dd = digits(tail[(base + 4)..<(base + 6)]), let k = digits(tail[(base + 7)..<(base + 15)]),
              CivilTime.isValid(year: 2000 + yy, month: mm, day: dd) else { return nil }
        let r = tail[base + 6]
        guard r == 67 || r == 80 else { return nil }   // 'C' or 'P'
        let root = String(decoding: u.prefix(u.count - 15), as: UTF8.self)
        guard !root.isEmpty else { return nil }
        self.init(underlying: root, right: r == 67 ? .call : .put, strike: Double(k) / 1000,
                  expiry: CivilTime.timestamp(year: 2000 + yy, month: mm, day: dd))
    }

    /// Intrinsic value per unit of underlying at `spot`.
    public func intrinsic(at spot: Double) -> Double {
        right.payoff(spot: spot, strike: strike)
    }
}
