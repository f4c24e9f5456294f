import Foundation
import XCTest
@testable import TapeShell

/// Every chart kind rendered by the real gnuplot to PNG from fixed real data.
final class ChartRenderTests: XCTestCase {
    var directory: URL!

    override func setUpWithError() throws {
        guard GnuplotRunner.isAvailable else { throw XCTSkip("gnuplot is not installed") }
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("tape-chart-tests")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    func render(_ chart: ChartSpec, name: String, width: Int = 900, height: Int = 560,
                theme: ChartTheme = .light) throws -> Data {
        let path = directory.appendingPathComponent("\(name)-\(theme.rawValue).png").path
        try? FileManager.default.removeItem(atPath: path)
        let canvas = ChartCanvas(terminal: .png, width: width, height: height, theme: theme, output: path)
        _ = try GnuplotRunner().run(try ChartRenderer.script(for: chart, canvas: canvas))
        return try Data(contentsOf: URL(fileURLWithPath: path))
    }

    func testEveryKindRendersLightAndDark() throws {
        for (name, chart) in try ChartFixtures.all() {
            for theme in ChartTheme.allCases {
                _ = try render(chart, name: name, theme: theme)
            }
        }
    }
}
