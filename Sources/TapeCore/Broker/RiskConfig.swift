import Foundation

/// Pre-trade risk limits. Each field is one named rule (its key is what `paper risk`
/// shows and sets, and what the ledger's settings table stores); nil switches a rule off.
/// Defaults are permissive enough not to change a backtest-style run (no leverage means
/// the 100% limits are implied by buying power anyway) but catch fat fingers.
public struct RiskConfig: Equatable, Sendable {
    /// buying_power: the opening part of an order (plus commission) must fit in buying power.
    public var buyingPower = true
    /// max_position_pct: a position may not exceed this % of equity after the order.
    public var maxPositionPct: Double? = 100
    /// max_order_notional: quantity × price of one order.
    public var maxOrderNotional: Double? = 1_000_000
    /// price_collar_pct: a limit or stop price further than this % from the last price is a fat finger.
    public var priceCollarPct: Double? = 10
    /// allow_short: whether an order may leave a share position below zero.
    public var allowShort = true
    /// max_open_orders: working orders (including held bracket children) at once.
    public var maxOpenOrders: Int? = 100
    /// daily_loss_limit_pct: when equity falls this % below the day's starting equity, no new
    /// orders are accepted until the next day (a circuit breaker).
    public var dailyLossLimitPct: Double?
    /// max_gross_exposure_pct: |long| + |short| value after the order, as % of equity.
    public var maxGrossExposurePct: Double? = 100
    /// max_concentration_pct: delta-adjusted exposure to one underlying (shares plus option
    /// deltas × multiplier, valued at the underlying's price) as % of equity.
    public var maxConcentrationPct: Double? = 100
    /// duplicate_window_seconds: the same side, quantity and symbol again within this many
    /// seconds of clock (bar) time is refused as an accidental repeat; 0 switches it off.
    public var duplicateWindowSeconds: Int64 = 60
    /// naked_short_options: whether an option may be sold to open without cover.
    public var allowNakedShortOptions = false
    /// max_drawdown_pct: when equity falls this % below its peak, no new exposure until
    /// `paper resume` (a circuit breaker).
    public var maxDrawdownPct: Double?
    /// max_consecutive_losses: after this many losing closes in a row, no new exposure for
    /// the rest of the day (a circuit breaker).
    public var maxConsecutiveLosses: Int?
    /// max_orders_per_minute: submissions within 60 s of clock time (a circuit breaker
    /// against a runaway loop; it clears as the minute passes).
    public var maxOrdersPerMinute: Int?
    /// max_order_quantity: shares, contracts or spreads in one order.
    public var maxOrderQuantity: Double?
    /// min_price: no new exposure to an underlying priced below this (penny stocks).
    public var minPrice: Double?
    /// restricted_symbols: underlyings that may only be reduced (upper case).
    public var restrictedSymbols: [String] = []
    /// max_correlation: no new exposure to a symbol whose returns correlate above this with
    /// a position held the same way (the correlation limit).
    public var maxCorrelation: Double?
    /// correlation_lookback: returns the correlation limit measures over.
    public var correlationLookback = 60

    public init() {}

    /// Every key with a one-line description, in the order rules are checked.
    public static let keys: [(key: String, help: String)] = [
        ("daily_loss_limit_pct", "halt new orders for the day after this % loss from the day's start (off when none)"),
        ("max_drawdown_pct", "halt new exposure after this % fall from the peak equity, until paper resume"),
        ("max_consecutive_losses", "halt new exposure for the day after this many losing closes in a row"),
        ("max_orders_per_minute", "most orders submitted within 60 s of clock time"),
        ("restricted_symbols", "underlyings that may only be reduced, comma separated (none to clear)"),
        ("max_open_orders", "most working orders at once"),
        ("duplicate_window_seconds", "refuse the same side/qty/symbol again within N seconds (0 = off)"),
        ("price_collar_pct", "limit/stop prices at most this % from the last price"),
        ("min_price", "no new exposure to an underlying priced below this"),
        ("max_order_quantity", "most units (shares, contracts, spreads) in one order"),
        ("max_order_notional", "largest quantity × price of one order"),
        ("allow_short", "whether share positions may go below zero (true/false)"),
        ("naked_short_options", "whether options may be sold uncovered (true/false)"),
        ("buying_power", "require buying power for the opening part of an order (true/false)"),
        ("max_position_pct", "largest position as % of equity"),
        ("max_concentration_pct", "largest delta-adjusted exposure to one underlying as % of equity"),
        ("max_gross_exposure_pct", "largest |long| + |short| as % of equity"),
        ("max_correlation", "no new exposure correlated above this with a position held the same way (0 to 1)"),
        ("correlation_lookback", "returns the correlation limit measures over"),
    ]

