import TapeShellTestSupport
import XCTest
@testable import TapeShell

final class LessonCommandTests: XCTestCase {
    /// `lesson` lists the shipped lessons, numbered, with their titles.
    func testLessonListsTheLessons() throws {
        let t = Transcript()
        let lines = t("lesson")
        let catalog = try LessonCatalog.located(span: .none)
        XCTAssertEqual(lines.count, catalog.lessons.count + 1)
        XCTAssertEqual(lines.first, " 1  Moving averages and crossovers")
        XCTAssertEqual(lines.last, "lesson N steps through one (from sessions/lessons)")
    }

    func testErrors() {
        let t = Transcript()
        XCTAssertEqual(t("lesson 99"), [
            "error: there is no lesson 99 — lesson lists them",
            "  lesson 99",
            "         ^^",
        ])
        XCTAssertEqual(t("lesson zzz"), [
            "error: no lesson matches 'zzz' — lesson lists them",
            "  lesson zzz",
            "         ^^^",
        ])
        XCTAssertEqual(t("lesson 1 2"), [
            "error: too many arguments for lesson — usage: lesson [N | NAME]",
            "  lesson 1 2",
            "           ^",
        ])
    }

    func testTabOffersTheLessonsByName() {
        let t = Transcript()
        XCTAssertEqual(t.complete("lesson 01"), ["01-moving-averages"])
    }
}
