/// The named strategies, each a list of legs relative to a centre strike K, a strike
/// spacing w, a near expiry and a far expiry (calendars and diagonals).
///
/// Conventions follow the common retail usage (CBOE/OIC strategy guides): "iron condor"
/// and "iron butterfly" are the credit positions (short the inner strikes); their debit
/// mirrors are the "reverse" ones; a ratio spread buys 1 and sells 2, a backspread the
/// opposite.
public struct StrategyTemplate: Sendable {
    public struct Leg: Sendable {
        public var kind: StrategyLeg.Kind
        /// Strike = K + offset·w.
        public var offset: Double
        public var quantity: Double
        /// Uses the far expiry instead of the near one.
        public var far: Bool
    }

    public var name: String
    public var aliases: [String]
    public var summary: String
    public var legs: [Leg]

    /// Legs for centre strike `center`, spacing `width` and the two expiries.
    public func legs(center: Double, width: Double, nearDays: Double, farDays: Double) -> [StrategyLeg] {
        legs.map { leg in
            StrategyLeg(leg.kind, strike: leg.kind == .stock ? 0 : center + leg.offset * width, quantity: leg.quantity,
                        expiryDays: leg.kind == .stock ? 0 : (leg.far ? farDays : nearDays))
        }
    }
}

extension StrategyTemplate {
    private static func c(_ offset: Double, _ quantity: Double, far: Bool = false) -> Leg {
        Leg(kind: .call, offset: offset, quantity: quantity, far: far)
    }

    private static func p(_ offset: Double, _ quantity: Double, far: Bool = false) -> Leg {
        Leg(kind: .put, offset: offset, quantity: quantity, far: far)
    }

    private static func stock(_ quantity: Double) -> Leg { Leg(kind: .stock, offset: 0, quantity: quantity, far: false) }

    private static func t(_ name: String, _ aliases: [String] = [], _ summary: String, _ legs: [Leg]) -> StrategyTemplate {
        StrategyTemplate(name: name, aliases: aliases, summary: summary, legs: legs)
    }

