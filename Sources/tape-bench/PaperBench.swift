import Foundation
import TapeCore
import TapeData

/// The paper broker on the embedded SPY sample (5,241 daily bars): the pure broker and
/// clock per bar with a crossover strategy trading, and the ledger per step, where each
/// step is one SQLite transaction (WAL) — the cost of "nothing lost".
func benchPaper() {
    guard let spy = try? SampleData.bars("SPY") else { return print("paper: SPY sample missing") }
    func measure(_ name: String, items: Int, repeats: Int, _ body: () throws -> Int) {
        guard let (ns, sink) = bestTime(name, repeats: repeats, body) else { return }
        print("\(name): \(Int((ns / Double(items)).rounded())) ns/op (best of \(repeats)) [\(sink % 10)]")
    }
    // SMA(10) vs SMA(20) crossings, computed once: the strategy itself is not timed.
    let n = spy.count
    var fast = [Double](repeating: .nan, count: n), slow = fast
    for i in 19..<n {
        fast[i] = spy.close[(i - 9)...i].reduce(0, +) / 10
        slow[i] = spy.close[(i - 19)...i].reduce(0, +) / 20
    }
    let (f, sl) = (fast, slow)
    let signal = AutoSignal { ctx in
        let i = ctx.index
        guard i > 0 else { return .hold }
        if f[i - 1] < sl[i - 1] && f[i] > sl[i] { return .long }
        if f[i - 1] > sl[i - 1] && f[i] < sl[i] { return .short }
        return .hold
    }
    measure("paper.sim step+auto per bar", items: n, repeats: 5) {
        var broker = SimBroker(config: BrokerConfig(startingCash: 100_000, commission: CommissionModel(rate: 0.001)))
        var clock = MarketClock(series: [spy])
        return clock.step(n, &broker, signal: signal) + broker.fills.count
    }
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tape-bench-paper-\(getpid())")
    try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    var run = 0
    measure("paper.ledger step+auto per bar (one transaction each)", items: 1000, repeats: 3) {
        run += 1
        let ledger = try Ledger(path: dir.appendingPathComponent("l\(run).sqlite").path,
                                config: BrokerConfig(startingCash: 100_000, commission: CommissionModel(rate: 0.001)))
        var clock = MarketClock(series: [spy])
        return try ledger.step(&clock, count: 1000, signal: signal)
    }
    measure("paper.ledger submit per order", items: 500, repeats: 3) {
        run += 1
        let ledger = try Ledger(path: dir.appendingPathComponent("s\(run).sqlite").path)
        try ledger.process(bar: PriceBar(time: spy.time[0], open: 100, high: 100, low: 100, close: 100, volume: 1e6), symbol: "SPY")
        for i in 0..<500 {
            try ledger.submit(OrderRequest(.buy, Double(1 + i % 50), .stock("SPY"), type: .limit(95), timeInForce: .gtc, clientOrderId: "b\(i)"))
        }
        return 500
    }
}
