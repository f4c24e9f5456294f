import Foundation
import TapeCore
import TapeData
import XCTest
@testable import TapeShell

/// A command Ctrl-C cancels leaves the workspace exactly as it was. The tests press
/// "Ctrl-C" from inside a command (`trip`, added to the table here) at a known point,
/// which is what a real SIGINT does to the flag, minus the timing.
final class CancelledCommandTests: XCTestCase {
    override func setUp() { Interrupts.endCommand() }
    override func tearDown() { Interrupts.endCommand() }

    /// `trip` requests a cancellation and then polls, as a long loop would.
    static var trip: CommandSpec {
        CommandSpec(name: "trip", usage: "trip", summary: "press Ctrl-C (tests)", effect: .changesState, maxPositional: 0) { c in
            Interrupts.request()
            try Interrupts.check(c.span)
        }
    }

    private func shell() -> (Shell, CapturedOutput) {
        let out = CapturedOutput()
        let table = CommandTable.standard()
        table.add(Self.trip)
        return (Shell(output: out, commands: table), out)
    }

    /// Adds a user-defined command (`commands/NAME.tape`) from its text.
    private func userCommand(_ s: Shell, _ text: String) throws {
        let name = String(text.dropFirst("# usage: ".count).prefix { $0 != "\n" && $0 != " " })
        s.commands.add(UserCommands.spec(for: try UserCommands.parse(text, path: "commands/\(name).tape")))
    }

    private func temporaryFile(_ text: String) throws -> String {
        let path = NSTemporaryDirectory() + "tape-cancel-\(UUID().uuidString).tape"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        addTeardownBlock { try? FileManager.default.removeItem(atPath: path) }
        return path
    }

    /// What a user can see of the workspace: datasets, the current one, bindings,
    /// settings, the seed and the last backtest.
    private func state(_ s: Shell) -> [String] {
        let w = s.workspace
        let backtest = w.state { BacktestState() }
        return ["datasets \(w.datasetOrder) current \(w.currentName ?? "-")",
                "bindings \(w.bindings.keys.sorted())", "settings \(w.settings.sorted { $0.key < $1.key })",
                "seed \(s.session.seed) chart chain \(s.session.charts.chainState) convention \(w.convention)",
                "backtest \(backtest.result?.symbol ?? "-") \(backtest.result?.trades.count ?? -1) \(backtest.statistics?.number("Return [%]") ?? .nan)",
                "optimization \(backtest.optimization?.trials.count ?? -1)"]
    }

    func testAnInterruptedReplayIsUndoneAsAWhole() throws {
        let (s, out) = shell()
        XCTAssertEqual(s.run(line: "load SPY; let keep = 42"), .ok)
        XCTAssertEqual(s.run(line: "backtest SPY sma_cross fast 10 slow 30"), .ok)
        let before = state(s)
        let file = try temporaryFile("""
            load GOOG
            let transient = 7
            set seed 99
            backtest GOOG sma_cross fast 5 slow 20
            optimize GOOG sma_cross fast 5..10 slow 20..30 step 10
            trip
            let never = 1
            """)
        _ = out.take()
        XCTAssertEqual(s.run(line: "replay \"\(file)\""), .failed)
        XCTAssertEqual(state(s), before)
        XCTAssertNil(s.workspace.dataset("GOOG"))
        // Reported once, by the outermost statement, as a plain line.
        let lines = out.take()
        XCTAssertEqual(lines.filter { $0.contains("interrupted") }, ["interrupted"], "\(lines)")
        // The next command runs normally once the REPL clears the flag.
        Interrupts.beginCommand()
        XCTAssertEqual(s.run(line: "keep + 1"), .ok)
        XCTAssertEqual(out.take(), ["43"])
    }

    /// The paper ledger is a file: a command that traded before Ctrl-C (here a user
    /// command, which runs its lines in this session; a replayed file trades on a scratch
    /// ledger of its own) takes its orders back, whether the ledger was open before the command or
    /// opened by it. Read back through a second connection, so the file is checked, not
    /// the shell's cache.
    func testAnInterruptedCommandTakesBackItsPaperTrades() throws {
        let dir = NSTemporaryDirectory() + "tape-cancel-ledger-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(atPath: dir) }
        func stored(_ path: String) throws -> BrokerState { try Ledger(path: path).broker().state }

        // Open before: one filled order already there.
        let (s, _) = shell()
        let path = dir + "/open.sqlite"
        XCTAssertEqual(s.run(line: "set ledger \"\(path)\"; load SPY; paper step; paper buy 10 SPY; paper step"), .ok)
        let before = try stored(path)
        XCTAssertEqual(before.fills.count, 1)
        try userCommand(s, "# usage: trade\npaper buy 5 SPY\npaper step\npaper sell 3 SPY\npaper step\ntrip\n")
        XCTAssertEqual(s.run(line: "trade"), .failed)
        XCTAssertEqual(try stored(path), before)
        Interrupts.beginCommand()
        // The shell's own view agrees, and trading goes on from there.
        XCTAssertEqual(s.run(line: "paper buy 1 SPY; paper step"), .ok)
        XCTAssertEqual(try stored(path).orders.count, 2)

        // Opened by the cancelled command itself, even after `set ledger` in it: the
        // account it found comes back, and so does the choice of ledger.
        Interrupts.endCommand()
        let path2 = dir + "/fresh.sqlite"
        try userCommand(s, "# usage: retarget\nset ledger \"\(path2)\"\npaper step\npaper buy 10 SPY\npaper step\ntrip\n")
        XCTAssertEqual(s.run(line: "retarget"), .failed)
        let after = try stored(path2)
        XCTAssertEqual(after.orders, [])
        XCTAssertEqual(after.fills, [])
        XCTAssertEqual(after.cash, BrokerConfig().startingCash)
        Interrupts.beginCommand()
        XCTAssertEqual(s.run(line: "paper buy 1 SPY"), .ok)
        XCTAssertEqual(try stored(path).orders.count, 3, "still trading on the first ledger")
        XCTAssertEqual(try stored(path2).orders.count, 0)
    }

