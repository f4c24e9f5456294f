/// The safety layer around every indicator kernel, shared by batch and streaming so both
/// see the same bars: it checks shapes and parameters (never trapping on bad ones), skips
/// leading bars where any input is NaN (a chained `sma(ema(close, 10), 5)` starts where its
/// input does, as TA-Lib's Python wrapper does), and gives all-NaN output when fewer bars
/// than the lookback remain.
struct IndicatorGuard: Sendable {
    let name: String
    let inputCount: Int
    let params: [IndicatorParam]
    let outputCount: Int
    let lookback: @Sendable ([Double]) -> Int
    let lookbackTradingView: (@Sendable ([Double]) -> Int)?
    let kernel: IndicatorCompute

    func paramsValid(_ values: [Double]) -> Bool {
        guard values.count == params.count else { return false }
        for (p, v) in zip(params, values) where (try? IndicatorCatalogue.check(name, p, v)) == nil { return false }
        return true
    }

    func nanOutputs(_ n: Int) -> [[Double]] {
        Array(repeating: Array(repeating: Double.nan, count: n), count: outputCount)
    }

    func warmup(_ params: [Double], _ convention: Convention) -> Int {
        if convention == .tradingview, let tv = lookbackTradingView { return tv(params) }
        return lookback(params)
    }

    /// The kernel on inputs that start with a finite bar; all-NaN when too short.
    func core(_ inputs: [[Double]], _ params: [Double], _ convention: Convention) -> [[Double]] {
        let n = inputs.first?.count ?? 0
        guard n > warmup(params, convention) else { return nanOutputs(n) }
        let out = kernel(inputs, params, convention)
        guard out.count == outputCount, out.allSatisfy({ $0.count == n }) else { return nanOutputs(n) }
        return out
    }

    func compute(_ inputs: [[Double]], _ params: [Double], _ convention: Convention) -> [[Double]] {
        let n = inputs.first?.count ?? 0
        guard inputs.count == inputCount, inputs.allSatisfy({ $0.count == n }), paramsValid(params) else {
            return nanOutputs(n)
        }
        var start = 0
        while start < n && inputs.contains(where: { $0[start].isNaN }) { start += 1 }
        if start == 0 { return core(inputs, params, convention) }
        if start == n { return nanOutputs(n) }
        let tail = core(inputs.map { Array($0[start...]) }, params, convention)
        return tail.map { Array(repeating: Double.nan, count: start) + $0 }
    }

    func stream(_ params: [Double], _ convention: Convention, incremental: IncrementalStreamMaker?,
                window: (@Sendable ([Double]) -> Int)?) -> IndicatorStream {
        guard paramsValid(params) else { return GuardedStream(inputCount: inputCount, outputCount: outputCount, make: nil) }
        let make: () -> IndicatorStream
        if let incremental, incremental(params, convention) != nil {
            make = { incremental(params, convention) ?? BufferedStream(inputCount: inputCount, compute: { core($0, params, convention) }) }
        } else if let window {
            let length = window(params)
            make = { BufferedStream(inputCount: inputCount, keep: length, compute: { core($0, params, convention) }) }
        } else {
            make = { BufferedStream(inputCount: inputCount, compute: { core($0, params, convention) }) }
        }
        return GuardedStream(inputCount: inputCount, outputCount: outputCount, make: make)
    }
}

/// Outputs NaN until the first bar whose inputs are all finite, then starts the inner
/// stream there, mirroring `IndicatorGuard.compute`'s skipping of leading NaN bars.
final class GuardedStream: IndicatorStream {
    let inputCount: Int
    let outputCount: Int
    let make: (() -> IndicatorStream)?
    var inner: IndicatorStream?

    init(inputCount: Int, outputCount: Int, make: (() -> IndicatorStream)?) {
        self.inputCount = inputCount
        self.outputCount = outputCount
        self.make = make
    }

    func push(_ inputs: [Double]) -> [Double] {
        let nan = Array(repeating: Double.nan, count: outputCount)
        guard inputs.count == inputCount, let make else { return nan }
        if inner == nil {
            if inputs.contains(where: { $0.isNaN }) { return nan }
            inner = make()
        }
        guard let out = inner?.push(inputs), out.count == outputCount else { return nan }
        return out
    }
}

/// Streaming by recomputing the batch kernel at each bar, over the whole history or only
/// the last `keep` bars (for indicators whose value depends on that window alone): exact
/// agreement with `compute`, at O(history) or O(window) per bar.
final class BufferedStream: IndicatorStream {
    var history: [[Double]]
    let keep: Int?
    let compute: ([[Double]]) -> [[Double]]

    init(inputCount: Int, keep: Int? = nil, compute: @escaping ([[Double]]) -> [[Double]]) {
        self.history = Array(repeating: [], count: inputCount)
        self.keep = keep
        self.compute = compute
    }

    func push(_ inputs: [Double]) -> [Double] {
        for i in history.indices {
            history[i].append(inputs[i])
            // Drop in chunks so trimming costs O(1) amortised per bar.
            if let keep, history[i].count >= 2 * keep + 64 { history[i].removeFirst(history[i].count - keep) }
        }
        let bars = history.first?.count ?? 0
        guard let keep, bars > keep else { return compute(history).map { $0.last ?? .nan } }
        return compute(history.map { Array($0.suffix(keep)) }).map { $0.last ?? .nan }
    }
}
