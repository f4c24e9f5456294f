import TapeShellTestSupport
import XCTest
@testable import TapeShell

/// `set` and its settings as typed: each setting is a subcommand row whose arguments and
/// options the dispatcher converts and checks before the setting runs.
final class SetCommandTests: XCTestCase {
    func testSetAloneListsEverySettingOfEveryArea() {
        let t = Transcript()
        let lines = t("set")
        XCTAssertEqual(lines.map { String($0.prefix { $0 != " " }) }, Settings.all.map(\.name))
        XCTAssertEqual(lines.first, "seed = 1")
        XCTAssertTrue(lines.contains("convention = talib"), "\(lines)")
        XCTAssertTrue(lines.contains("plot = terminal=auto size=default text_size=default theme=light"), "\(lines)")
    }

    func testSeed() {
        let t = Transcript()
        XCTAssertEqual(t("set seed 42"), [])
        XCTAssertEqual(t.shell.session.seed, 42)
        XCTAssertEqual(t("set seed 999999999999999"), [])
        XCTAssertEqual(t.shell.session.seed, 999_999_999_999_999)
        XCTAssertEqual(t("set seed -1"), [
            "error: seed must be from 0 to 999999999999999 — got -1",
            "  set seed -1",
            "           ^^",
        ])
        XCTAssertEqual(t("set seed 1.5"), [
            "error: seed must be a whole number — seed is from 0 to 999999999999999",
            "  set seed 1.5",
            "           ^^^",
        ])
        XCTAssertEqual(t("set seed 1e15"), [
            "error: seed must be from 0 to 999999999999999 — got 1e+15",
            "  set seed 1e15",
            "           ^^^^",
        ])
        XCTAssertEqual(t("set seed 5%"), [
            "error: seed is a plain whole number, not a percentage — write seed 5",
            "  set seed 5%",
            "           ^^",
        ])
        XCTAssertEqual(t("set seed"), [
            "error: set seed needs SEED — usage: set seed SEED",
            "  set seed",
            "  ^^^",
        ])
        XCTAssertEqual(t("set seed 1 2"), [
            "error: too many arguments for set seed — usage: set seed SEED",
            "  set seed 1 2",
            "             ^",
        ])
        XCTAssertEqual(t.shell.session.seed, 999_999_999_999_999, "a refused value leaves the seed as it was")
    }

    func testConvention() {
        let t = Transcript()
        XCTAssertEqual(t("set convention TradingView"), [])
        XCTAssertEqual(t.shell.workspace.convention, .tradingview)
        XCTAssertEqual(t("set convention talb"), [
            "error: unknown convention 'talb' — did you mean 'talib'?",
            "  set convention talb",
            "                 ^^^^",
        ])
        XCTAssertEqual(t.shell.workspace.convention, .tradingview)
    }

    /// Issue 13 item 7: `set plot size=default` was refused, though `set plot` prints it.
    func testPlotSizeDefaultReadsBackWhatSetPlotPrints() {
        let t = Transcript()
        XCTAssertEqual(t("set plot size=640x400 theme dark"), [])
        XCTAssertEqual(t("set plot"), ["plot = terminal=auto size=640x400 text_size=default theme=dark"])
        XCTAssertEqual(t("set plot size=default"), [])
        XCTAssertEqual(t("set plot"), ["plot = terminal=auto size=default text_size=default theme=dark"])
        XCTAssertEqual(t("set plot size 800"), [
            "error: set plot: size must be WxH in pixels, each from 100 to 8000, e.g. 900x560 (got '800')",
            "  set plot size 800",
            "                ^^^",
        ])
        XCTAssertEqual(t("set plot terminal=x11"), [
            "error: unknown terminal 'x11' — one of: auto, sixel, dumb, png, svg, none",
            "  set plot terminal=x11",
            "                    ^^^",
        ])
        XCTAssertEqual(t("set plot colour=red"), [
            "error: set plot has no option 'colour' — usage: set plot [terminal auto|sixel|dumb|png|svg|none] [size WxH|default] [text_size COLSxROWS|default] [theme light|dark]",
            "  set plot colour=red",
            "           ^^^^^^",
        ])
        XCTAssertEqual(t("set plot"), ["plot = terminal=auto size=default text_size=default theme=dark"], "a refused line changes nothing")
    }

    func testUnknownSettingAndFileSettings() {
        let t = Transcript()
        XCTAssertEqual(t("set sed 4"), [
            "error: unknown set subcommand 'sed' — did you mean 'seed'?",
            "  set sed 4",
            "      ^^^",
        ])
        XCTAssertEqual(t("set ledger paper"), [
            "error: set ledger needs a file name in quotes — usage: set ledger \"FILE.sqlite\"",
            "  set ledger paper",
            "             ^^^^^",
        ])
        XCTAssertEqual(t("set store"), [
            "error: set store needs \"FILE.db\"|default — usage: set store \"FILE.db\"|default",
            "  set store",
            "  ^^^",
        ])
        XCTAssertEqual(t("set store 5"), [
            "error: set store needs a file name in quotes, or default",
            "  set store 5",
            "            ^",
        ])
    }

    func testTabAfterSetOffersTheSettingsThenTheirOptionsAndWords() {
        let t = Transcript()
        XCTAssertEqual(t.complete("set "), Settings.all.map(\.name).sorted())
        XCTAssertEqual(t.complete("set conv"), ["convention"])
        XCTAssertTrue(Set(["size", "terminal", "theme"]).isSubset(of: t.complete("set plot ")))
        XCTAssertEqual(t.complete("set plot th"), ["theme"])
        XCTAssertEqual(t.complete("set plot size=640x400 t").filter { ["size", "terminal", "theme"].contains($0) }, ["terminal", "theme"])
        XCTAssertEqual(t.complete("set plot terminal "), ["auto", "dumb", "none", "png", "sixel", "svg"])
        XCTAssertEqual(t.complete("set plot theme d"), ["dark"])
        XCTAssertTrue(Set(["talib", "tradingview"]).isSubset(of: t.complete("set convention ")))
    }
}
