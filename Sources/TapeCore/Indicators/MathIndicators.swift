import Foundation

/// TA-Lib's math transforms and operators: one value per bar from the same bar's inputs
/// (ACOS ... TANH, ADD ... DIV), the running sum (CUMSUM), and where the window's
/// extremes sit (MAXINDEX, MININDEX, MINMAX, MINMAXINDEX). MAX, MIN and SUM are with the
/// rolling statistics.
enum MathIndicators {
    static let real: [IndicatorInput] = [.series("real")]
    static let pair: [IndicatorInput] = [.series("a"), .series("b")]

    /// A per-bar function of one series: batch and stream apply the same closure.
    static func transform(_ name: String, _ summary: String, _ formula: String,
                          _ f: @escaping @Sendable (Double) -> Double) -> IndicatorSpec {
        IndicatorSpec(
            name: name, group: "Math", summary: summary, formula: formula, inputs: real, params: [], outputs: [name],
            conventionNote: "TA-Lib's math transform: applied bar by bar; outside the function's domain the value is NaN (or ±inf on overflow), as in C.",
            lookback: { _ in 0 },
            kernel: { x, _, _ in [x[0].map(f)] },
            stream: { _, _ in StateStream(()) { _, x in [f(x[0])] } })
    }

    /// A per-bar function of two series.
    static func op(_ name: String, _ summary: String, _ formula: String,
                   _ f: @escaping @Sendable (Double, Double) -> Double) -> IndicatorSpec {
        IndicatorSpec(
            name: name, group: "Math", summary: summary, formula: formula, inputs: pair, params: [], outputs: [name],
            conventionNote: "TA-Lib's math operator, bar by bar (TA-Lib's defaults feed it high and low).",
            lookback: { _ in 0 },
            kernel: { x, _, _ in [zip(x[0], x[1]).map(f)] },
            stream: { _, _ in StateStream(()) { _, x in [f(x[0], x[1])] } })
    }

    static let all: [IndicatorSpec] = [
        transform("acos", "arc cosine, in radians", "acos(x)") { acos($0) },
        transform("asin", "arc sine, in radians", "asin(x)") { asin($0) },
        transform("atan", "arc tangent, in radians", "atan(x)") { atan($0) },
        transform("ceil", "smallest whole number at or above", "ceil(x)") { $0.rounded(.up) },
        transform("cos", "cosine of x radians", "cos(x)") { cos($0) },
        transform("cosh", "hyperbolic cosine", "cosh(x)") { cosh($0) },
        transform("exp", "e to the power x", "exp(x)") { exp($0) },
        transform("floor", "largest whole number at or below", "floor(x)") { $0.rounded(.down) },
        transform("ln", "natural logarithm", "ln(x)") { log($0) },
        transform("log10", "base-10 logarithm", "log10(x)") { log10($0) },
        transform("sin", "sine of x radians", "sin(x)") { sin($0) },
        transform("sinh", "hyperbolic sine", "sinh(x)") { sinh($0) },
        transform("sqrt", "square root", "sqrt(x)") { $0.squareRoot() },
        transform("tan", "tangent of x radians", "tan(x)") { tan($0) },
        transform("tanh", "hyperbolic tangent", "tanh(x)") { tanh($0) },
        op("add", "sum of two series, bar by bar", "a + b") { $0 + $1 },
        op("sub", "difference of two series, bar by bar", "a - b") { $0 - $1 },
        op("mult", "product of two series, bar by bar", "a * b") { $0 * $1 },
        op("div", "quotient of two series, bar by bar", "a / b (±inf or NaN where b is 0, as in C)") { $0 / $1 },
        IndicatorSpec(
            name: "cumsum", group: "Math", summary: "running total from the first bar",
            formula: "cumsum = x[0] + x[1] + ... + x[i]", inputs: real, params: [], outputs: ["cumsum"],
            conventionNote: "TA-Lib's CUMSUM: path-dependent, it starts at the first bar given.",
            lookback: { _ in 0 },
            kernel: { x, _, _ in
                var total = 0.0
                return [x[0].map { total += $0; return total }]
            },
            stream: { _, _ in StateStream(0.0) { total, x in total += x[0]; return [total] } }),
        extremeIndex("maxindex", "bar index of the highest value over the window", highest: true),
        extremeIndex("minindex", "bar index of the lowest value over the window", highest: false),
        IndicatorSpec(
            name: "minmax", group: "Math", summary: "lowest and highest value over the window",
            formula: "min = min(x, n); max = max(x, n)", inputs: real,
            params: [.period(30)], outputs: ["min", "max"],
            lookback: { Int($0[0]) - 1 },
            kernel: { x, p, _ in [Kernels.rollingMin(x[0], Int(p[0])), Kernels.rollingMax(x[0], Int(p[0]))] },
            windowed: true),
        IndicatorSpec(
            name: "minmaxindex", group: "Math", summary: "bar indices of the lowest and highest value over the window",
            formula: "minidx, maxidx = index of min(x, n), index of max(x, n)",
            inputs: real, params: [.period(30)], outputs: ["minidx", "maxidx"],
            conventionNote: "Indices count bars from the first one the indicator was given (TA-Lib's convention).",
            lookback: { Int($0[0]) - 1 },
            kernel: { x, p, _ in
                let n = Int(p[0])
                return [extremeIndices(x[0], n, highest: false), extremeIndices(x[0], n, highest: true)]
            }),
    ]

    static func extremeIndex(_ name: String, _ summary: String, highest: Bool) -> IndicatorSpec {
        IndicatorSpec(
            name: name, group: "Math", summary: summary,
            formula: "index i - k of the \(highest ? "highest" : "lowest") x[i-k] over the last n bars",
            inputs: real, params: [.period(30)], outputs: [name],
            conventionNote: "Indices count bars from the first one the indicator was given (TA-Lib's convention).",
            lookback: { Int($0[0]) - 1 },
            kernel: { x, p, _ in [extremeIndices(x[0], Int(p[0]), highest: highest)] })
    }

    /// Where the window's extreme sits, tracked as TA-Lib's MAXINDEX/MININDEX track it: a
    /// rescan when the extreme leaves the window keeps the earliest of equal values, a new
    /// bar equal to the extreme takes over.
    static func extremeIndices(_ x: [Double], _ n: Int, highest: Bool) -> [Double] {
        var out = Kernels.nans(x.count)
        guard n >= 1, n - 1 < x.count else { return out }
        var at = -1
        var best = 0.0
        for i in (n - 1)..<x.count {
            let trailing = i - n + 1
            if at < trailing {
                at = trailing
                best = x[at]
                var j = trailing + 1
                while j <= i {
                    if highest ? x[j] > best : x[j] < best { best = x[j]; at = j }
                    j += 1
                }
            } else if highest ? x[i] >= best : x[i] <= best {
                best = x[i]
                at = i
            }
            out[i] = Double(at)
        }
        return out
    }
}
