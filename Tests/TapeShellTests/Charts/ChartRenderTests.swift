import Foundation
import XCTest
@testable import TapeShell

/// Every chart kind rendered by the real gnuplot from fixed real data, checked as
/// files: a PNG of the requested size whose image data is well above a blank canvas's.
final class ChartRenderTests: XCTestCase {
    var directory: URL!

    override func setUpWithError() throws {
        guard GnuplotRunner.isAvailable else { throw XCTSkip("gnuplot is not installed") }
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("tape-chart-tests-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        if let directory, ProcessInfo.processInfo.environment["TAPE_KEEP_CHARTS"] == nil {
            try? FileManager.default.removeItem(at: directory)
        }
    }

    func render(_ chart: ChartSpec, name: String, terminal: ChartCanvas.Terminal = .png, width: Int = 900,
                height: Int = 560, theme: ChartTheme = .light) throws -> Data {
        let path = directory.appendingPathComponent("\(name)-\(theme.rawValue).\(terminal.rawValue)").path
        let canvas = ChartCanvas(terminal: terminal, width: width, height: height, theme: theme, output: path)
        _ = try GnuplotRunner().run(try ChartRenderer.script(for: chart, canvas: canvas))
        return try Data(contentsOf: URL(fileURLWithPath: path))
    }

    /// A canvas with nothing drawn on it: the size of image data that means "empty".
    func blankPNG(width: Int, height: Int, theme: ChartTheme) throws -> Data {
        let path = directory.appendingPathComponent("blank-\(theme.rawValue).png").path
        let script = """
            set terminal pngcairo size \(width),\(height) background '\(theme.background)'
            set output '\(path)'
            unset border; unset tics; unset key
            plot [0:1][0:1] NaN notitle
            set output
            """
        _ = try GnuplotRunner().run(script)
        return try Data(contentsOf: URL(fileURLWithPath: path))
    }

    func testEveryKindRendersAPNGOfTheRequestedSizeWithContent() throws {
        for theme in ChartTheme.allCases {
            let blank = try PNGInfo(try blankPNG(width: 900, height: 560, theme: theme))
            for (name, chart) in try ChartFixtures.all() {
                let png = try PNGInfo(try render(chart, name: name, theme: theme))
                XCTAssertEqual(png.width, 900, name)
                XCTAssertEqual(png.height, 560, name)
                // A blank 900x560 canvas compresses to a few hundred bytes; a chart
                // with axes, labels and data to tens of kilobytes.
                XCTAssertGreaterThan(png.imageDataBytes, blank.imageDataBytes + 8_000, "\(name) \(theme) looks empty")
            }
        }
    }

    func testSizeIsHonoured() throws {
        let png = try PNGInfo(try render(.price(try ChartFixtures.price()), name: "small", width: 480, height: 300))
        XCTAssertEqual(png.width, 480)
        XCTAssertEqual(png.height, 300)
    }

    func testSVGIsCompleteDocument() throws {
        let data = try render(.scatter(try ChartFixtures.scatter()), name: "scatter", terminal: .svg, width: 640, height: 400)
        let text = String(decoding: data, as: UTF8.self)
        XCTAssertTrue(text.contains("<svg"))
        XCTAssertTrue(text.contains("width=\"640\""))
        XCTAssertTrue(text.trimmingCharacters(in: .whitespacesAndNewlines).hasSuffix("</svg>"), "file not closed")
        XCTAssertTrue(text.contains("R² = 0.664"), "regression key missing")
    }

    func testDumbTextFitsTheTerminalAndHasNoFormFeed() throws {
        var display = ChartDisplay(runner: GnuplotRunner(), sixelSupport: { false }, windowSize: { (72, 25, 0, 0) })
        display.colourText = false   // plain text whatever runs the tests
        display.settings.terminal = .auto
        var writer = ChartWriter(directory: directory.path, sessionStem: "t")
        for (name, chart) in try ChartFixtures.all() {
            guard case let .text(text) = try display.show(chart, writer: &writer) else { return XCTFail("\(name): not text") }
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            XCTAssertFalse(text.contains("\u{0C}"), name)
            XCTAssertLessThanOrEqual(lines.count, 24, name)
            XCTAssertGreaterThan(lines.count, 12, name)
            XCTAssertLessThanOrEqual(lines.map(\.count).max() ?? 0, 72, name)
        }
        XCTAssertEqual(writer.count, 0, "screen output must not write files")
    }

    func testColourTextUsesANSIEscapes() throws {
        var display = ChartDisplay(runner: GnuplotRunner(), sixelSupport: { false }, windowSize: { (80, 24, 0, 0) })
        display.colourText = true
        var writer = ChartWriter(directory: directory.path, sessionStem: "t")
        guard case let .text(text) = try display.show(.greek(ChartFixtures.greek()), writer: &writer) else { return XCTFail("not text") }
        XCTAssertTrue(text.contains("\u{1b}["))
        XCTAssertFalse(text.hasPrefix("\u{0C}"))
    }

    func testSixelIsADeviceControlString() throws {
        var display = ChartDisplay(runner: GnuplotRunner(), sixelSupport: { true }, windowSize: { (100, 30, 0, 0) })
        display.colourText = false   // plain text whatever runs the tests
        display.settings.width = 400
        display.settings.height = 250
        var writer = ChartWriter(directory: directory.path, sessionStem: "t")
        guard case let .sixel(data) = try display.show(.histogram(try ChartFixtures.histogram()), writer: &writer) else {
            return XCTFail("not sixel")
        }
        // DCS introducer ESC P ... q, terminated by ST (ESC \).
        XCTAssertEqual(Array(data.prefix(2)), [0x1b, 0x50])
        XCTAssertEqual(Array(data.suffix(2)), [0x1b, 0x5c])
        XCTAssertGreaterThan(data.count, 5_000)
    }
}

/// The facts of a PNG file the tests check: signature, IHDR size, total IDAT bytes.
struct PNGInfo {
    var width: Int
    var height: Int
    var imageDataBytes: Int

    struct NotPNG: Error {}

    init(_ data: Data) throws {
        let b = [UInt8](data)
        guard b.count > 33, b[0..<8].elementsEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
              String(decoding: b[12..<16], as: UTF8.self) == "IHDR" else { throw NotPNG() }
        func be32(_ i: Int) -> Int { b[i..<(i + 4)].reduce(0) { $0 << 8 | Int($1) } }
        width = be32(16)
        height = be32(20)
        var idat = 0, at = 8
        while at + 8 <= b.count {
            let length = be32(at)
            if String(decoding: b[(at + 4)..<(at + 8)], as: UTF8.self) == "IDAT" { idat += length }
            at += 12 + length
        }
        imageDataBytes = idat
    }
}
