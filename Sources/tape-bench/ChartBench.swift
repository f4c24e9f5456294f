import Foundation
import TapeShell

/// Charts: a 1,000,000-point series must reach a PNG in well under a second. Measures
/// the reduction alone, the script build, and the whole trip through gnuplot.
func benchCharts() {
    let n = 1_000_000
    let minutes = (0..<n).map { Int64($0) * 60 }
    var values = [Double](repeating: 0, count: n)
    var x = 100.0
    var seed: UInt64 = 42
    for i in 0..<n {
        // xorshift noise: a random walk that looks like a price.
        seed ^= seed << 13; seed ^= seed >> 7; seed ^= seed << 17
        x += Double(Int64(seed % 2001) - 1000) / 10_000
        values[i] = x
    }
    let canvas = ChartCanvas(terminal: .png, width: 1200, height: 700,
                             output: FileManager.default.temporaryDirectory.appendingPathComponent("tape-bench-chart.png").path)

    func measure(_ name: String, per items: Int, repeats: Int, _ body: () throws -> Void) {
        do {
            try body()   // warm-up
            let start = DispatchTime.now().uptimeNanoseconds
            for _ in 0..<repeats { try body() }
            let ns = Double(DispatchTime.now().uptimeNanoseconds - start) / Double(repeats)
            print("\(name): \(String(format: "%.2f", ns / Double(items))) ns/op (\(String(format: "%.1f", ns / 1e6)) ms per 1M-point chart)")
        } catch {
            print("\(name): failed: \(error)")
        }
    }

    measure("chart downsample 1M points to 1110 columns", per: n, repeats: 20) {
        _ = Downsampler.minMaxIndices(values, in: 0..<n, columns: canvas.plotColumns)
    }
    let chart = ChartSpec.price(PriceChart(title: "random walk", time: minutes, overlays: [ChartSeries("walk", values)]))
    measure("chart script for 1M-point line", per: n, repeats: 10) {
        _ = try ChartRenderer.script(for: chart, canvas: canvas)
    }
    guard GnuplotRunner.isAvailable else {
        print("chart png 1M points: skipped (gnuplot is not installed)")
        return
    }
    measure("chart png 1M points end to end", per: n, repeats: 5) {
        _ = try GnuplotRunner().run(try ChartRenderer.script(for: chart, canvas: canvas))
    }
}
