import Foundation
import Synchronization
import XCTest
@testable import TapeShell

/// A runner that records scripts instead of running gnuplot, and can pretend to write
/// the output file or fail.
final class RecordingRunner: ChartRunning, Sendable {
    private struct State {
        var scripts: [String] = []
        var output = Data("\u{0C}\n  chart   \n\n".utf8)
        var touchOutput = true
        var failure: ChartError?
    }
    private let state = Mutex(State())

    var scripts: [String] {
        get { state.withLock { $0.scripts } }
        set { state.withLock { $0.scripts = newValue } }
    }
    var output: Data {
        get { state.withLock { $0.output } }
        set { state.withLock { $0.output = newValue } }
    }
    var touchOutput: Bool {
        get { state.withLock { $0.touchOutput } }
        set { state.withLock { $0.touchOutput = newValue } }
    }
    var failure: ChartError? {
        get { state.withLock { $0.failure } }
        set { state.withLock { $0.failure = newValue } }
    }

    func run(_ script: String) throws -> Data {
        let (failure, touchOutput, output) = state.withLock { s in
            s.scripts.append(script)
            return (s.failure, s.touchOutput, s.output)
        }
        if let failure { throw failure }
        if touchOutput, let line = script.split(separator: "\n").first(where: { $0.hasPrefix("set output '") }) {
            let path = line.dropFirst("set output '".count).dropLast()
            _ = FileManager.default.createFile(atPath: String(path), contents: Data())
        }
        return output
    }
}

