/// Moves a series onto another time axis by exact timestamp match (a merge of two sorted
/// lists, O(n + m)); times the source lacks become NaN. This is what lets `QQQ.close`
/// be used while SPY is the current dataset, and a chart draw another symbol's returns.
public enum Align {
    public static func values(_ values: [Double], from source: TimeAxis, to target: TimeAxis) -> [Double] {
        if source === target { return values }
        let s = source.time, t = target.time
        if s == t { return values }
        var out = [Double](repeating: .nan, count: t.count)
        var i = 0
        for (j, time) in t.enumerated() {
            while i < s.count, s[i] < time { i += 1 }
            if i < s.count, s[i] == time, i < values.count { out[j] = values[i] }
        }
        return out
    }

    public static func series(_ x: Series, to target: TimeAxis) -> Series {
        Series(axis: target, values: values(x.values, from: x.axis, to: target), name: x.name)
    }
}
