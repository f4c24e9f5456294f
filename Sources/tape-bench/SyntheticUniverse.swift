import Foundation
import TapeCore

/// A market-sized universe written as one CSV per symbol, shaped like the US market the
/// scale goals name (2,567 NYSE symbols × 22 years of daily bars): most symbols trade
/// from the first day to the last, some list late, some are delisted, some pause for a
/// few weeks (a halt), so every loader and scan sees symbols with their own dates.
///
/// Deterministic (SplitMix64 from `seed`), and written as fast as the disk takes it:
/// prices are formatted by hand as fixed-point decimals, since `String(format:)` over
/// 15 million rows would take the bench longer than everything it measures.
struct SyntheticUniverse {
    var symbols = 2567
    var years = 22
    var seed: UInt64 = 20
    /// Shares of symbols listed after the first day, delisted before the last, paused.
    var lateListing = 0.08, delisting = 0.06, halted = 0.05

    struct Summary {
        var files = 0, bars = 0, bytes = 0
        var late = 0, delisted = 0, withGaps = 0
        var first: Int64 = 0, last: Int64 = 0
    }

    static func symbol(_ i: Int) -> String {
        // Four letters, distinct for the first 26^4 symbols, in a scrambled order.
        var k = (i &* 7919) % (26 * 26 * 26 * 26), s = ""
        for _ in 0..<4 {
            s.append(Character(Unicode.Scalar(UInt8(65 + k % 26))))
            k /= 26
        }
        return s
    }

    /// Writes the files into `folder` (created) and says what it wrote.
    func write(to folder: String) throws -> Summary {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let end = CivilTime.timestamp(year: 2024, month: 12, day: 31)
        let start = CivilTime.timestamp(year: 2024 - years + 1, month: 1, day: 1)
        let days = USEquityCalendar.tradingDays(from: start, to: end)
        var rng = SplitMix64(seed: seed)
        func unit() -> Double { rng.unit() }
        var summary = Summary(first: days.first ?? 0, last: days.last ?? 0)
        var out = [UInt8]()
        out.reserveCapacity(days.count * 64)
        for i in 0..<symbols {
            var lo = 0, hi = days.count
            if unit() < lateListing { lo = Int(unit() * Double(days.count - 300)); summary.late += 1 }
            if unit() < delisting { hi = max(lo + 60, days.count - Int(unit() * Double(days.count - lo - 60))); summary.delisted += 1 }
            var gap = 0..<0
            if unit() < halted, hi - lo > 200 {
                let g = lo + 50 + Int(unit() * Double(hi - lo - 150))
                gap = g..<(g + 5 + Int(unit() * 55))
                summary.withGaps += 1
            }
            out.removeAll(keepingCapacity: true)
            out.append(contentsOf: Array("date,open,high,low,close,volume\n".utf8))
            // Prices in ten-thousandths: a random walk with a drift and a volatility of its own.
            var price = 5 + unit() * 300
            let vol = 0.008 + unit() * 0.03, drift = (unit() - 0.45) * 0.001
            for d in lo..<hi where !gap.contains(d) {
                let open = price * (1 + (unit() - 0.5) * vol * 0.5)
                let move = exp(drift + vol * (unit() + unit() + unit() - 1.5) * 2)
                price = max(0.01, price * move)
                let high = max(open, price) * (1 + unit() * vol * 0.5), low = min(open, price) * (1 - unit() * vol * 0.5)
                appendDate(days[d], to: &out)
                for p in [open, high, low, price] {
                    out.append(44)
                    appendFixed(p, to: &out)
                }
                out.append(44)
                appendInteger(Int64(1000 + unit() * 5_000_000), to: &out)
                out.append(10)
                summary.bars += 1
            }
            let url = URL(fileURLWithPath: folder + "/" + Self.symbol(i) + ".csv")
            try Data(out).write(to: url)
            summary.files += 1
            summary.bytes += out.count
        }
        return summary
    }

    private func appendDate(_ t: Int64, to out: inout [UInt8]) {
        let (y, m, d) = CivilTime.civil(days: t / 86_400)
        appendDigits(Int64(y), 4, to: &out)
        out.append(45)
        appendDigits(Int64(m), 2, to: &out)
        out.append(45)
        appendDigits(Int64(d), 2, to: &out)
    }

    /// Four decimals, as most vendors print prices.
    private func appendFixed(_ x: Double, to out: inout [UInt8]) {
        let units = Int64((x * 10_000).rounded())
        appendInteger(units / 10_000, to: &out)
        out.append(46)
        appendDigits(units % 10_000, 4, to: &out)
    }

    private func appendInteger(_ v: Int64, to out: inout [UInt8]) {
        var digits = 1, p: Int64 = 10
        while p <= v { digits += 1; p *= 10 }
        appendDigits(v, digits, to: &out)
    }

    private func appendDigits(_ v: Int64, _ n: Int, to out: inout [UInt8]) {
        var v = v
        let at = out.count
        out.append(contentsOf: repeatElement(48, count: n))
        for k in stride(from: n - 1, through: 0, by: -1) {
            out[at + k] = UInt8(48 + v % 10)
            v /= 10
        }
    }
}