    /// Every named strategy.
    public static let catalog: [StrategyTemplate] = [
        t("long call", [], "buy a call at K", [c(0, 1)]),
        t("short call", ["naked call"], "sell a call at K", [c(0, -1)]),
        t("long put", [], "buy a put at K", [p(0, 1)]),
        t("short put", ["naked put"], "sell a put at K", [p(0, -1)]),
        t("long stock", [], "hold the underlying", [stock(1)]),
        t("short stock", [], "short the underlying", [stock(-1)]),
        t("covered call", ["buy write"], "stock, sell a call at K+w", [stock(1), c(1, -1)]),
        t("protective put", ["married put"], "stock, buy a put at K-w", [stock(1), p(-1, 1)]),
        t("covered put", [], "short stock, sell a put at K-w", [stock(-1), p(-1, -1)]),
        t("collar", [], "stock, buy a put at K-w, sell a call at K+w", [stock(1), p(-1, 1), c(1, -1)]),
        t("bull call spread", [], "buy call K, sell call K+w", [c(0, 1), c(1, -1)]),
        t("bear call spread", [], "sell call K, buy call K+w", [c(0, -1), c(1, 1)]),
        t("bull put spread", [], "sell put K, buy put K-w", [p(0, -1), p(-1, 1)]),
        t("bear put spread", [], "buy put K, sell put K-w", [p(0, 1), p(-1, -1)]),
        t("long straddle", ["straddle"], "buy call and put at K", [c(0, 1), p(0, 1)]),
        t("short straddle", [], "sell call and put at K", [c(0, -1), p(0, -1)]),
        t("long strangle", ["strangle"], "buy put K-w and call K+w", [p(-1, 1), c(1, 1)]),
        t("short strangle", [], "sell put K-w and call K+w", [p(-1, -1), c(1, -1)]),
        t("iron condor", ["short iron condor"], "buy put K-2w, sell put K-w, sell call K+w, buy call K+2w (credit)",
          [p(-2, 1), p(-1, -1), c(1, -1), c(2, 1)]),
        t("reverse iron condor", ["long iron condor"], "sell put K-2w, buy put K-w, buy call K+w, sell call K+2w (debit)",
          [p(-2, -1), p(-1, 1), c(1, 1), c(2, -1)]),
        t("iron butterfly", ["short iron butterfly"], "buy put K-w, sell put and call K, buy call K+w (credit)",
          [p(-1, 1), p(0, -1), c(0, -1), c(1, 1)]),
        t("reverse iron butterfly", ["long iron butterfly"], "sell put K-w, buy put and call K, sell call K+w (debit)",
          [p(-1, -1), p(0, 1), c(0, 1), c(1, -1)]),
        t("long call butterfly", ["call butterfly", "butterfly"], "buy call K-w, sell 2 calls K, buy call K+w",
          [c(-1, 1), c(0, -2), c(1, 1)]),
        t("long put butterfly", ["put butterfly"], "buy put K-w, sell 2 puts K, buy put K+w",
          [p(-1, 1), p(0, -2), p(1, 1)]),
        t("short call butterfly", [], "sell call K-w, buy 2 calls K, sell call K+w", [c(-1, -1), c(0, 2), c(1, -1)]),
        t("short put butterfly", [], "sell put K-w, buy 2 puts K, sell put K+w", [p(-1, -1), p(0, 2), p(1, -1)]),
        t("broken wing call butterfly", ["broken wing butterfly"], "buy call K-w, sell 2 calls K, buy call K+2w",
          [c(-1, 1), c(0, -2), c(2, 1)]),
        t("broken wing put butterfly", [], "buy put K+w, sell 2 puts K, buy put K-2w",
          [p(1, 1), p(0, -2), p(-2, 1)]),
        t("long call condor", ["call condor"], "buy call K-2w, sell calls K-w and K+w, buy call K+2w",
          [c(-2, 1), c(-1, -1), c(1, -1), c(2, 1)]),
        t("long put condor", ["put condor"], "buy put K-2w, sell puts K-w and K+w, buy put K+2w",
          [p(-2, 1), p(-1, -1), p(1, -1), p(2, 1)]),
        t("calendar call spread", ["call calendar", "calendar call"], "sell near call K, buy far call K",
          [c(0, -1), c(0, 1, far: true)]),
        t("calendar put spread", ["put calendar", "calendar put"], "sell near put K, buy far put K",
          [p(0, -1), p(0, 1, far: true)]),
        t("diagonal call spread", ["call diagonal", "diagonal call"], "sell near call K+w, buy far call K",
          [c(1, -1), c(0, 1, far: true)]),
        t("diagonal put spread", ["put diagonal", "diagonal put"], "sell near put K-w, buy far put K",
          [p(-1, -1), p(0, 1, far: true)]),
        t("call ratio spread", ["ratio call spread"], "buy call K, sell 2 calls K+w", [c(0, 1), c(1, -2)]),
        t("put ratio spread", ["ratio put spread"], "buy put K, sell 2 puts K-w", [p(0, 1), p(-1, -2)]),
        t("call backspread", ["call ratio backspread"], "sell call K, buy 2 calls K+w", [c(0, -1), c(1, 2)]),
        t("put backspread", ["put ratio backspread"], "sell put K, buy 2 puts K-w", [p(0, -1), p(-1, 2)]),
        t("jade lizard", [], "sell put K-w, sell call K+w, buy call K+2w", [p(-1, -1), c(1, -1), c(2, 1)]),
        t("risk reversal", [], "sell put K-w, buy call K+w", [p(-1, -1), c(1, 1)]),
        t("synthetic long", ["synthetic long stock"], "buy call K, sell put K", [c(0, 1), p(0, -1)]),
        t("synthetic short", ["synthetic short stock"], "sell call K, buy put K", [c(0, -1), p(0, 1)]),
        t("box spread", ["long box"], "bull call spread K-w/K+w plus bear put spread K+w/K-w",
          [c(-1, 1), c(1, -1), p(1, 1), p(-1, -1)]),
        t("strip", [], "buy 1 call and 2 puts at K", [c(0, 1), p(0, 2)]),
        t("strap", [], "buy 2 calls and 1 put at K", [c(0, 2), p(0, 1)]),
        t("seagull", [], "sell put K-w, buy call K, sell call K+w", [p(-1, -1), c(0, 1), c(1, -1)]),
    ]

    /// The template called `name` (or one of its aliases), ignoring case, spaces, '-' and '_'.
    public static func named(_ name: String) -> StrategyTemplate? {
        let key = normalise(name)
        return catalog.first { normalise($0.name) == key || $0.aliases.contains { normalise($0) == key } }
    }

    private static func normalise(_ s: String) -> String {
        String(s.lowercased().filter { $0.isLetter || $0.isNumber })
    }
}
