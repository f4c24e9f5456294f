import TapeCore
import TapeData

/// CSV reading and writing on the embedded samples: BTCUSD_1H is the largest
/// (20,111 rows, 1.1 MB), SPY a typical daily file (5,241 rows).
func benchCSV() {
    func measure(_ name: String, items: Int, repeats: Int, _ body: () throws -> Int) {
        guard let (ns, sink) = bestTime(name, repeats: repeats, body) else { return }
        print("\(name): \(Int((ns / Double(items)).rounded())) ns/op (\(String(Int(ns / 1e3))) µs per file, best of \(repeats)) [\(sink % 10)]")
    }
    guard let btcText = SampleData.csv("BTCUSD_1H"), let spyText = SampleData.csv("SPY"),
          let btc = try? SampleData.bars("BTCUSD_1H") else { print("csv: samples missing"); return }
    measure("csv.parse BTCUSD_1H per row", items: btc.count, repeats: 20) {
        try BarsCSV.parse(text: btcText, name: "BTC", source: "bench").count
    }
    measure("csv.parse SPY per row", items: 5241, repeats: 50) {
        try BarsCSV.parse(text: spyText, name: "SPY", source: "bench").count
    }
    measure("csv.table SPY per row", items: 5241, repeats: 20) {
        try CSVTable.parse(text: spyText, source: "bench").rows.count
    }
    measure("csv.write BTCUSD_1H per row", items: btc.count, repeats: 10) {
        CSVWriter.write(btc).utf8.count
    }
}
