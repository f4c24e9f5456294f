/// What a built-in strategy computes from: one dataset's bars, the indicator convention and
/// the cache an optimisation's trials share. Every indicator comes from the catalogue
/// (`IndicatorCatalogue`) under that convention — the entries and rules an expression such
/// as `rsi(close, 14) < 30` evaluates — so a built-in and its `long when ...` spelling
/// compute the same numbers and trade alike (Tests/TapeShellTests/Backtest/BuiltinSpellingTests).
public struct StrategyInputs: Sendable {
    public let bars: Bars
    public let convention: Convention
    let cache: IndicatorCache

    public init(bars: Bars, convention: Convention = .talib, cache: IndicatorCache = IndicatorCache()) {
        self.bars = bars
        self.convention = convention
        self.cache = cache
    }

    /// Every output of catalogue indicator `name` with `params` given by position (the
    /// rest take their defaults), its series input being the bars' `column`. Computed once
    /// per cache; a parameter outside the catalogue's range is an `invalidParameter` error.
    func indicator(_ name: String, of column: IndicatorInput = .close, _ params: [Double]) throws -> [[Double]] {
        guard let spec = IndicatorCatalogue.named(name) else {
            throw BacktestError.invalidStrategy("the indicator catalogue has no '\(name)'")
        }
        let resolved: [Double]
        do {
            resolved = try IndicatorCatalogue.resolve(spec, positional: params, keyword: [:])
        } catch {
            throw BacktestError.invalidParameter("\(error)")
        }
        let key = "\(name)(\(column.name), \(resolved.map { "\($0)" }.joined(separator: ", "))) \(convention.rawValue)"
        return cache.outputs(key) {
            spec.compute(on: bars, series: bars.values(of: column), params: resolved, convention: convention)
        }
    }

    /// The first (or only) output of an indicator whose parameters are periods.
    func series(_ name: String, of column: IndicatorInput = .close, _ periods: Int...) throws -> [Double] {
        try indicator(name, of: column, periods.map(Double.init)).first ?? Kernels.nans(bars.count)
    }
}

extension IndicatorSpec {
    /// The indicator on a dataset: each series input is `series` (the close when not
    /// given), every other input the bars' column of that name.
    public func compute(on bars: Bars, series: [Double]? = nil, params: [Double], convention: Convention) -> [[Double]] {
        compute(inputs.map { input in
            if case .series = input { return series ?? bars.close }
            return bars.values(of: input)
        }, params, convention)
    }
}

extension Bars {
    /// The column an indicator input names; the close for a series input.
    func values(of input: IndicatorInput) -> [Double] {
        switch input {
        case .series, .close: return close
        case .open: return open
        case .high: return high
        case .low: return low
        case .volume: return volume
        case .time: return time.map { Double($0) }
        }
    }
}
