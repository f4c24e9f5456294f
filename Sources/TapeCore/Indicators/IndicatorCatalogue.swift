/// The indicator catalogue: one table that drives computing, streaming, help and completion.
///
/// Every entry follows TA-Lib's definitions (docs/INDICATORS.md states each convention);
/// `Convention.tradingview` switches the EMA- and RMA-based ones to TradingView's Pine rules,
/// `Convention.pandas` the SMA to pandas' rolling mean.

/// Which library's rules to follow where TA-Lib, TradingView and pandas disagree. The
/// built-in strategies and the ATR stops of a backtest follow it too (`BacktestConfig`), so
/// a built-in and its `long when ...` spelling compute the same numbers.
public enum Convention: String, CaseIterable, Sendable {
    /// TA-Lib default compatibility mode: EMAs seeded with the SMA of their first n inputs.
    case talib
    /// TradingView Pine: `ta.ema` seeded with the first input, `ta.rma` for RSI/ATR/DMI.
    case tradingview
    /// pandas (what backtesting.py's examples use): `sma` is `Series.rolling(n).mean()` to
    /// the bit (`PandasRollingMean`); every other indicator as under `talib`.
    case pandas
}

/// One numeric parameter of an indicator, with its default and allowed range.
public struct IndicatorParam: Sendable {
    public let name: String
    /// TA-Lib's spelling (`timeperiod`, `nbdevup`, `slowk_matype`), accepted as a keyword
    /// alongside `name` so calls written for TA-Lib's Python wrapper work unchanged.
    public let talibName: String?
    public let defaultValue: Double
    public let min: Double
    public let max: Double
    public let isInteger: Bool
    public let help: String
    /// A modifier (a `matype`, vwap's `anchor`): left out of a result's label while it
    /// keeps its default and nothing after it is shown, so `bbands(close, 20, 2, 2)` reads
    /// as it did before BBANDS took a matype.
    public let isModifier: Bool

    public init(name: String, talibName: String? = nil, defaultValue: Double, min: Double, max: Double,
                isInteger: Bool, help: String, isModifier: Bool = false) {
        self.name = name
        self.talibName = talibName
        self.defaultValue = defaultValue
        self.min = min
        self.max = max
        self.isInteger = isInteger
        self.help = help
        self.isModifier = isModifier
    }

    /// Whether `key` names this parameter, by its own name or TA-Lib's.
    public func answers(to key: String) -> Bool {
        let k = key.lowercased()
        return k == name || k == talibName
    }

    /// A window length. The upper bound keeps every derived lookback far from overflow.
    /// A parameter called `period` is TA-Lib's `timeperiod` unless told otherwise.
    static func period(_ value: Double, name: String = "period", talib: String? = nil, min: Double = 2,
                       help: String = "window length in bars") -> IndicatorParam {
        IndicatorParam(name: name, talibName: talib ?? (name == "period" ? "timeperiod" : nil), defaultValue: value,
                       min: min, max: 100_000, isInteger: true, help: help)
    }

    static func real(_ name: String, _ value: Double, talib: String? = nil, min: Double, max: Double, help: String) -> IndicatorParam {
        IndicatorParam(name: name, talibName: talib, defaultValue: value, min: min, max: max, isInteger: false, help: help)
    }

    /// TA-Lib's `matype`: which of its moving averages (`MAType`, 0...13) a function uses.
    static func maType(_ name: String = "matype", talib: String? = nil, default value: MAType = .sma,
                       help: String = "moving average type") -> IndicatorParam {
        IndicatorParam(name: name, talibName: talib, defaultValue: Double(value.rawValue), min: 0,
                       max: Double(MAType.allCases.count - 1), isInteger: true, help: help + ": " + MAType.legend,
                       isModifier: true)
    }
}

/// Where an indicator's input comes from.
public enum IndicatorInput: Sendable, Equatable {
    /// A series the user passes, e.g. "real".
    case series(String)
    case open, high, low, close, volume, time

    public var name: String {
        switch self {
        case .series(let s): return s
        case .open: return "open"
        case .high: return "high"
        case .low: return "low"
        case .close: return "close"
        case .volume: return "volume"
        case .time: return "time"
        }
    }
}