    func testTheRestOfALineDoesNotRunAfterCtrlC() {
        let (s, out) = shell()
        XCTAssertEqual(s.run(line: "let a = 1; trip; let b = 2"), .failed)
        // `let a` finished before the Ctrl-C and stays; the interrupted statement and
        // everything after it did not happen.
        XCTAssertEqual(s.workspace.bindings.keys.sorted(), ["a"])
        XCTAssertEqual(out.take(), ["interrupted"])
    }

    func testAFailureWithoutCtrlCIsNotAnInterruption() {
        let (s, out) = shell()
        XCTAssertEqual(s.run(line: "load NOSUCHSAMPLE"), .failed)
        let lines = out.take()
        XCTAssertTrue(lines.first?.hasPrefix("error:") ?? false, "\(lines)")
        XCTAssertFalse(lines.contains("interrupted"))
    }

    func testCheckpointRestoresAreaStatesAndDropsNewOnes() {
        let w = Workspace()
        let backtest = w.state { BacktestState() }
        let chart = w.state { ChartState() }
        chart.datasetName = "SPY"
        let saved = w.checkpoint()
        backtest.optimization = nil
        chart.datasetName = "GOOG"
        chart.settings.width = 1234
        w.settings["plot"] = "png"
        let chain = w.state { ChainState() }
        chain.spot = 101
        w.restore(saved)
        XCTAssertEqual(chart.datasetName, "SPY")
        XCTAssertNotEqual(chart.settings.width, 1234)
        XCTAssertNil(w.settings["plot"])
        XCTAssertTrue(w.state { ChartState() } === chart, "an area that existed is kept, with its fields put back")
        XCTAssertEqual(w.state { ChainState() }.spot, 0, "an area created by the cancelled command is gone")
    }

    func testCtrlCDuringALessonStepStopsTheLesson() {
        let out = CapturedOutput()
        let table = CommandTable.standard()
        table.add(Self.trip)
        let lessonShell = Shell(output: out, commands: table)
        let stepper = LessonStepper(shell: lessonShell, output: out, reader: nil)
        let summary = stepper.run(SessionFile.parse("# One\nlet x = 1\n# Two\ntrip\n# Three\nlet y = 2\n"), name: "01-trip")
        XCTAssertEqual(summary, .init(ran: 2, variations: 0, failed: 1, stopped: true))
        let lines = out.take()
        XCTAssertTrue(lines.contains("(lesson stopped)"), "\(lines)")
        XCTAssertFalse(lines.contains("── end of lesson ──"))
        XCTAssertNil(lessonShell.workspace.bindings["y"])
    }

    func testGnuplotIsStoppedWhenCancelled() throws {
        guard GnuplotRunner.isAvailable else { throw XCTSkip("gnuplot is not installed") }
        var runner = GnuplotRunner(timeout: 30)
        runner.cancel = { true }
        // Without the cancel this script would run for 20 s and succeed.
        XCTAssertThrowsError(try runner.run("pause 20\nprint 1\n")) { XCTAssertEqual($0 as? ChartError, .interrupted) }
    }

    func testAnInterruptedChartLeavesNoFileAndNoNumber() throws {
        struct HalfWriter: ChartRunning {
            let path: String
            func run(_ script: String) throws -> Data {
                _ = FileManager.default.createFile(atPath: path, contents: Data("half a png".utf8))
                throw ChartError.interrupted
            }
        }
        let dir = NSTemporaryDirectory() + "tape-cancel-plots-\(UUID().uuidString)"
        addTeardownBlock { try? FileManager.default.removeItem(atPath: dir) }
        var writer = ChartWriter(directory: dir, sessionStem: "s")
        let chart = ChartSpec.histogram(HistogramChart(title: "t", name: "x", values: [1, 2, 3, 4], bins: 2))
        let path = writer.nextPath(kind: chart.kind, format: .png)
        writer.runner = HalfWriter(path: path)
        XCTAssertThrowsError(try writer.write(chart)) { XCTAssertEqual($0 as? ChartError, .interrupted) }
        XCTAssertFalse(FileManager.default.fileExists(atPath: path))
        XCTAssertEqual(writer.count, 0)
    }
}
