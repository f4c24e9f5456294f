import Foundation
import TapeShellTestSupport
import XCTest
@testable import TapeShell

/// A user command's usage line becomes a declaration like a built-in's: help, Tab, the
/// arity and key checks ("did you mean") come from it, and `$name` substitution runs the
/// body with the values as typed.
final class UserCommandDeclarationTests: XCTestCase {
    let file = """
    # usage: look SYMBOL [rows=3] [title]
    # summary: load a dataset and show its last rows
    load $SYMBOL
    show tail $rows close
    """

    func transcript() throws -> Transcript {
        let t = Transcript()
        t.shell.commands.add(UserCommands.spec(for: try UserCommands.parse(file, path: "commands/look.tape")), area: "User")
        return t
    }

    func testTheUsageLineDeclaresArgumentsAndOptions() throws {
        let spec = UserCommands.spec(for: try UserCommands.parse(file, path: "commands/look.tape"))
        XCTAssertEqual(spec.arguments?.map(\.name), ["SYMBOL"])
        XCTAssertEqual(spec.minPositional, 1)
        XCTAssertEqual(spec.maxPositional, 1)
        XCTAssertEqual(spec.options.map(\.name), ["rows", "title"])
        XCTAssertEqual(spec.usage, "look SYMBOL [rows=3] [title]")
        XCTAssertEqual(spec.effect, .changesState)
    }

    func testHelpShowsTheDeclaration() throws {
        let t = try transcript()
        XCTAssertEqual(t("help look"), [
            "usage: look SYMBOL [rows=3] [title]",
            "  load a dataset and show its last rows",
            "",
            "  arguments:",
            "    SYMBOL  replaces $SYMBOL in the body",
            "",
            "  options:",
            "    [rows VALUE]   replaces $rows in the body (default 3)",
            "    [title VALUE]  replaces $title in the body (default: nothing)",
            "",
            "  defined in commands/look.tape",
        ])
        XCTAssertTrue(t("help").contains("  look         load a dataset and show its last rows"))
    }

    func testSubstitutionRunsTheBody() throws {
        let t = try transcript()
        XCTAssertEqual(t("look SPY rows=2"), [
            "SPY: 5241 bars 1999-11-01..2020-08-28 (embedded sample (SPDR S&P 500 ETF, daily))",
            "date         close",
            "2020-08-27  348.33",
            "2020-08-28  350.58",
        ])
        let goog = t("look GOOG rows 1")
        XCTAssertEqual(goog.count, 3, "\(goog)")
        XCTAssertTrue(goog[0].hasPrefix("GOOG: "), "\(goog)")
        XCTAssertEqual(t.shell.workspace.current?.name, "GOOG")
    }

    func testArityAndKeysAreCheckedBeforeTheBodyRuns() throws {
        let t = try transcript()
        XCTAssertEqual(t("look"), [
            "error: look needs SYMBOL — usage: look SYMBOL [rows=3] [title]",
            "  look",
            "  ^^^^",
        ])
        XCTAssertEqual(t("look SPY GOOG"), [
            "error: too many arguments for look — usage: look SYMBOL [rows=3] [title]",
            "  look SPY GOOG",
            "           ^^^^",
        ])
        XCTAssertEqual(t("look SPY rwos 2"), [
            "error: look has no option 'rwos' — did you mean 'rows'? usage: look SYMBOL [rows=3] [title]",
            "  look SPY rwos 2",
            "           ^^^^",
        ])
        XCTAssertEqual(t("look SPY colour=red"), [
            "error: look has no option 'colour' — usage: look SYMBOL [rows=3] [title]",
            "  look SPY colour=red",
            "           ^^^^^^",
        ])
        XCTAssertNil(t.shell.workspace.current, "nothing ran")
    }

    func testTabOffersTheOptionsAndHelpOffersTheCommand() throws {
        let t = try transcript()
        XCTAssertTrue(t.complete("lo").contains("look"))
        XCTAssertTrue(t.complete("look SPY ro").contains("rows"))
        XCTAssertEqual(t.complete("look SPY rows=2 ti"), ["title"])
        XCTAssertTrue(t.complete("help lo").contains("look"))
    }
}
