import Foundation
import XCTest
@testable import TapeShell

/// User text must reach gnuplot as text and nothing else: hostile names in every text
/// slot of every chart kind leave no marker file, and the script still runs.
final class ChartSafetyTests: XCTestCase {
    var directory: URL!
    var marker: String { directory.appendingPathComponent("pwned").path }

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("tape-chart-safety-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    /// Each tries a different way out of a gnuplot string or into a shell.
    var hostile: [String] {
        [
            "x'; system(\"touch \(marker)\"); print '",
            "x\"; system(\"touch \(marker)\"); print \"",
            "`touch \(marker)`",
            "a\n!touch \(marker)\nb",
            "a\r\n!touch \(marker)",
            "a\\\nsystem('touch \(marker)')",
            "a\u{2028}!touch \(marker)",
            "$(touch \(marker)) @GPVAL_PWD ''",
            "'",
            "''''",
            "a'''",
            "'\u{0}'",
            "a\u{600}''\u{600}'", // a prepended mark must not hide a quote from the check
        ]
    }

    func testLiteralQuotesAndFlattens() {
        XCTAssertEqual(GnuplotText.literal("it's"), "'it''s'")
        XCTAssertEqual(GnuplotText.literal("'q'"), "'’q'''")
        XCTAssertEqual(GnuplotText.literal(""), "''")
        XCTAssertEqual(GnuplotText.literal("a''b"), "'a''’b'")
        XCTAssertEqual(GnuplotText.literal("x'"), "'x'''")
        XCTAssertEqual(GnuplotText.literal("a\nb\tc\u{7}d"), "'a b c d'")
        XCTAssertEqual(GnuplotText.literal("`ls`"), "'`ls`'")
        XCTAssertEqual(GnuplotText.literal(String(repeating: "x", count: 500)).count, GnuplotText.maxLength + 3)
        XCTAssertEqual(GnuplotText.outputPath("|rm -rf x"), "'./|rm -rf x'")
        XCTAssertEqual(GnuplotText.outputPath("/tmp/a.png"), "'/tmp/a.png'")
        XCTAssertEqual(GnuplotText.number(.nan), "NaN")
        XCTAssertEqual(GnuplotText.number(-.infinity), "NaN")
        XCTAssertEqual(GnuplotText.number(2), "2")
        XCTAssertEqual(GnuplotText.number(0.25), "0.25")
        XCTAssertEqual(GnuplotText.number(1e20), "1e+20")
    }

    /// Every literal in a hostile script opens and closes on the same line: no text
    /// escapes a string, whatever it held.
    func testNoScriptLineLeavesAStringOpen() throws {
        for name in hostile {
            let script = try ChartRenderer.script(for: .price(chart(hostileText: name)),
                                                  canvas: ChartCanvas(terminal: .svg, width: 400, height: 300))
            for line in script.split(separator: "\n") {
                XCTAssertEqual(line.filter { $0 == "'" }.count % 2, 0, "unbalanced quotes in: \(line)")
                XCTAssertFalse(line.hasPrefix("!"), "shell escape line: \(line)")
            }
        }
    }

    func testHostileNamesRunNothingInAnyChart() throws {
        guard GnuplotRunner.isAvailable else { throw XCTSkip("gnuplot is not installed") }
        for name in hostile {
            for chart in try everyKind(hostileText: name) {
                let path = directory.appendingPathComponent("out.svg").path
                let canvas = ChartCanvas(terminal: .svg, width: 500, height: 350, output: path)
                XCTAssertNoThrow(try GnuplotRunner().run(try ChartRenderer.script(for: chart, canvas: canvas)),
                                 "\(chart.kind) with \(name.debugDescription)")
                XCTAssertFalse(FileManager.default.fileExists(atPath: marker), "\(chart.kind) ran a command for \(name.debugDescription)")
            }
        }
    }

    func testHostileTitleIsDrawnAsText() throws {
        guard GnuplotRunner.isAvailable else { throw XCTSkip("gnuplot is not installed") }
        let path = directory.appendingPathComponent("title.svg").path
        var chart = ChartFixtures.payoff()
        chart.title = "x'; system(\"touch \(marker)\"); print '"
        _ = try GnuplotRunner().run(try ChartRenderer.script(for: .payoff(chart), canvas: ChartCanvas(terminal: .svg, width: 500, height: 350, output: path)))
        let svg = try String(contentsOfFile: path, encoding: .utf8)
        XCTAssertTrue(svg.contains("x'; system(\"touch"), "title not drawn verbatim")
        XCTAssertFalse(FileManager.default.fileExists(atPath: marker))
    }

    func testPipeOutputNameStaysAFile() throws {
        guard GnuplotRunner.isAvailable else { throw XCTSkip("gnuplot is not installed") }
        let chart = ChartSpec.payoff(ChartFixtures.payoff())
        // Absolute: the odd name is simply a file in the directory.
        let odd = directory.appendingPathComponent("|touch pwned").path
        _ = try GnuplotRunner().run(try ChartRenderer.script(for: chart, canvas: ChartCanvas(terminal: .png, width: 300, height: 200, output: odd)))
        XCTAssertTrue(FileManager.default.fileExists(atPath: odd))
        // Relative: anchored with ./, so gnuplot fails to open a file rather than
        // starting a shell.
        let relative = "|touch \(marker)"
        XCTAssertThrowsError(try GnuplotRunner().run(try ChartRenderer.script(for: chart, canvas: ChartCanvas(terminal: .png, width: 300, height: 200, output: relative))))
        XCTAssertFalse(FileManager.default.fileExists(atPath: marker))
    }

    func testWriterStemCannotEscapeTheDirectory() {
        XCTAssertEqual(ChartWriter.safeStem("../../etc/passwd"), "_.._etc_passwd")
        XCTAssertEqual(ChartWriter.safeStem("|touch x"), "_touch_x")
        XCTAssertEqual(ChartWriter.safeStem(""), "session")
        XCTAssertEqual(ChartWriter.safeStem("..."), "session")
        XCTAssertEqual(ChartWriter.safeStem("spy-2020_v2.tape"), "spy-2020_v2.tape")
    }

    func chart(hostileText t: String) throws -> PriceChart {
        var price = try ChartFixtures.price()
        price.title = t
        price.overlays[0].name = t
        price.panels[0].title = t
        price.panels[0].series[0].name = t
        return price
    }

    func everyKind(hostileText t: String) throws -> [ChartSpec] {
        var equity = try ChartFixtures.equity()
        equity.title = t
        equity.benchmark = ChartSeries(t, equity.equity.map { $0 * 0.9 })
        var histogram = try ChartFixtures.histogram()
        histogram.title = t
        histogram.name = t
        var scatter = try ChartFixtures.scatter()
        scatter.title = t
        scatter.x.name = t
        scatter.y.name = t
        var heatmap = try ChartFixtures.heatmap()
        heatmap.title = t
        heatmap.xName = t
        heatmap.yName = t
        heatmap.zName = t
        var payoff = ChartFixtures.payoff()
        payoff.title = t
        var greek = ChartFixtures.greek()
        greek.title = t
        greek.greek = t
        greek.series[0].name = t
        var smile = ChartFixtures.smile()
        smile.title = t
        smile.curves[0].name = t
        var surface = ChartFixtures.surface()
        surface.title = t
        var correlation = try ChartFixtures.correlation()
        correlation.title = t
        correlation.names[0] = t
        return [.price(try chart(hostileText: t)), .equity(equity), .histogram(histogram), .scatter(scatter),
                .heatmap(heatmap), .payoff(payoff), .greek(greek), .smile(smile), .surface(surface), .correlation(correlation)]
    }
}
