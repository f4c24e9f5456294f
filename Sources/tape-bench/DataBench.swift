import Foundation
import TapeCore
import TapeData

/// The data layer's hot paths: hashing bodies for the cache, saving and loading the
/// store, validating a long daily series, and the trading calendar.
func benchData() {
    func measure(_ name: String, items: Int, repeats: Int, _ body: () throws -> Int) {
        guard let (ns, sink) = bestTime(name, repeats: repeats, body) else { return }
        print("\(name): \(String(format: "%.1f", ns / Double(items))) ns/op (best of \(repeats)) [\(sink % 10)]")
    }
    let body = [UInt8](repeating: 0x61, count: 1 << 20)
    measure("data.sha256 per byte (1 MB body)", items: body.count, repeats: 10) { Int(SHA256.hash(body)[0]) }

    guard let spy = try? SampleData.bars("SPY") else { print("data: SPY sample missing"); return }
    let dir = NSTemporaryDirectory() + "tape-bench-" + UUID().uuidString
    defer { try? FileManager.default.removeItem(atPath: dir) }
    var run = 0
    measure("data.store.save SPY into a new store, per bar", items: spy.count, repeats: 5) {
        run += 1
        return try Store(path: "\(dir)/s\(run).db").save(spy).inserted
    }
    guard let store = try? Store(path: dir + "/load.db"), (try? store.save(spy)) != nil else { return }
    measure("data.store.save SPY as a new symbol into an open store, per bar", items: spy.count, repeats: 5) {
        run += 1
        var copy = spy
        copy.symbol = "S\(run)"
        return try store.save(copy).inserted
    }
    measure("data.store.save SPY again (all unchanged), per bar", items: spy.count, repeats: 5) { try store.save(spy).unchanged }
    measure("data.store.load SPY per bar", items: spy.count, repeats: 10) { try store.load("SPY").count }
    measure("data.validate SPY per bar", items: spy.count, repeats: 10) { DataQuality.validate(spy).issues.count }
    let from = CivilTime.timestamp(year: 1970, month: 1, day: 1), to = CivilTime.timestamp(year: 2029, month: 12, day: 31)
    measure("data.calendar tradingDays 1970-2029 per day", items: 21_915, repeats: 10) {
        USEquityCalendar.tradingDays(from: from, to: to).count
    }
}
