import Foundation
import TapeCore

/// What a model learns to predict at bar t, from bars after t. Every label records its
/// horizon (the bars after t it reads), which validation purges and embargoes by.
///
/// - `sign`: 1 when the log return over the horizon exceeds `band`, 0 when it is below
///   `-band`; inside the dead band the row has no label (NaN) and is left out of
///   training and scoring, so noise around zero is not taught as direction.
/// - `forwardReturn`: the log return over the horizon (regression).
/// - `barrier`: the triple barrier. From the close at t, 1 when the high reaches
///   `close·(1 + take)` before the low reaches `close·(1 - stop)`, 0 when the stop comes
///   first (both in one bar counts as the stop: the bar's path is unknown); when neither
///   is touched within the horizon (the time limit), the sign of the return at the limit.
public enum LabelSpec: Sendable, Equatable {
    case sign(horizon: Int, band: Double)
    case forwardReturn(horizon: Int)
    case barrier(take: Double, stop: Double, horizon: Int)

    public var horizon: Int {
        switch self {
        case .sign(let h, _), .forwardReturn(let h), .barrier(_, _, let h): return h
        }
    }

    public var isClassification: Bool {
        if case .forwardReturn = self { return false }
        return true
    }

    /// As the command line spells it: `sign horizon 5 band 0.2%`.
    public var description: String {
        switch self {
        case let .sign(h, band):
            return "sign horizon \(h)" + (band > 0 ? " band \(ModelText.percent(band))" : "")
        case let .forwardReturn(h):
            return "return horizon \(h)"
        case let .barrier(take, stop, h):
            return "barrier take \(ModelText.percent(take)) stop \(ModelText.percent(stop)) horizon \(h)"
        }
    }

    /// Refuses a horizon the data cannot hold.
    public func check(barCount: Int) throws {
        guard horizon >= 1 else { throw ModelError.invalidParameter("the label horizon must be at least 1 bar") }
        guard horizon < barCount - 1 else {
            throw ModelError.invalidData("the label horizon (\(horizon) bars) is longer than the data (\(barCount) bars)")
        }
    }

    /// One label per bar; NaN for the last `horizon` bars (their future is unknown) and
    /// inside a sign label's dead band.
    public func values(_ bars: Bars) -> [Double] {
        let n = bars.count, h = horizon
        var out = [Double](repeating: .nan, count: n)
        guard h >= 1, n > h else { return out }
        let c = bars.close
        switch self {
        case let .sign(_, band):
            for t in 0..<(n - h) where c[t] > 0 && c[t + h] > 0 {
                let r = log(c[t + h] / c[t])
                out[t] = r > band ? 1 : r < -band ? 0 : .nan
            }
        case .forwardReturn:
            for t in 0..<(n - h) where c[t] > 0 && c[t + h] > 0 { out[t] = log(c[t + h] / c[t]) }
        case let .barrier(take, stop, _):
            for t in 0..<(n - h) where c[t] > 0 && c[t + h] > 0 {
                let upper = c[t] * (1 + take), lower = c[t] * (1 - stop)
                var label: Double?
                for j in (t + 1)...(t + h) {
                    if bars.low[j] <= lower { label = 0; break }
                    if bars.high[j] >= upper { label = 1; break }
                }
                out[t] = label ?? (c[t + h] > c[t] ? 1 : 0)
            }
        }
        return out
    }

    /// The log return over the horizon at each bar (NaN at the end): what a prediction
    /// is judged against in the pictures and the regime table.
    public func forwardReturns(_ bars: Bars) -> [Double] {
        LabelSpec.forwardReturn(horizon: horizon).values(bars)
    }
}