final class ChartOutputTests: XCTestCase {
    var directory: String!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("tape-chart-out-\(getpid())").path
        try? FileManager.default.removeItem(atPath: directory)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: directory)
    }

    func testFilesAreNumberedPerSessionAndKind() throws {
        let runner = RecordingRunner()
        var writer = ChartWriter(directory: directory + "/plots", sessionStem: "spy study", runner: runner)
        let first = try writer.write(.payoff(ChartFixtures.payoff()))
        let second = try writer.write(.greek(ChartFixtures.greek()), format: .svg)
        XCTAssertEqual(first, directory + "/plots/spy_study-1-payoff.png")
        XCTAssertEqual(second, directory + "/plots/spy_study-2-greek.svg")
        XCTAssertTrue(runner.scripts[1].contains("set terminal svg size 900,560"))
        XCTAssertTrue(runner.scripts[0].hasSuffix("set output\n"), "file must be closed by the script")
        XCTAssertEqual(writer.count, 2)
    }

    func testAFailedChartUsesNoNumber() throws {
        let runner = RecordingRunner()
        var writer = ChartWriter(directory: directory, sessionStem: "s", runner: runner)
        runner.failure = .gnuplotFailed("line 3: boom")
        XCTAssertThrowsError(try writer.write(.payoff(ChartFixtures.payoff())))
        XCTAssertThrowsError(try writer.write(.payoff(PayoffChart(title: "", spot: [1], atExpiry: [1])))) {
            XCTAssertEqual("\($0)", "payoff chart: needs at least two spot prices")
        }
        runner.failure = nil
        XCTAssertEqual(try writer.write(.payoff(ChartFixtures.payoff())), directory + "/s-1-payoff.png")
    }

    func testMissingFileIsReported() {
        let runner = RecordingRunner()
        runner.touchOutput = false
        var writer = ChartWriter(directory: directory, sessionStem: "s", runner: runner)
        XCTAssertThrowsError(try writer.write(.payoff(ChartFixtures.payoff()))) {
            XCTAssertEqual("\($0)", "chart output: gnuplot wrote no file at '\(self.directory!)/s-1-payoff.png'")
        }
    }

    /// Paths are not cut at the 200 characters text literals keep.
    func testALongDirectoryIsWrittenWhole() throws {
        let deep = directory + "/" + String(repeating: "d", count: 150) + "/" + String(repeating: "e", count: 150)
        var writer = ChartWriter(directory: deep, sessionStem: "s", runner: RecordingRunner())
        XCTAssertEqual(try writer.write(.payoff(ChartFixtures.payoff())), deep + "/s-1-payoff.png")
        XCTAssertTrue(FileManager.default.fileExists(atPath: deep + "/s-1-payoff.png"))
    }

    func testAutoPicksSixelOrTextSizedToTheWindow() throws {
        var display = ChartDisplay(runner: RecordingRunner(), sixelSupport: { false }, windowSize: { (120, 40, 0, 0) })
        display.colourText = false   // plain text whatever runs the tests
        XCTAssertEqual(display.screenCanvas(), ChartCanvas(terminal: .dumb, width: 120, height: 39))
        display.sixelSupport = { true }
        XCTAssertEqual(display.screenCanvas(), ChartCanvas(terminal: .sixel, width: 900, height: 560))
        display.windowSize = { (120, 40, 1920, 1000) }
        XCTAssertEqual(display.screenCanvas(), ChartCanvas(terminal: .sixel, width: 1600, height: 600))
        // A picture's pixel size never reaches text: that is `text_size`, in cells.
        try display.settings.apply(["terminal=dumb", "size=800x600", "theme=dark"])
        XCTAssertEqual(display.screenCanvas(), ChartCanvas(terminal: .dumb, width: 120, height: 39, theme: .dark))
        try display.settings.apply(["text_size=80x24"])
        XCTAssertEqual(display.screenCanvas(), ChartCanvas(terminal: .dumb, width: 80, height: 24, theme: .dark))
        try display.settings.apply(["terminal=png"])
        XCTAssertNil(display.screenCanvas())
    }

    func testShowRoutesToTheRightPlace() throws {
        let runner = RecordingRunner()
        var display = ChartDisplay(runner: runner, sixelSupport: { false }, windowSize: { (100, 30, 0, 0) })
        display.colourText = false   // plain text whatever runs the tests
        var writer = ChartWriter(directory: directory, sessionStem: "s", runner: runner)
        XCTAssertEqual(try display.show(.payoff(ChartFixtures.payoff()), writer: &writer), .text("  chart"))
        XCTAssertTrue(runner.scripts[0].contains("set terminal dumb size 100,29"))
        try display.settings.apply(["terminal=svg"])
        XCTAssertEqual(try display.show(.payoff(ChartFixtures.payoff()), writer: &writer), .file(directory + "/s-1-payoff.svg"))
        try display.settings.apply(["terminal=none"])
        XCTAssertEqual(try display.show(.payoff(ChartFixtures.payoff()), writer: &writer), .nothing)
        XCTAssertEqual(runner.scripts.count, 2, "none runs no gnuplot")
        XCTAssertThrowsError(try display.show(.greek(GreekChart(title: "", greek: "delta", spot: [1, 2], series: [])), writer: &writer))
    }

    func testSixelSwitchAndDeviceAttributes() {
        XCTAssertTrue(TerminalGraphics.supportsSixel(environment: ["TAPE_SIXEL": "1"]))
        XCTAssertFalse(TerminalGraphics.supportsSixel(environment: ["TAPE_SIXEL": "0"]))
        // xterm -ti vt340 answers 63;1;2;4;6;9;15;22; a plain xterm 1;2 or 65;1;9.
        XCTAssertTrue(TerminalGraphics.da1HasSixel(Array("\u{1b}[?63;1;2;4;6;9;15;22c".utf8)))
        XCTAssertFalse(TerminalGraphics.da1HasSixel(Array("\u{1b}[?65;1;9c".utf8)))
        XCTAssertFalse(TerminalGraphics.da1HasSixel(Array("\u{1b}[?64;14c".utf8)), "14 is not 4")
        XCTAssertFalse(TerminalGraphics.da1HasSixel([]))
        XCTAssertFalse(TerminalGraphics.da1HasSixel(Array("\u{1b}[?4".utf8)), "an unterminated reply is no")
    }

    func testDumbTextIsCleaned() {
        XCTAssertEqual(ChartDisplay.cleanText(Data("\u{0C}\n  a   \n b  \n\n".utf8)), "  a\n b")
    }
}