    public func value(_ key: String) -> String? {
        func opt(_ d: Double?) -> String { d.map { num($0) } ?? "none" }
        switch key {
        case "buying_power": return String(buyingPower)
        case "max_position_pct": return opt(maxPositionPct)
        case "max_order_notional": return opt(maxOrderNotional)
        case "price_collar_pct": return opt(priceCollarPct)
        case "allow_short": return String(allowShort)
        case "max_open_orders": return maxOpenOrders.map(String.init) ?? "none"
        case "daily_loss_limit_pct": return opt(dailyLossLimitPct)
        case "max_gross_exposure_pct": return opt(maxGrossExposurePct)
        case "max_concentration_pct": return opt(maxConcentrationPct)
        case "duplicate_window_seconds": return String(duplicateWindowSeconds)
        case "naked_short_options": return String(allowNakedShortOptions)
        case "max_drawdown_pct": return opt(maxDrawdownPct)
        case "max_consecutive_losses": return maxConsecutiveLosses.map(String.init) ?? "none"
        case "max_orders_per_minute": return maxOrdersPerMinute.map(String.init) ?? "none"
        case "max_order_quantity": return opt(maxOrderQuantity)
        case "min_price": return opt(minPrice)
        case "restricted_symbols": return restrictedSymbols.isEmpty ? "none" : restrictedSymbols.joined(separator: ",")
        case "max_correlation": return opt(maxCorrelation)
        case "correlation_lookback": return String(correlationLookback)
        default: return nil
        }
    }

    /// Sets a rule from text: numbers (or `none` to switch a limit off) and `true`/`false`.
    public mutating func set(_ key: String, _ text: String) throws {
        func number() throws -> Double? {
            if text == "none" || text == "off" { return nil }
            guard let v = Double(text), v.isFinite, v >= 0 else { throw RiskConfigError.badValue(key: key, value: text, expected: "a number >= 0 or none") }
            return v
        }
        func whole() throws -> Int? {
            let v = try number()
            guard v.map({ $0 == $0.rounded() && $0 < 1e9 }) ?? true else {
                throw RiskConfigError.badValue(key: key, value: text, expected: "a whole number or none")
            }
            return v.map { Int($0) }
        }
        func flag() throws -> Bool {
            switch text {
            case "true", "on", "yes": return true
            case "false", "off", "no": return false
            default: throw RiskConfigError.badValue(key: key, value: text, expected: "true or false")
            }
        }
        switch key {
        case "buying_power": buyingPower = try flag()
        case "max_position_pct": maxPositionPct = try number()
        case "max_order_notional": maxOrderNotional = try number()
        case "price_collar_pct": priceCollarPct = try number()
        case "allow_short": allowShort = try flag()
        case "max_open_orders": maxOpenOrders = try whole()
        case "max_consecutive_losses": maxConsecutiveLosses = try whole()
        case "max_orders_per_minute": maxOrdersPerMinute = try whole()
        case "max_drawdown_pct":
            let v = try number()
            guard v.map({ $0 > 0 && $0 <= 100 }) ?? true else { throw RiskConfigError.badValue(key: key, value: text, expected: "a % above 0 and at most 100, or none") }
            maxDrawdownPct = v
        case "max_order_quantity": maxOrderQuantity = try number()
        case "min_price": minPrice = try number()
        case "restricted_symbols":
            restrictedSymbols = text == "none" || text.isEmpty ? [] : text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).uppercased() }
                .filter { !$0.isEmpty }
        case "max_correlation":
            let v = try number()
            guard v.map({ $0 <= 1 }) ?? true else { throw RiskConfigError.badValue(key: key, value: text, expected: "a correlation from 0 to 1, or none") }
            maxCorrelation = v
        case "correlation_lookback":
            guard let v = Int(text), v >= 2, v <= 100_000 else { throw RiskConfigError.badValue(key: key, value: text, expected: "a whole number of returns from 2 to 100000") }
            correlationLookback = v
        case "daily_loss_limit_pct": dailyLossLimitPct = try number()
        case "max_gross_exposure_pct": maxGrossExposurePct = try number()
        case "max_concentration_pct": maxConcentrationPct = try number()
        case "duplicate_window_seconds":
            guard let v = Int64(text), v >= 0 else { throw RiskConfigError.badValue(key: key, value: text, expected: "whole seconds >= 0") }
            duplicateWindowSeconds = v
        case "naked_short_options": allowNakedShortOptions = try flag()
        default: throw RiskConfigError.unknownKey(key)
        }
    }
}

public enum RiskConfigError: Error, Equatable, CustomStringConvertible {
    case unknownKey(String)
    case badValue(key: String, value: String, expected: String)

    public var description: String {
        switch self {
        case .unknownKey(let k):
            return "unknown risk rule '\(k)'; rules: " + RiskConfig.keys.map(\.key).joined(separator: ", ")
        case .badValue(let k, let v, let e): return "risk rule \(k): '\(v)' is not \(e)"
        }
    }
}
