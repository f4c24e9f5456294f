import TapeCore

/// A loaded series of bars under a name, with where it came from.
public final class Dataset {
    public let name: String
    public let bars: Bars
    public let axis: TimeAxis
    /// Where the bars came from, for `datasets` and for stating assumptions
    /// (e.g. "embedded sample (pandas-ta SPY_D.csv, MIT)", "file data/x.csv").
    public let source: String

    public init(name: String, bars: Bars, source: String) {
        self.name = name
        self.bars = bars
        self.source = source
        self.axis = TimeAxis(name: name, time: bars.time)
    }

    public func column(_ name: String) -> Series? {
        let key = name.lowercased()
        let canonical: String
        switch key {
        case "o": canonical = "open"
        case "h": canonical = "high"
        case "l": canonical = "low"
        case "c": canonical = "close"
        case "v": canonical = "volume"
        default: canonical = key
        }
        guard let v = bars.column(canonical) else { return nil }
        return Series(axis: axis, values: v, name: canonical)
    }

    public var range: String {
        guard let f = bars.time.first, let l = bars.time.last else { return "empty" }
        return "\(CivilTime.format(f))..\(CivilTime.format(l))"
    }
}
