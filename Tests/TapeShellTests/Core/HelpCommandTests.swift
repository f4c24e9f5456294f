import TapeShellTestSupport
import XCTest
@testable import TapeShell

/// `help` is made from the declarations alone and laid out for the terminal: these pin
/// the text word for word at a given width, as swift-argument-parser's tests do.
final class HelpCommandTests: XCTestCase {
    func testHelpSetPlotWordForWordAt72Columns() {
        let help = Transcript(columns: 72)
        XCTAssertEqual(help("help set plot"), [
            "usage: set plot [terminal auto|sixel|dumb|png|svg|none]",
            "         [size WxH|default] [text_size COLSxROWS|default]",
            "         [theme light|dark]",
            "  where charts go: the terminal (sixel or text), png/svg files under",
            "  plots/, or nowhere",
            "",
            "  options:",
            "    [terminal auto|sixel|dumb|png|svg|none]  auto: sixel when the",
            "                                             terminal shows it, else",
            "                                             text; png or svg: files",
            "                                             under plots/; none: no",
            "                                             chart",
            "    [size WxH|default]                       pictures' width x height in",
            "                                             pixels (png, svg, sixel);",
            "                                             default: 900x560, or picked",
            "                                             for the terminal",
            "    [text_size COLSxROWS|default]            text charts' columns x",
            "                                             rows; default: the",
            "                                             terminal's window, measured",
            "                                             as each chart is drawn",
            "    [theme light|dark]                       colours of the chart",
            "",
            "  set plot terminal=png size=1200x700     keys as key=value or key value",
            "  set plot size=default                   pictures at 900x560 (sixel:",
            "                                          fitted to the window)",
            "  set plot terminal=dumb text_size=80x24  text charts of 80 x 24",
            "                                          characters, whatever the",
            "                                          window",
        ])
    }

    func testHelpReplayWordForWordAt60Columns() {
        let help = Transcript(columns: 60)
        XCTAssertEqual(help("help replay"), [
            "usage: replay \"FILE.tape\"",
            "  run a session file's commands in this session (stops at",
            "  the first failure)",
            "",
            "  arguments:",
            "    \"FILE.tape\"  the session file (file name)",
            "",
            "  The file is replayed as it was recorded: its seed, the",
            "  network bodies it names (from the cache), a scratch paper",
            "  ledger started from the account it recorded, its own chart",
            "  names. It is not trusted (docs/SESSIONS.md): it writes",
            "  only under its own folder and plots/ and never sends",
            "  orders. What it loads and binds stays in this workspace.",
        ])
    }

    func testHelpSetListsTheSettingsOfEveryAreaAsSubcommands() {
        let help = Transcript(columns: 100)
        let lines = help("help set")
        XCTAssertEqual(lines.first, "usage: set SETTING ...")
        let rows = lines.drop { $0 != "  subcommands (help set NAME for one):" }.dropFirst().prefix { !$0.isEmpty }
        let names = rows.filter { $0.hasPrefix("    ") && !$0.hasPrefix("     ") }.map { $0.split(separator: " ").first.map(String.init) ?? "" }
        XCTAssertEqual(names, Settings.all.map(\.name))
        XCTAssertEqual(help("help set seed"), [
            "usage: set seed SEED",
            "  the seed of every random choice (recorded in the session header)",
            "",
            "  arguments:",
            "    SEED  the seed (whole number, from 0 to 999999999999999)",
            "",
            "  Random search, genetic optimisation and sampling draw from it; a replay uses the seed it recorded.",
        ])
    }

    /// Every line of every help page fits the terminal, on wide and narrow terminals,
    /// unless a single word is wider than the room left beside its indent.
    func testEveryHelpPageFitsTheTerminalWidth() {
        for width in [50, 60, 80, 100, 140] {
            let help = Transcript(columns: width)
            let pages = help.shell.commands.allDeclarations.map { "help " + $0.fullName }
                + ["help", "help functions", "help commands", "help rsi", "help bbands", "help abs"]
            for page in pages {
                let lines = help(page)
                XCTAssertFalse(lines.first?.hasPrefix("error") ?? true, "\(page): \(lines)")
                for line in lines where line.count > width {
                    let indent = line.prefix { $0 == " " }.count
                    let longest = line.split(separator: " ").map(\.count).max() ?? 0
                    XCTAssertGreaterThan(indent + longest, width, "\(page) at \(width): '\(line)'")
                }
            }
        }
    }

    func testTheOverviewGroupsCommandsByArea() {
        let help = Transcript(columns: 100)
        let lines = help("help")
        XCTAssertEqual(lines.first, "Commands (help COMMAND for details, help functions for the language's functions):")
        let headers = lines.filter { $0.hasSuffix(":") && !$0.hasPrefix(" ") && !$0.hasPrefix("Commands") }
        XCTAssertEqual(headers, headers.sorted(), "areas in alphabetical order, each once")
        XCTAssertEqual(Set(headers).count, headers.count)
        XCTAssertTrue(headers.contains("core:") && headers.contains("sessions:") && headers.contains("lessons:"), "\(headers)")
        let core = lines.drop { $0 != "core:" }.dropFirst().prefix { !$0.isEmpty }
        XCTAssertEqual(core.map { $0.split(separator: " ").first.map(String.init) ?? "" }, ["help", "quit", "set"])
    }

    func testFunctionsAndIndicators() {
        let help = Transcript(columns: 100)
        let functions = help("help functions")
        XCTAssertEqual(functions.first, "Functions (help NAME for details):")
        XCTAssertTrue(functions[1].hasPrefix("function"), functions[1])
        XCTAssertTrue(functions.contains { $0.hasPrefix("rsi(") }, "\(functions)")
        let rsi = help("help rsi")
        XCTAssertEqual(rsi.prefix(2), ["rsi(real, period=14)  [Momentum]", "  relative strength index (Wilder)"])
        XCTAssertTrue(rsi.contains("    period = 14  (2..100000, whole) window length in bars"), "\(rsi)")
        XCTAssertTrue(rsi.contains("  lookback: 14 bars with the defaults (NaN before)"), "\(rsi)")
    }

    func testErrorsPointAtTheWordWithoutHelp() {
        let help = Transcript()
        XCTAssertEqual(help("help set sed"), [
            "error: no help for 'set sed' — did you mean 'seed'?",
            "  help set sed",
            "           ^^^",
        ])
        XCTAssertEqual(help("help quit now"), [
            "error: no help for 'quit now' — quit has no subcommands",
            "  help quit now",
            "            ^^^",
        ])
        XCTAssertEqual(help("help stes"), [
            "error: no help for 'stes' — did you mean 'set'?",
            "  help stes",
            "       ^^^^",
        ])
        XCTAssertEqual(help("help sett plot"), [
            "error: no help for 'sett' — did you mean 'set'?",
            "  help sett plot",
            "       ^^^^",
        ])
        XCTAssertEqual(help("help set plot size"), [
            "error: no help for 'set plot size' — set plot has no subcommands",
            "  help set plot size",
            "                ^^^^",
        ])
        XCTAssertEqual(help("help 3"), [
            "error: topic must be a name",
            "  help 3",
            "       ^",
        ])
    }

    func testTabAfterHelpOffersCommandsFunctionsAndSubcommands() {
        let t = Transcript()
        XCTAssertEqual(t.complete("help pa"), ["panel", "paper"])
        XCTAssertEqual(t.complete("help set "), Settings.all.map(\.name).sorted())
        XCTAssertEqual(t.complete("help set p"), ["plot"])
    }
}
