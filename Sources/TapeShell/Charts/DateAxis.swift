import TapeCore

/// Tick marks for a time axis drawn by bar index.
///
/// Price charts put bar i at x = i (as quantmod does), so nights, weekends and holidays
/// leave no empty stretches; gnuplot's own time axis cannot know the trading calendar.
/// The ticks are therefore computed here: the smallest calendar step (1 minute ... 50
/// years) that gives at most `maxTicks` marks, each placed on the first bar of a new
/// step, labelled by the span shown: `HH:MM` intraday (with the date where the day
/// changes), `Mon DD` for days, `Mon YYYY` for months, `YYYY` for years.
public enum DateAxis {
    public struct Tick: Equatable, Sendable {
        public var index: Int
        public var label: String
    }

    enum Step {
        case seconds(Int64)
        case weeks(Int64)
        case months(Int)
        case years(Int)

        static let all: [Step] = [
            .seconds(60), .seconds(300), .seconds(900), .seconds(1800), .seconds(3600),
            .seconds(7200), .seconds(3 * 3600), .seconds(6 * 3600), .seconds(86_400),
            .seconds(2 * 86_400), .weeks(1), .weeks(2),
            .months(1), .months(2), .months(3), .months(6),
            .years(1), .years(2), .years(5), .years(10), .years(25), .years(50),
        ]

        /// Rough length in seconds, to skip steps far too fine for the span without
        /// scanning every bar for each of them.
        var nominalSeconds: Double {
            switch self {
            case let .seconds(s): return Double(s)
            case let .weeks(w): return Double(w) * 7 * 86_400
            case let .months(m): return Double(m) * 30.44 * 86_400
            case let .years(y): return Double(y) * 365.25 * 86_400
            }
        }

        /// Which step a time falls in; a tick goes where this changes.
        func key(_ t: Int64) -> Int64 {
            switch self {
            case let .weeks(w):
                // Weeks start on Monday: 1970-01-01 was a Thursday, so shift by 3 days.
                return CivilTime.floorDiv(CivilTime.day(t) + 3, 7 * w)
            case let .seconds(s):
                return CivilTime.floorDiv(t, s)
            case let .months(m):
                let (y, mo, _) = CivilTime.civil(days: CivilTime.day(t))
                return CivilTime.floorDiv(Int64(y) * 12 + Int64(mo - 1), Int64(m))
            case let .years(n):
                let (y, _, _) = CivilTime.civil(days: CivilTime.day(t))
                return CivilTime.floorDiv(Int64(y), Int64(n))
            }
        }
    }

    static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// Ticks for the bars `range` of `time` (ascending timestamps).
    public static func ticks(time: [Int64], range: Range<Int>, maxTicks: Int) -> [Tick] {
        let range = range.clamped(to: 0..<time.count)
        guard let first = range.first else { return [] }
        let maxTicks = max(2, maxTicks)
        let multiDay = CivilTime.day(time[first]) != CivilTime.day(time[range.upperBound - 1])
        let span = Double(time[range.upperBound - 1]) - Double(time[first])
        // Market hours and closures can cut the count of ticks well below span / step,
        // so only steps eight times too fine are skipped unscanned.
        // Daily bars (all at midnight) never get clock-time ticks.
        let daily = range.allSatisfy { time[$0] % 86_400 == 0 }
        for step in Step.all where span / step.nominalSeconds <= Double(8 * maxTicks) {
            if daily, case let .seconds(s) = step, s < 86_400 { continue }
            let at = boundaries(time, range, step)
            if at.isEmpty {
                // No step boundary inside the range: name the first bar in full.
                return [Tick(index: first, label: fullDate(time[first]))]
            }
            if at.count <= maxTicks {
                let marks = spaced(at, time: time, minGap: range.count / (3 * maxTicks))
                return label(marks, time: time, step: step, multiDay: multiDay)
            }
        }
        let step = Step.years(100)
        return label(boundaries(time, range, step), time: time, step: step, multiDay: multiDay)
    }

    private static func boundaries(_ time: [Int64], _ range: Range<Int>, _ step: Step) -> [Int] {
        var out: [Int] = []
        var previous = step.key(time[range.lowerBound])
        for i in range.dropFirst() {
            let k = step.key(time[i])
            if k != previous {
                out.append(i)
                previous = k
            }
        }
        return out
    }

    /// Drops a tick that would crowd the previous one, as when a session opens at 09:30
    /// and the next 2-hour step begins at 10:00; a tick that starts a new day wins.
    private static func spaced(_ marks: [Int], time: [Int64], minGap: Int) -> [Int] {
        func startsDay(_ i: Int) -> Bool {
            i == 0 || CivilTime.day(time[i]) != CivilTime.day(time[i - 1])
        }
        var out: [Int] = []
        for i in marks {
            if let last = out.last, i - last < minGap {
                if startsDay(i) && !startsDay(last) { out[out.count - 1] = i }
                continue
            }
            out.append(i)
        }
        return out
    }

    private static func label(_ marks: [Int], time: [Int64], step: Step, multiDay: Bool) -> [Tick] {
        var ticks: [Tick] = []
        var previousDay: Int64?
        var previousYear: Int?
        for i in marks {
            let t = time[i]
            let day = CivilTime.day(t)
            let (y, m, d) = CivilTime.civil(days: day)
            let monthDay = monthNames[m - 1] + " " + pad2(d)
            let text: String
            switch step {
            case .seconds(let s) where s < 86_400:
                let secs = t - day * 86_400
                let hhmm = pad2(Int(secs / 3600)) + ":" + pad2(Int(secs / 60 % 60))
                text = multiDay && previousDay != day ? monthDay + " " + hhmm : hhmm
            case .seconds, .weeks:
                text = previousYear == y ? monthDay : monthDay + " " + String(y)
            case .months:
                text = monthNames[m - 1] + " " + String(y)
            case .years:
                text = String(y)
            }
            ticks.append(Tick(index: i, label: text))
            previousDay = day
            previousYear = y
        }
        return ticks
    }

    private static func fullDate(_ t: Int64) -> String {
        let day = CivilTime.day(t), secs = t - day * 86_400
        let (y, m, d) = CivilTime.civil(days: day)
        let date = monthNames[m - 1] + " " + pad2(d) + " " + String(y)
        return secs == 0 ? date : date + " " + pad2(Int(secs / 3600)) + ":" + pad2(Int(secs / 60 % 60))
    }

    private static func pad2(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
}
