/// One statistic's value as exports render it.
public enum StatValue: Sendable, Equatable {
    /// A timestamp (seconds since 1970, naive).
    case time(Int64)
    /// A duration in calendar days (fractional for intraday data).
    case days(Double)
    case number(Double)
    case count(Int)

    /// The value as a number: days for durations, seconds since 1970 for times.
    public var doubleValue: Double {
        switch self {
        case .time(let t): return Double(t)
        case .days(let d): return d
        case .number(let x): return x
        case .count(let n): return Double(n)
        }
    }
}

/// A backtest's statistics (backtesting.py 0.6.6's set, `BacktestStatistics.compute`), one
/// typed field each; each field's name says its unit. Display names and formats belong to
/// the exports and printouts alone, through the one table `Statistics.fields`.
public struct Statistics: Sendable, Equatable, Codable {
    /// Bars measured; 0 for the statistics of no bars, which have no values at all.
    public var bars = 0
    /// First and last timestamps (naive seconds since 1970).
    public var start: Int64 = 0
    public var end: Int64 = 0
    /// End − start in calendar days.
    public var durationDays = Double.nan
    public var exposureTimePercent = Double.nan
    public var equityFinal = Double.nan
    public var equityPeak = Double.nan
    /// Commissions of the closed trades (the export leaves them out when 0).
    public var commissions = 0.0
    public var returnPercent = Double.nan
    public var buyAndHoldReturnPercent = Double.nan
    public var annualReturnPercent = Double.nan
    public var annualVolatilityPercent = Double.nan
    public var cagrPercent = Double.nan
    public var sharpeRatio = Double.nan
    public var sortinoRatio = Double.nan
    public var calmarRatio = Double.nan
    public var alphaPercent = Double.nan
    public var beta = Double.nan
    /// Drawdowns as negative percentages (-33.9 is a third below the peak).
    public var maxDrawdownPercent = Double.nan
    public var averageDrawdownPercent = Double.nan
    public var maxDrawdownDays = Double.nan
    public var averageDrawdownDays = Double.nan
    public var trades = 0
    public var winRatePercent = Double.nan
    public var bestTradePercent = Double.nan
    public var worstTradePercent = Double.nan
    public var averageTradePercent = Double.nan
    public var maxTradeDays = Double.nan
    public var averageTradeDays = Double.nan
    public var profitFactor = Double.nan
    public var expectancyPercent = Double.nan
    public var sqn = Double.nan
    public var kellyCriterion = Double.nan

    public init() {}

    /// One row of the display table: the name exports and printouts use (backtesting.py's
    /// key, its unit in brackets) and the field's value as they render it.
    public struct Field: Sendable {
        public let name: String
        let read: @Sendable (Statistics) -> StatValue?

        init(_ name: String, _ read: @escaping @Sendable (Statistics) -> StatValue?) {
            self.name = name
            self.read = read
        }

        /// The field's value in `s`; nil when `s` leaves it out.
        public func value(in s: Statistics) -> StatValue? { s.bars == 0 ? nil : read(s) }

        /// The value as a number (days for durations, seconds for times); NaN when absent.
        public func number(in s: Statistics) -> Double { value(in: s)?.doubleValue ?? .nan }

        /// Whether the value is a number an optimiser can maximise (not a date).
        public var isNumeric: Bool {
            if case .time? = read(Statistics.probe) { return false }
            return true
        }
    }

    /// A value with every field set, for asking a field its kind.
    static let probe: Statistics = {
        var s = Statistics()
        s.bars = 1
        s.commissions = 1
        return s
    }()

    /// Every statistic in backtesting.py's order: the one place that names them.
    public static let fields: [Field] = [
        Field("Start") { .time($0.start) },
        Field("End") { .time($0.end) },
        Field("Duration") { .days($0.durationDays) },
        Field("Exposure Time [%]") { .number($0.exposureTimePercent) },
        Field("Equity Final [$]") { .number($0.equityFinal) },
        Field("Equity Peak [$]") { .number($0.equityPeak) },
        Field("Commissions [$]") { $0.commissions != 0 ? .number($0.commissions) : nil },
        Field("Return [%]") { .number($0.returnPercent) },
        Field("Buy & Hold Return [%]") { .number($0.buyAndHoldReturnPercent) },
        Field("Return (Ann.) [%]") { .number($0.annualReturnPercent) },
        Field("Volatility (Ann.) [%]") { .number($0.annualVolatilityPercent) },
        Field("CAGR [%]") { .number($0.cagrPercent) },
        Field("Sharpe Ratio") { .number($0.sharpeRatio) },
        Field("Sortino Ratio") { .number($0.sortinoRatio) },
        Field("Calmar Ratio") { .number($0.calmarRatio) },
        Field("Alpha [%]") { .number($0.alphaPercent) },
        Field("Beta") { .number($0.beta) },
        Field("Max. Drawdown [%]") { .number($0.maxDrawdownPercent) },
        Field("Avg. Drawdown [%]") { .number($0.averageDrawdownPercent) },
        Field("Max. Drawdown Duration") { .days($0.maxDrawdownDays) },
        Field("Avg. Drawdown Duration") { .days($0.averageDrawdownDays) },
        Field("# Trades") { .count($0.trades) },
        Field("Win Rate [%]") { .number($0.winRatePercent) },
        Field("Best Trade [%]") { .number($0.bestTradePercent) },
        Field("Worst Trade [%]") { .number($0.worstTradePercent) },
        Field("Avg. Trade [%]") { .number($0.averageTradePercent) },
        Field("Max. Trade Duration") { .days($0.maxTradeDays) },
        Field("Avg. Trade Duration") { .days($0.averageTradeDays) },
        Field("Profit Factor") { .number($0.profitFactor) },
        Field("Expectancy [%]") { .number($0.expectancyPercent) },
        Field("SQN") { .number($0.sqn) },
        Field("Kelly Criterion") { .number($0.kellyCriterion) },
    ]

    /// The field shown as `name`, e.g. "Sharpe Ratio" (what `maximize` names).
    public static func field(named name: String) -> Field? { fields.first { $0.name == name } }

    /// (display name, value) of every statistic present, in order: what exports write.
    public var entries: [(key: String, value: StatValue)] {
        Self.fields.compactMap { f in f.value(in: self).map { (f.name, $0) } }
    }

    /// Display names of the statistics present, in order.
    public var keys: [String] { entries.map(\.key) }

    /// A value by display name, or nil when absent.
    public subscript(name: String) -> StatValue? { Self.field(named: name)?.value(in: self) }

    /// A value by display name as a number; NaN when absent.
    public func number(_ name: String) -> Double { self[name]?.doubleValue ?? .nan }
}
