/// The one time axis: timestamps in seconds since 1970 in the data's own clock (as
/// `Bars.time`), oldest first. Dataset columns, expression results, backtest curves and
/// charts over time all sit on one (`Series`). A class so the series of one dataset share
/// it and alignment (`Align`) can test identity before comparing times.
public final class TimeAxis: Sendable, Equatable {
    public let name: String
    public let time: [Int64]

    public init(name: String, time: [Int64]) {
        self.name = name
        self.time = time
    }

    public var count: Int { time.count }

    /// The same timestamps (the name is a label, not part of the axis).
    public static func == (a: TimeAxis, b: TimeAxis) -> Bool { a === b || a.time == b.time }
}

/// Values on one time axis, contiguous, NaN for missing or warm-up positions.
public struct Series: Sendable, Equatable {
    public var axis: TimeAxis
    public var values: [Double]
    public var name: String

    public init(axis: TimeAxis, values: [Double], name: String) {
        self.axis = axis
        self.values = values
        self.name = name
    }
}
