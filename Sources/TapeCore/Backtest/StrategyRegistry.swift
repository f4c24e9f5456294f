import Foundation

/// A named numeric parameter of a built-in strategy.
public struct StrategyParameter: Sendable, Equatable {
    public var name: String
    public var defaultValue: Double
    public var help: String
    /// Whole numbers only (periods, counts, on/off flags).
    public var isInteger: Bool
    /// Smallest accepted value.
    public var minimum: Double
    /// Largest accepted value (nil: no limit).
    public var maximum: Double?

    public init(_ name: String, _ defaultValue: Double, _ help: String, integer: Bool = true, minimum: Double = 1,
                maximum: Double? = nil) {
        self.name = name
        self.defaultValue = defaultValue
        self.help = help
        self.isInteger = integer
        self.minimum = minimum
        self.maximum = maximum
    }

    /// `shorts`: whether the strategy may go short. Every built-in that can short takes it
    /// with the same default (`StrategyRegistry.shortsByDefault`), so no strategy shorts
    /// unless asked to, and the run states which it did (`Shorting`).
    static func shorts(_ help: String) -> StrategyParameter {
        StrategyParameter("shorts", StrategyRegistry.shortsByDefault ? 1 : 0, help, minimum: 0, maximum: 1)
    }
}

/// Whether a strategy trades one symbol or allocates across several.
public enum StrategyKind: String, Sendable {
    case singleSymbol = "single"
    case portfolio
}

/// One row of the strategy table: name, one-line help, parameters with defaults, and how
/// to build it. The `strategies` command, help and completion are generated from it.
public struct StrategyInfo: Sendable {
    public var name: String
    public var help: String
    public var kind: StrategyKind
    public var parameters: [StrategyParameter]
    /// Builds a single-symbol strategy from complete parameters (see `resolve`).
    let build: @Sendable (StrategyInputs, [String: Double]) throws -> SignalStrategy

    /// `name fast=10 slow=20` style usage line.
    public var usage: String {
        ([name] + parameters.map { "\($0.name)=\(StrategyRegistry.format($0.defaultValue))" }).joined(separator: " ")
    }

    /// Defaults overlaid with `given`; rejects unknown names, non-integers where integers
    /// are required, and values below a parameter's minimum, naming the parameter.
    public func resolve(_ given: [String: Double]) throws -> [String: Double] {
        var out: [String: Double] = [:]
        for p in parameters { out[p.name] = p.defaultValue }
        for (key, value) in given.sorted(by: { $0.key < $1.key }) {
            guard let p = parameters.first(where: { $0.name == key }) else {
                let hint = StrategyRegistry.nearest(key, among: parameters.map(\.name))
                throw BacktestError.invalidParameter("\(name) has no parameter '\(key)'"
                    + (hint.map { " (did you mean '\($0)'?)" } ?? "")
                    + (parameters.isEmpty ? "; it takes none" : "; it takes " + parameters.map(\.name).joined(separator: ", ")))
            }
            guard value.isFinite, value >= p.minimum else {
                throw BacktestError.invalidParameter("\(name) \(key) must be at least \(StrategyRegistry.format(p.minimum)), got \(StrategyRegistry.format(value))")
            }
            if let top = p.maximum, value > top {
                throw BacktestError.invalidParameter("\(name) \(key) must be at most \(StrategyRegistry.format(top)), got \(StrategyRegistry.format(value))")
            }
            guard !p.isInteger || (value == value.rounded() && value < 1e9) else {
                throw BacktestError.invalidParameter("\(name) \(key) must be a whole number, got \(StrategyRegistry.format(value))")
            }
            out[key] = value
        }
        return out
    }

    /// A strategy for `bars` with the given parameters (defaults for the rest), its
    /// indicators computed under `convention` (the backtest's `BacktestConfig.convention`).
    public func make(bars: Bars, parameters given: [String: Double] = [:], convention: Convention = .talib,
                     cache: IndicatorCache = IndicatorCache()) throws -> SignalStrategy {
        try make(StrategyInputs(bars: bars, convention: convention, cache: cache), parameters: given)
    }

    public func make(_ inputs: StrategyInputs, parameters given: [String: Double] = [:]) throws -> SignalStrategy {
        guard kind == .singleSymbol else {
            throw BacktestError.invalidStrategy("\(name) allocates across several symbols; run it as a portfolio")
        }
        return try build(inputs, try resolve(given))
    }
}

/// The built-in strategies.
public enum StrategyRegistry {
    public static let all: [StrategyInfo] = BuiltinStrategies.table

    public static var names: [String] { all.map(\.name) }

    /// The one default for shorting of every built-in that can short: off. A strategy
    /// goes short only when told (`shorts 1`), as a newcomer expects of a backtest, and
    /// as the long-only built-ins (trend_following, buy_and_hold) always are.
    public static let shortsByDefault = false

    /// The strategy called `name`, or an error suggesting the nearest name.
    public static func named(_ name: String) throws -> StrategyInfo {
        if let s = all.first(where: { $0.name == name.lowercased() }) { return s }
        throw BacktestError.unknownStrategy(name, suggestion: nearest(name, among: names))
    }

    /// One line per strategy: name, help, parameters with defaults.
    public static var listing: [String] {
        all.map { s in
            let params = s.parameters.map { "\($0.name) \(format($0.defaultValue))" }.joined(separator: ", ")
            return "\(s.name): \(s.help)" + (params.isEmpty ? "" : " [\(params)]")
        }
    }

    /// A parameter or setting for display: integers without a decimal point, others to 10
    /// significant digits (so 0.1 + 0.2 does not print as 0.30000000000000004).
    public static func format(_ x: Double) -> String { Format.number(x) }

    /// The closest candidate within edit distance 2, for "did you mean".
    static func nearest(_ word: String, among candidates: [String]) -> String? {
        EditDistance.nearest(word, in: candidates, limit: 2)
    }
}