/// A streaming indicator: push one bar at a time, get that bar's outputs.
public protocol IndicatorStream: AnyObject {
    /// One value per declared input; returns one value per output (NaN during warm-up).
    func push(_ inputs: [Double]) -> [Double]
}

/// How an indicator streams.
public enum StreamKind: String, Sendable {
    /// Bar-by-bar state, O(1) per bar.
    case incremental
    /// Keeps the last `window` bars and recomputes over them: O(window) per bar, exact for
    /// indicators whose value depends only on that window (no running totals or recursion).
    case windowed
    /// Recomputes over the whole buffered history: O(n) per bar; for rarely streamed ones.
    case recompute
}

/// A wrong parameter or argument, described in one line naming the indicator.
public struct IndicatorError: Error, CustomStringConvertible, Equatable {
    public let description: String
    public init(_ description: String) { self.description = description }
}

public typealias IndicatorCompute = @Sendable (_ inputs: [[Double]], _ params: [Double], _ convention: Convention) -> [[Double]]
public typealias IndicatorStreamFactory = @Sendable (_ params: [Double], _ convention: Convention) -> IndicatorStream
/// An entry's incremental stream, or nil for parameters it has no incremental state for
/// (STOCH with a non-SMA `matype`), which then stream by recomputing.
typealias IncrementalStreamMaker = @Sendable (_ params: [Double], _ convention: Convention) -> IndicatorStream?

public struct IndicatorSpec: Sendable {
    /// TA-Lib name in lower case: "rsi", "bbands", "cdldoji".
    public let name: String
    /// Overlap, Momentum, Volatility, Volume, Price, Statistic, Pattern, Channel.
    public let group: String
    /// One line: what it measures.
    public let summary: String
    /// Formula summary for `help NAME`.
    public let formula: String
    /// `.series` inputs are passed by the user first, in order; the others come from the dataset.
    public let inputs: [IndicatorInput]
    public let params: [IndicatorParam]
    /// Output names in TA-Lib order.
    public let outputs: [String]
    /// Which rule it follows (TA-Lib vs TradingView), for help.
    public let conventionNote: String
    /// Leading bars without output under the TA-Lib convention (see `lookback(_:_:)`).
    public let lookback: @Sendable (_ params: [Double]) -> Int
    /// One array per output, same length as the inputs, NaN for warm-up. Never traps:
    /// leading bars where any input is NaN are skipped (the indicator starts after them,
    /// as TA-Lib's Python wrapper does); wrong shapes or parameters give all-NaN output.
    public let compute: IndicatorCompute
    public let makeStream: IndicatorStreamFactory
    /// True when `makeStream` keeps real incremental state (O(1) per bar).
    public var isIncremental: Bool { streaming == .incremental }
    /// How `makeStream` works; every kind returns exactly what `compute` returns.
    public let streaming: StreamKind
    let lookbackTradingView: (@Sendable (_ params: [Double]) -> Int)?

    /// Leading bars without output under `convention` (TradingView's `ta.ema` starts at bar 0).
    public func lookback(_ params: [Double], _ convention: Convention) -> Int {
        if convention == .tradingview, let tv = lookbackTradingView { return tv(params) }
        return lookback(params)
    }

    /// The parameters a result's label shows: all but the trailing modifiers left at their
    /// default.
    public func labelParams(_ values: [Double]) -> [Double] {
        var count = min(values.count, params.count)
        while count > 0, params[count - 1].isModifier, values[count - 1] == params[count - 1].defaultValue { count -= 1 }
        return Array(values.prefix(count))
    }

    /// The series inputs the user passes, by name.
    public var seriesInputs: [String] {
        inputs.compactMap { if case .series(let s) = $0 { return s } else { return nil } }
    }

