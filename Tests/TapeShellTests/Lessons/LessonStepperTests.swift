import Foundation
import TapeTestSupport
import XCTest
@testable import TapeShell

/// A reader that answers each prompt with the next scripted input and records the
/// prompts it was shown and the lines offered to the history.
final class ScriptedReader: LineReader {
    var inputs: [LineInput]
    private(set) var prompts: [String] = []
    private(set) var history: [String] = []
    init(_ inputs: [LineInput]) { self.inputs = inputs }
    func read(prompt: String) -> LineInput {
        prompts.append(prompt)
        return inputs.isEmpty ? .eof : inputs.removeFirst()
    }
    func addHistory(_ line: String) { history.append(line) }
}

final class LessonStepperTests: XCTestCase {
    let lesson = """
    # Arithmetic
    # Bind a number.
    let x = 40
    # Add two.
    x + 2
    # Double it.
    x * 2
    x - 1
    # The end.
    """

    private func step(_ reader: ScriptedReader?) -> (LessonStepper.Summary, [String]) {
        let out = CapturedOutput()
        let shell = Shell(output: out)
        let stepper = LessonStepper(shell: shell, output: out, reader: reader)
        let summary = stepper.run(SessionFile.parse(lesson), name: "01-arithmetic")
        return (summary, out.take())
    }

    func testEnterRunsTheLessonsCommandAVariationRunsInsteadAndQStops() {
        let reader = ScriptedReader([.line(""), .line("x + 3"), .line("q")])
        let (summary, lines) = step(reader)
        XCTAssertEqual(summary, .init(ran: 2, variations: 1, failed: 0, stopped: true))
        // The variation's result is printed, not the lesson's own (42), and nothing after q runs.
        XCTAssertTrue(lines.contains("43"), "\(lines)")
        XCTAssertFalse(lines.contains("42"), "\(lines)")
        XCTAssertFalse(lines.contains("80"), "\(lines)")
        XCTAssertEqual(reader.prompts.count, 3)
        XCTAssertEqual(reader.history, ["x + 3"])
        // Prose and the command shown before each prompt, in order.
        let addTwo = lines.firstIndex(of: "Add two."), shown = lines.firstIndex(of: "tape> x + 2")
        XCTAssertNotNil(addTwo)
        XCTAssertEqual(shown, addTwo.map { $0 + 1 })
        XCTAssertEqual(lines.last, "(lesson stopped)")
    }

    func testWithoutAReaderTheWholeLessonRuns() {
        let (summary, lines) = step(nil)
        XCTAssertEqual(summary, .init(ran: 4, variations: 0, failed: 0, stopped: false))
        XCTAssertEqual(lines, ["── lesson 01-arithmetic ──", "Arithmetic", "Bind a number.", "tape> let x = 40",
                               "Add two.", "tape> x + 2", "42", "Double it.", "tape> x * 2", "80",
                               "tape> x - 1", "39", "The end.", "── end of lesson ──"])
    }

    func testEndOfInputStopsAndAFailedVariationDoesNotEndTheLesson() {
        let reader = ScriptedReader([.line(""), .line("y + 1"), .line("")])
        let (summary, lines) = step(reader)
        XCTAssertEqual(summary, .init(ran: 3, variations: 1, failed: 1, stopped: true))
        XCTAssertTrue(lines.contains { $0.hasPrefix("error: unknown name 'y'") }, "\(lines)")
        XCTAssertTrue(lines.contains("80"), "\(lines)")
    }

    func testATypedCommandMayContinueOnTheNextLine() {
        let reader = ScriptedReader([.line("let x = (1 +"), .line("2)"), .line(""), .interrupt])
        let (summary, lines) = step(reader)
        XCTAssertEqual(summary, .init(ran: 2, variations: 1, failed: 0, stopped: true))
        XCTAssertTrue(lines.contains("5"), "x is 3 after the variation, so x + 2 prints 5: \(lines)")
        XCTAssertEqual(reader.prompts[1], "  ...> ")
    }

