/// A circuit breaker that tripped: which rule, since when, until when (nil: until
/// `paper resume`), and why, in the words `paper why` prints.
public struct Halt: Equatable, Sendable {
    public var rule: String
    public var since: Int64
    public var until: Int64?
    public var reason: String

    public init(rule: String, since: Int64, until: Int64?, reason: String) {
        self.rule = rule
        self.since = since
        self.until = until
        self.reason = reason
    }

    public func isActive(at t: Int64) -> Bool { until.map { t < $0 } ?? true }

    /// `max_drawdown since 2020-03-12: equity ... (until paper resume)`.
    public var description: String {
        "\(rule) since \(CivilTime.format(since, forceTime: since % CivilTime.secondsPerDay != 0)): \(reason) ("
            + (until.map { "until \(CivilTime.format($0, forceTime: $0 % CivilTime.secondsPerDay != 0))" } ?? "until paper resume") + ")"
    }
}

/// What the circuit breakers remember between orders: the highest equity seen, the
/// losing closes in a row, and the halt in force. The simulator keeps it in its state
/// (and so in its ledger); another broker's front keeps it in the ledger's guard table.
public struct BreakerState: Equatable, Sendable {
    /// Highest equity seen at a mark (a bar's close, or an order's check).
    public var peakEquity = 0.0
    /// Closing fills in a row that realised a loss.
    public var lossStreak = 0
    public var halt: Halt?
    /// For a broker on the wall clock: the day its day-start equity belongs to.
    public var dayStart: Int64?
    public var dayStartEquity = 0.0
    /// Fills already counted into `lossStreak` (a front reads a broker's whole fill list).
    public var fillsCounted = 0

    public init() {}

    /// Text for storage: `key=value` pairs (the ledger's breakers table holds one row each).
    public var fields: [(String, String)] {
        var out: [(String, String)] = [("peak_equity", "\(peakEquity)"), ("loss_streak", String(lossStreak)),
                                       ("day_start_equity", "\(dayStartEquity)"), ("fills_counted", String(fillsCounted))]
        if let d = dayStart { out.append(("day_start", String(d))) }
        if let h = halt {
            out += [("halt_rule", h.rule), ("halt_since", String(h.since)), ("halt_reason", h.reason)]
            if let u = h.until { out.append(("halt_until", String(u))) }
        }
        return out
    }

    /// Rebuilds from `fields`; an unreadable value is nil (the caller reports corruption).
    public init?(fields: [String: String]) {
        func double(_ k: String) -> Double? { fields[k].flatMap(Double.init) }
        func int64(_ k: String) -> Int64? { fields[k].flatMap { Int64($0) } }
        guard let peak = double("peak_equity"), let streak = fields["loss_streak"].flatMap({ Int($0) }),
              let dse = double("day_start_equity"), let counted = fields["fills_counted"].flatMap({ Int($0) }) else { return nil }
        peakEquity = peak
        lossStreak = streak
        dayStartEquity = dse
        fillsCounted = counted
        dayStart = int64("day_start")
        if let rule = fields["halt_rule"] {
            guard let since = int64("halt_since"), let reason = fields["halt_reason"] else { return nil }
            halt = Halt(rule: rule, since: since, until: int64("halt_until"), reason: reason)
        }
    }
}