    /// Builds an entry whose compute and stream are wrapped by `IndicatorGuard`, so the
    /// kernels behind it may assume well-formed inputs with no leading NaN.
    init(name: String, group: String, summary: String, formula: String,
         inputs: [IndicatorInput], params: [IndicatorParam], outputs: [String],
         conventionNote: String = "TA-Lib definition; the same under both conventions.",
         lookback: @escaping @Sendable ([Double]) -> Int,
         lookbackTradingView: (@Sendable ([Double]) -> Int)? = nil,
         kernel: @escaping IndicatorCompute,
         stream: IncrementalStreamMaker? = nil,
         windowed: Bool = false) {
        self.name = name
        self.group = group
        self.summary = summary
        self.formula = formula
        self.inputs = inputs
        self.params = params
        self.outputs = outputs
        self.conventionNote = conventionNote
        self.lookback = lookback
        self.lookbackTradingView = lookbackTradingView
        // A windowed stream keeps exactly the bars one output depends on.
        let windowLength: @Sendable ([Double]) -> Int = { params in lookback(params) + 1 }
        let window = windowed ? windowLength : nil
        let shape = IndicatorGuard(name: name, inputCount: inputs.count, params: params,
                                   outputCount: outputs.count, lookback: lookback,
                                   lookbackTradingView: lookbackTradingView, kernel: kernel)
        self.compute = { shape.compute($0, $1, $2) }
        self.streaming = stream != nil ? .incremental : (window != nil ? .windowed : .recompute)
        self.makeStream = { params, convention in shape.stream(params, convention, incremental: stream, window: window) }
    }
}

public enum IndicatorCatalogue {
    /// Every indicator, grouped as in docs/INDICATORS.md.
    public static let all: [IndicatorSpec] =
        OverlapIndicators.all + MovingAverageIndicators.all + MomentumIndicators.all + OscillatorIndicators.all
        + DirectionalIndicators.all + VolatilityIndicators.all + RangeIndicators.all + VolumeIndicators.all
        + VolumeFlowIndicators.all + PriceIndicators.all + StatisticIndicators.all + MathIndicators.all
        + CycleIndicators.all + ChannelIndicators.all + CandlestickIndicators.all + CandlestickPatterns.all
        + CandlestickMultiPatterns.all

    private static let byName: [String: IndicatorSpec] = {
        var table: [String: IndicatorSpec] = [:]
        for spec in all { table[spec.name] = spec }
        return table
    }()

    public static func named(_ name: String) -> IndicatorSpec? { byName[name.lowercased()] }

    /// Fills defaults and checks ranges; throws IndicatorError whose description reads
    /// e.g. "rsi: period must be at least 2, got 0".
    public static func resolve(_ spec: IndicatorSpec, positional: [Double], keyword: [String: Double]) throws -> [Double] {
        if positional.count > spec.params.count {
            let names = spec.params.map(\.name).joined(separator: ", ")
            throw IndicatorError("\(spec.name): takes at most \(spec.params.count) parameter\(spec.params.count == 1 ? "" : "s")"
                + (names.isEmpty ? "" : " (\(names))") + ", got \(positional.count)")
        }
        var values = spec.params.map(\.defaultValue)
        var given = Array(repeating: false, count: spec.params.count)
        for (i, v) in positional.enumerated() { values[i] = v; given[i] = true }
        for key in keyword.keys.sorted() {
            guard let i = spec.params.firstIndex(where: { $0.answers(to: key) }), let v = keyword[key] else {
                let names = spec.params.map(\.name).joined(separator: ", ")
                throw IndicatorError("\(spec.name): no parameter named '\(key)'" + (names.isEmpty ? "" : " (it has \(names))"))
            }
            if given[i] { throw IndicatorError("\(spec.name): \(spec.params[i].name) given twice") }
            values[i] = v
            given[i] = true
        }
        for (p, v) in zip(spec.params, values) {
            try check(spec.name, p, v)
        }
        return values
    }

    static func check(_ name: String, _ p: IndicatorParam, _ v: Double) throws {
        guard v.isFinite else { throw IndicatorError("\(name): \(p.name) must be a finite number, got \(v)") }
        if v < p.min { throw IndicatorError("\(name): \(p.name) must be at least \(format(p.min)), got \(format(v))") }
        if v > p.max { throw IndicatorError("\(name): \(p.name) must be at most \(format(p.max)), got \(format(v))") }
        if p.isInteger && v.rounded() != v { throw IndicatorError("\(name): \(p.name) must be a whole number, got \(format(v))") }
    }

    /// A parameter value for help and messages: whole numbers without a trailing ".0".
    public static func describe(_ v: Double) -> String { format(v) }

    /// Whole numbers without a trailing ".0", so messages read "got 0", not "got 0.0";
    /// others exactly as given (a message must not round 2.0000000001 to "2").
    static func format(_ v: Double) -> String { Format.exact(v) }
}
