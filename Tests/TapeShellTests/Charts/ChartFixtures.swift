import Foundation
import TapeCore
import TapeTestSupport
@testable import TapeShell

/// Fixed real inputs for the chart tests (Tests/Fixtures/charts, see PROVENANCE.md) and
/// one chart of each kind built from them.
enum ChartFixtures {
    static let directory = Repository.fixtures("charts")

    /// Columns of a CSV fixture by header name.
    static func columns(_ file: String) throws -> [String: [String]] {
        let text = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
        let lines = text.split(whereSeparator: \.isNewline)
        guard let header = lines.first?.split(separator: ",", omittingEmptySubsequences: false).map(String.init) else { return [:] }
        var out: [String: [String]] = [:]
        for line in lines.dropFirst() {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false)
            for (i, name) in header.enumerated() { out[name, default: []].append(i < cells.count ? String(cells[i]) : "") }
        }
        return out
    }

    static func numbers(_ cells: [String]?) -> [Double] { (cells ?? []).map { Double($0) ?? .nan } }

    static func bars(_ file: String, symbol: String) throws -> Bars {
        let c = try columns(file)
        let time = (c["date"] ?? []).map { CivilTime.parse(Substring($0)) ?? 0 }
        return Bars(symbol: symbol, time: time, open: numbers(c["open"]), high: numbers(c["high"]),
                    low: numbers(c["low"]), close: numbers(c["close"]), volume: numbers(c["volume"]))
    }

    static func returns(_ close: [Double]) -> [Double] {
        zip(close.dropFirst(), close).map { $0 / $1 - 1 }
    }

    static func sma(_ v: [Double], _ n: Int) -> [Double] {
        var out = [Double](repeating: .nan, count: v.count)
        var sum = 0.0
        for i in v.indices {
            sum += v[i]
            if i >= n { sum -= v[i - n] }
            if i >= n - 1 { out[i] = sum / Double(n) }
        }
        return out
    }

    /// Reference statistics computed with numpy (stats_reference.csv).
    static func reference() throws -> [String: Double] {
        let c = try columns("stats_reference.csv")
        return Dictionary(uniqueKeysWithValues: zip(c["quantity"] ?? [], numbers(c["value"])))
    }

    /// Black-Scholes call value and delta, only to give the payoff and Greek charts
    /// realistic curves (the pricing itself is tested where it is implemented).
    static func blackScholesCall(spot: Double, strike: Double, years: Double, vol: Double, rate: Double) -> (value: Double, delta: Double) {
        let sd = vol * years.squareRoot()
        let d1 = (log(spot / strike) + (rate + vol * vol / 2) * years) / sd
        let n = { (x: Double) in 0.5 * erfc(-x / 2.0.squareRoot()) }
        return (spot * n(d1) - strike * exp(-rate * years) * n(d1 - sd), n(d1))
    }

    /// A skewed smile: vol = base + curvature * m² - skew * m with m = ln(K/S), flattening
    /// with time, in the shape equity index smiles take.
    static func smileVol(strike: Double, spot: Double, days: Double) -> Double {
        let m = log(strike / spot), scale = (30 / days).squareRoot()
        return 0.18 + 0.02 * (days / 365) + (0.9 * m * m - 0.25 * m) * scale
    }

    static func price() throws -> PriceChart {
        let spy = try bars("SPY_2019-2020.csv", symbol: "SPY")
        let momentum = spy.close.indices.map { $0 >= 10 ? (spy.close[$0] / spy.close[$0 - 10] - 1) * 100 : .nan }
        return PriceChart(spy, overlays: [ChartSeries("sma 20", sma(spy.close, 20)), ChartSeries("sma 50", sma(spy.close, 50))],
                          panels: [PriceChart.Panel(title: "momentum 10 (%)", series: [ChartSeries("mom 10", momentum)], levels: [0])])
    }

    static func intraday() throws -> PriceChart {
        let spx = try bars("SPX_1min_2019-11-05.csv", symbol: "SPX 1 min")
        var chart = PriceChart(spx, overlays: [ChartSeries("sma 30", sma(spx.close, 30))], volume: false)
        chart.barStyle = .ohlc
        return chart
    }

    static func equity() throws -> EquityChart {
        let c = try columns("GOOG_smacross_equity.csv")
        let time = (c["date"] ?? []).map { CivilTime.parse(Substring($0)) ?? 0 }
        return EquityChart(title: "GOOG sma cross", time: time, equity: numbers(c["equity"]))
    }

    static func histogram() throws -> HistogramChart {
        let spy = try bars("SPY_2016-2017.csv", symbol: "SPY")
        return HistogramChart(title: "SPY daily returns", name: "SPY return", values: returns(spy.close))
    }

    static func scatter() throws -> ScatterChart {
        let spy = try bars("SPY_2016-2017.csv", symbol: "SPY"), qqq = try bars("QQQ_2016-2017.csv", symbol: "QQQ")
        return ScatterChart(title: "QQQ against SPY", x: ChartSeries("SPY return", returns(spy.close)),
                            y: ChartSeries("QQQ return", returns(qqq.close)))
    }

    /// Total return of holding SPY while sma(fast) > sma(slow), over a grid of lengths.
    static func heatmap() throws -> HeatmapChart {
        let close = try bars("SPY_2019-2020.csv", symbol: "SPY").close
        let fasts = [5.0, 10, 15, 20, 25], slows = [30.0, 40, 50, 60, 80, 100]
        let grid = slows.map { slow in
            fasts.map { fast -> Double in
                let f = sma(close, Int(fast)), s = sma(close, Int(slow))
                var growth = 1.0
                for i in 1..<close.count where f[i - 1] > s[i - 1] { growth *= close[i] / close[i - 1] }
                return (growth - 1) * 100
            }
        }
        return HeatmapChart(title: "SPY sma cross, total return %", xName: "fast", yName: "slow", zName: "return %",
                            xValues: fasts, yValues: slows, z: grid)
    }

    static let payoffSpots = stride(from: 60.0, through: 150, by: 1.0).map { $0 }

    /// A long straddle at 100 bought for 4 + 3.5: breakevens 92.5 and 107.5.
    static func payoff() -> PayoffChart {
        let spots = payoffSpots
        let cost = 7.5
        let expiry = spots.map { abs($0 - 100) - cost }
        let today = spots.map { s -> Double in
            let call = blackScholesCall(spot: s, strike: 100, years: 0.25, vol: 0.25, rate: 0.04).value
            let put = call - s + 100 * exp(-0.04 * 0.25)
            return call + put - cost
        }
        return PayoffChart(title: "long straddle K=100", spot: spots, atExpiry: expiry, today: today, spotNow: 100)
    }

    static func greek() -> GreekChart {
        let spots = payoffSpots
        let series = [7.0, 30, 90].map { days in
            ChartSeries("\(Int(days))d", spots.map { blackScholesCall(spot: $0, strike: 105, years: days / 365, vol: 0.25, rate: 0.04).delta })
        }
        return GreekChart(title: "call delta, K=105, vol 25%", greek: "delta", spot: spots, series: series, strike: 105)
    }

    static let strikes = stride(from: 70.0, through: 130, by: 5.0).map { $0 }

    static func smile() -> SmileChart {
        let curves = [14.0, 45, 90, 180].map { days in
            SmileChart.Curve(name: "\(Int(days))d", strikes: strikes, vols: strikes.map { smileVol(strike: $0, spot: 100, days: days) })
        }
        return SmileChart(title: "implied volatility smile", curves: curves, spot: 100)
    }

    static func surface() -> SurfaceChart {
        let days = [14.0, 30, 45, 60, 90, 120, 180, 270, 365]
        return SurfaceChart(title: "implied volatility surface", strikes: strikes, expiries: days,
                            vols: days.map { d in strikes.map { smileVol(strike: $0, spot: 100, days: d) } })
    }

    static func correlation() throws -> CorrelationChart {
        let series = try ["SPY", "QQQ", "MSFT", "IBM"].map { s in
            ChartSeries(s, returns(try bars("\(s)_2016-2017.csv", symbol: s).close))
        }
        return CorrelationChart(title: "daily return correlation 2016-2017", series: series)
    }

    /// Two made-up event-study paths over -5..20 bars, one with wider bands.
    static func event() -> EventChart {
        let offsets = Array(-5...20)
        let up = offsets.map { $0 < 0 ? 0.001 * Double($0) : 0.002 * Double($0) }, down = offsets.map { -0.0015 * Double(max(0, $0)) }
        return EventChart(title: "event study", offsets: offsets,
                          paths: [.init(name: "after positive (25)", mean: up, band: offsets.map { 0.004 + 0.001 * Double(abs($0)) }),
                                  .init(name: "after negative (24)", mean: down, band: offsets.map { 0.006 + 0.0015 * Double(abs($0)) })])
    }

    /// One chart of every kind, named for the tests.
    static func all() throws -> [(String, ChartSpec)] {
        [("price", .price(try price())), ("intraday", .price(try intraday())), ("equity", .equity(try equity())),
         ("histogram", .histogram(try histogram())), ("scatter", .scatter(try scatter())),
         ("heatmap", .heatmap(try heatmap())), ("payoff", .payoff(payoff())), ("greek", .greek(greek())),
         ("smile", .smile(smile())), ("surface", .surface(surface())), ("correlation", .correlation(try correlation())),
         ("event", .event(event()))]
    }
}