    func testCatalogTitlesNumbersAndMatching() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("lessons-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try "# seed: 4\n# Alpha things\n1 + 1\n".write(to: dir.appendingPathComponent("01-alpha.tape"), atomically: true, encoding: .utf8)
        try "# Beta and gamma\n#> stray\n2\n".write(to: dir.appendingPathComponent("02-beta-gamma.tape"), atomically: true, encoding: .utf8)
        try "not a lesson".write(to: dir.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
        let catalog = try LessonCatalog(directory: dir.path)
        XCTAssertEqual(catalog.lessons.map(\.stem), ["01-alpha", "02-beta-gamma"])
        XCTAssertEqual(catalog.lessons.map(\.title), ["Alpha things", "Beta and gamma"])
        XCTAssertEqual(catalog.lessons.map(\.number), [1, 2])
        let span = Span(0, 1)
        XCTAssertEqual(try catalog.lesson(matching: "2", span: span).stem, "02-beta-gamma")
        XCTAssertEqual(try catalog.lesson(matching: "01", span: span).stem, "01-alpha")
        XCTAssertEqual(try catalog.lesson(matching: "gamma", span: span).stem, "02-beta-gamma")
        XCTAssertEqual(try catalog.lesson(matching: "01-alpha.tape", span: span).stem, "01-alpha")
        XCTAssertThrowsError(try catalog.lesson(matching: "3", span: span)) {
            XCTAssertEqual(($0 as? TapeError)?.message, "there is no lesson 3")
        }
        XCTAssertThrowsError(try catalog.lesson(matching: "a", span: span)) {
            XCTAssertEqual(($0 as? TapeError)?.message, "'a' matches 2 lessons: 01-alpha, 02-beta-gamma")
        }
    }

    /// The shipped lessons: numbered 1, 2, 3, ... without gaps, each with a title.
    func testShippedLessonsAreNumberedAndTitled() throws {
        let root = Repository.root
        let catalog = try LessonCatalog(directory: root.appendingPathComponent("sessions/lessons").path)
        XCTAssertGreaterThanOrEqual(catalog.lessons.count, 10)
        XCTAssertEqual(catalog.lessons.map(\.number), Array(1...catalog.lessons.count).map { Optional($0) })
        for l in catalog.lessons { XCTAssertFalse(l.title.isEmpty, l.stem) }
    }
}

final class LessonIsolationTests: XCTestCase {
    /// A lesson's paper commands use a scratch ledger and its datasets stay in its own
    /// workspace: the user's ledger file is never created, nothing is loaded in the
    /// calling shell, and the lesson's charts and output still reach the caller.
    func testALessonLeavesTheCallersWorkspaceAndLedgerAlone() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("lesson-iso-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let userLedger = dir.appendingPathComponent("user.sqlite").path
        let out = CapturedOutput()
        let parent = Shell(output: out)
        parent.workspace.settings["ledger"] = userLedger
        let text = "# Paper\n# **Reset** the `account`.\nload SPY 2020-01-02..2020-01-10\npaper reset cash 5000\npaper step\npaper buy 1 SPY\npaper step\n"
        let lesson = Lesson(path: "x.tape", stem: "99-paper", number: 99, title: "Paper")
        try LessonStepper.runInOwnShell(text: text, lesson: lesson, parent: parent, span: .none)
        let lines = out.take()
        XCTAssertTrue(lines.contains("paper account reset: cash 5000.00"), "\(lines)")
        XCTAssertTrue(lines.contains("Reset the account."), "Markdown marks are dropped for the terminal: \(lines)")
        XCTAssertTrue(lines.contains { $0.hasPrefix("  2020-01-03 #1 buy 1 SPY at ") }, "\(lines)")
        XCTAssertFalse(FileManager.default.fileExists(atPath: userLedger))
        XCTAssertNil(parent.workspace.current)
    }
}

extension LessonIsolationTests {
    /// A lesson whose file runs `lesson` again would nest shells without end; the inner
    /// call fails with a message and the outer lesson carries on.
    func testALessonCannotStartALesson() throws {
        let out = CapturedOutput()
        let parent = Shell(output: out)
        let lesson = Lesson(path: "x.tape", stem: "98-loop", number: 98, title: "Loop")
        try LessonStepper.runInOwnShell(text: "# Loop\nlesson 98\n1 + 1\n", lesson: lesson, parent: parent, span: .none)
        let lines = out.take()
        XCTAssertTrue(lines.contains { $0.contains("a lesson cannot start another lesson (98-loop is running)") }, "\(lines)")
        XCTAssertTrue(lines.contains("2"), "\(lines)")
    }
}
