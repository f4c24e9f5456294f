import Foundation
import XCTest
@testable import TapeCore
@testable import TapeShell

/// `event study`'s chart: the datablock holds each path's mean and band edges in percent,
/// computed here from the closes by hand.
final class EventChartTests: XCTestCase {
    let canvas = ChartCanvas(terminal: .png, width: 640, height: 400, output: "plots/event.png")

    func testPathsAndBandsAreDrawnInPercentFromTheStudy() throws {
        let close = [100.0, 101, 103, 102, 104, 106, 105, 107]
        var score = [Double](repeating: 0, count: close.count)
        score[2] = 0.5
        score[5] = 0.4
        score[6] = -0.6
        let r = EventStudy.run(close: close, score: score, window: -1...1, threshold: 0.05)
        let chart = EventCommand.chart(r, title: "t")
        XCTAssertEqual(chart.paths.map(\.name), ["after positive (2)", "after negative (1)"])
        let script = try ChartRenderer.script(for: .event(chart), canvas: canvas)
        // Offset 0 of the positive path: the news days' moves from the close before.
        let moves = [103.0 / 101 - 1, 106.0 / 104 - 1]
        let mean = (moves[0] + moves[1]) / 2
        let sd = (moves.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 1).squareRoot()
        let band = 1.96 * sd / 2.0.squareRoot()
        let row = ["0", GnuplotText.number(mean * 100), GnuplotText.number((mean - band) * 100), GnuplotText.number((mean + band) * 100)]
        XCTAssertTrue(script.contains("\n" + row.joined(separator: " ") + "\n"), script)
        // One negative event: its mean is its own path, its band undefined (no fill there).
        let negative = ["1", GnuplotText.number((close[7] / close[5] - 1) * 100), "NaN", "NaN"]
        XCTAssertTrue(script.contains("\n" + negative.joined(separator: " ") + "\n"), script)
        XCTAssertTrue(script.contains("with filledcurves"))
    }

    func testMismatchedLengthsAreAChartErrorNotACrash() {
        let bad = EventChart(title: "t", offsets: [-1, 0, 1], paths: [.init(name: "p", mean: [0, 1], band: [0, 1, 2])])
        XCTAssertThrowsError(try ChartRenderer.script(for: .event(bad), canvas: canvas))
        XCTAssertThrowsError(try ChartRenderer.script(for: .event(EventChart(title: "t", offsets: [0], paths: [])), canvas: canvas))
    }
}
