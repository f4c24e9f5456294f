/// A price series: one row per bar, columns stored contiguously (structure of arrays),
/// oldest first. Missing values are NaN, never Optional, so indicator loops stay tight.
///
/// Time is seconds since 1970-01-01T00:00 in the data's own clock: daily bars sit at
/// midnight, intraday bars at their stated wall-clock time. No time zone is applied;
/// the source's zone is part of the dataset's description.
public struct Bars: Sendable, Equatable {
    public var symbol: String
    public var time: [Int64]
    public var open: [Double]
    public var high: [Double]
    public var low: [Double]
    public var close: [Double]
    public var volume: [Double]
    /// Dividend- (and split-) adjusted close where the source had one.
    public var adjClose: [Double]?

    public init(symbol: String, time: [Int64], open: [Double], high: [Double], low: [Double],
                close: [Double], volume: [Double], adjClose: [Double]? = nil) {
        self.symbol = symbol
        self.time = time
        self.open = open
        self.high = high
        self.low = low
        self.close = close
        self.volume = volume
        self.adjClose = adjClose
    }

    public var count: Int { time.count }

    /// The bars' times as a time axis named for the symbol: build it once per dataset and
    /// share it (`Series` of one dataset compare axes by identity first).
    public var axis: TimeAxis { TimeAxis(name: symbol, time: time) }
    public var isEmpty: Bool { time.isEmpty }

    /// True when any bar carries a time of day, i.e. the series is intraday.
    public var isIntraday: Bool { time.contains { $0 % 86_400 != 0 } }

    /// Column names in their canonical order; `adj_close` only when present.
    public var columnNames: [String] {
        adjClose == nil ? ["open", "high", "low", "close", "volume"]
                        : ["open", "high", "low", "close", "volume", "adj_close"]
    }

    /// A column by (lower-case) name, or nil when the dataset has no such column.
    public func column(_ name: String) -> [Double]? {
        switch name {
        case "open": return open
        case "high": return high
        case "low": return low
        case "close": return close
        case "volume": return volume
        case "adj_close", "adjclose": return adjClose
        default: return nil
        }
    }

    /// The rows whose time lies in `from...to` (inclusive), as a new dataset.
    public func slice(from: Int64, to: Int64) -> Bars {
        let lo = time.firstIndex { $0 >= from } ?? count
        let hi = (time.lastIndex { $0 <= to } ?? -1) + 1
        return rows(lo..<max(lo, hi))
    }

    /// A contiguous range of rows as a new dataset.
    public func rows(_ r: Range<Int>) -> Bars {
        let r = r.clamped(to: 0..<count)
        return Bars(symbol: symbol, time: Array(time[r]), open: Array(open[r]), high: Array(high[r]),
                    low: Array(low[r]), close: Array(close[r]), volume: Array(volume[r]),
                    adjClose: adjClose.map { Array($0[r]) })
    }
}
