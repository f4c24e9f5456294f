import Foundation
import TapeShellTestSupport
import XCTest
@testable import TapeShell

/// What the chart commands' declarations give: `help chart SUBCOMMAND`, the dispatcher's
/// errors with their carets, Tab completion, the unit rules `chart greek` and `chart
/// payoff` share with the options area, and the size rule of text charts. Transcripts:
/// a line in, the lines out. Text charts and `terminal=none` write no files, so these
/// run in any directory.
final class ChartDeclarationTests: XCTestCase {
    // MARK: help

    func testHelpChartPayoffWordForWord() {
        let t = Transcript()
        XCTAssertEqual(t("help chart payoff"), [
            "usage: chart payoff NAME spot S expiry 30d vol 25% rate 4% [strike K] [width W] [far 60d] [div 1%]",
            "  P&L of a named option strategy at its first expiry and today against the underlying",
            "",
            "  arguments:",
            "    NAME ...  a strategy of `strategy list` (words or one_word) (name)",
            "",
            "  options:",
            "    spot S      price of the underlying (price or amount, above 0, required)",
            "    [strike K]  centre strike K (default: spot) (price or amount, above 0)",
            "    [width W]   strike spacing w (default 5% of K) (price or amount, above 0)",
            "    expiry 30d  the (near) expiry of a named strategy (duration (d, w, m, y, h), above 0 days,",
            "                required)",
            "    [far 60d]   the far expiry of calendars and diagonals (default twice expiry) (duration (d, w, m,",
            "                y, h), above 0 days)",
            "    vol P%      volatility per year (rate (%, bp or a fraction below 1), above 0%, required)",
            "    rate P%     risk-free rate, continuously compounded (rate (%, bp or a fraction below 1), from",
            "                -100% to 100%, required)",
            "    [div P%]    dividend yield, continuously compounded (rate (%, bp or a fraction below 1), from",
            "                -100% to 100%)",
            "",
            "  chart payoff straddle spot 100 expiry 30d vol 25% rate 4%",
            "  chart payoff iron condor spot 100 width 5 expiry 45d vol 20% rate 4%",
            "  strategy list shows the names; strategy NAME ... prints the analysis and draws the same picture.",
        ])
    }

    func testEverySubcommandHasItsOwnHelp() {
        let t = Transcript()
        for name in ["add", "drop", "equity", "optimize", "returns", "histogram", "scatter", "correlation", "smile",
                     "surface", "payoff", "greek"] {
            XCTAssertEqual(t("help chart \(name)").first.map { $0.hasPrefix("usage: chart \(name)") }, true, name)
        }
        XCTAssertEqual(t("help chart scatter").first, "usage: chart scatter X, Y")
        XCTAssertEqual(t("help chart drop").first, "usage: chart drop [N]")
        XCTAssertEqual(t("help chart paypff").first, "error: no help for 'chart paypff' — did you mean 'payoff'?")
        let chart = t("help chart")
        XCTAssertTrue(chart.contains("  subcommands (help chart NAME for one):"), "\(chart)")
        XCTAssertTrue(chart.contains { $0.hasPrefix("    payoff       ") }, "\(chart)")
    }

    // MARK: errors, each with its caret

    func testMistakesAreOneLineErrorsWithACaret() {
        let t = Transcript()
        t("load SPY")
        XCTAssertEqual(t("chart scatter close"), [
            "error: chart scatter needs Y — usage: chart scatter X, Y",
            "  chart scatter close",
            "                ^^^^^",
        ])
        XCTAssertEqual(t("chart scater"), [
            "error: unknown chart subcommand 'scater' — did you mean 'scatter'?",
            "  chart scater",
            "        ^^^^^^",
        ])
        XCTAssertEqual(t("chart close"), [
            "error: chart takes a dataset and a date range — add series with: chart add close",
            "  chart close",
            "        ^^^^^",
        ])
        XCTAssertEqual(t("chart scatter close, 5"), [
            "error: chart scatter takes one series here, not a number — chart scatter SPY.close, QQQ.close",
            "  chart scatter close, 5",
            "                       ^",
        ])
        XCTAssertEqual(t("chart histogram bbands(close, 20)"), [
            "error: chart histogram takes one series here, not 3 series — chart histogram close - sma(close, 20)",
            "  chart histogram bbands(close, 20)",
            "                  ^^^^^^^^^^^^^^^^^",
        ])
        XCTAssertEqual(t("chart equity now"), [
            "error: chart equity takes no arguments — usage: chart equity",
            "  chart equity now",
            "               ^^^",
        ])
        XCTAssertEqual(t("plot close 1..5"), [
            "error: the zoom must be a date range such as 2020-01-01..2021-06-30",
            "  plot close 1..5",
            "             ^^^^",
        ])
        XCTAssertEqual(t("plot close titel \"x\""), [
            "error: plot has no option 'titel' — did you mean 'title'? usage: plot EXPR, ... [DATE..DATE] [title TEXT]",
            "  plot close titel \"x\"",
            "             ^^^^^",
        ])
        XCTAssertEqual(t("chart drop"), [
            "error: no chart to change yet — start one: plot close, or chart",
            "  chart drop",
            "  ^^^^^",
        ])
        XCTAssertEqual(t("set plot terminal=none"), [])
        XCTAssertEqual(t("plot close"), [])
        XCTAssertEqual(t("chart drop 0"), [
            "error: N must be at least 1 — got 0",
            "  chart drop 0",
            "             ^",
        ])
        XCTAssertEqual(t("chart drop 3"), [
            "error: chart drop takes the number of an item — 1 overlay close",
            "  chart drop 3",
            "             ^",
        ])
        XCTAssertEqual(t("chart SPY volume novolume"), [
            "error: volume and novolume cannot both be given — usage: chart [SYMBOL] [DATE..DATE] [ohlc|candles] [volume|novolume] [title TEXT]  |  chart SUBCOMMAND ...",
            "  chart SPY volume novolume",
            "                   ^^^^^^^^",
        ])
        XCTAssertEqual(t("set plot size 60x20"), [
            "error: set plot: size must be WxH in pixels, each from 100 to 8000, e.g. 900x560 (got '60x20')",
            "  set plot size 60x20",
            "                ^^^^^",
        ])
    }

    /// `chart drop` alone lists what it can drop, numbered as `chart drop N` takes them.
    func testChartDropAloneListsTheItems() {
        let t = Transcript()
        t("load SPY")
        t("set plot terminal=none")
        XCTAssertEqual(t("plot close, 300; panel rsi(close, 14), 30, 70; chart add sma(close, 50)"), [])
        XCTAssertEqual(t("chart drop"), ["1 overlay close", "2 overlay 300", "3 overlay sma(close, 50)", "4 panel rsi(close, 14)"])
        XCTAssertEqual(t("chart drop 4; chart drop"), ["1 overlay close", "2 overlay 300", "3 overlay sma(close, 50)"])
    }

    // MARK: the option market's unit rules, shared with price, greeks and strategy

    func testChartGreekAndPayoffRefuseWhatCouldBeMisread() {
        let t = Transcript()
        let greek = "chart greek delta call strike 105 expiry 30d vol 25 rate 4%"
        XCTAssertEqual(t(greek), [
            "error: vol needs a unit: 25 would be 2500% — did you mean 25%?",
            "  " + greek,
            "                                                   ^^",
        ])
        let payoff = "chart payoff straddle spot 100 expiry 30d vol 25 rate 4%"
        XCTAssertEqual(t(payoff), [
            "error: vol needs a unit: 25 would be 2500% — did you mean 25%?",
            "  " + payoff,
            "                                                ^^",
        ])
        XCTAssertEqual(t("chart payoff straddle spot 100 expiry 30 vol 25% rate 4%"), [
            "error: expiry needs a unit: 30d, 6m, 0.5y — did you mean 30d?",
            "  chart payoff straddle spot 100 expiry 30 vol 25% rate 4%",
            "                                        ^^",
        ])
        XCTAssertEqual(t("chart greek gamma put strike 5% expiry 30d vol 25% rate 4%"), [
            "error: strike is a price or amount, not a percentage — write strike 5",
            "  chart greek gamma put strike 5% expiry 30d vol 25% rate 4%",
            "                               ^^",
        ])
        XCTAssertEqual(t("chart greek vegaa call strike 105 expiry 30d vol 25% rate 4%"), [
            "error: unknown greek 'vegaa' — did you mean 'vega'?",
            "  chart greek vegaa call strike 105 expiry 30d vol 25% rate 4%",
            "              ^^^^^",
        ])
        XCTAssertEqual(t("chart payoff straddle spto 100 expiry 30d vol 25% rate 4%"), [
            "error: chart payoff has no option 'spto' — did you mean 'spot'? usage: chart payoff NAME spot S expiry 30d vol 25% rate 4% [strike K] [width W] [far 60d] [div 1%]",
            "  chart payoff straddle spto 100 expiry 30d vol 25% rate 4%",
            "                        ^^^^",
        ])
        XCTAssertEqual(t("chart payoff spot 100 expiry 30d vol 25% rate 4%").first,
                       "error: chart payoff needs a strategy name — strategy list shows them")
    }

    /// With the unit written, 25% is read as 0.25: the charts' titles (drawn as text here)
    /// say so, where `vol 25` once drew a volatility of 2500%.
    func testAVolWithItsUnitIsReadAsAFraction() {
        let t = Transcript(columns: 80)
        t("set plot terminal=dumb")
        let greek = t("chart greek delta call strike 105 expiry 30d vol 25% rate 4%")
        XCTAssertEqual(greek.first?.trimmingCharacters(in: .whitespaces), "call delta, K=105, vol 25%")
        XCTAssertTrue(greek.contains { $0.contains("7.5d") } && greek.contains { $0.contains("90d") }, "expiry/4, expiry and 3 x expiry")
        let payoff = t("chart payoff straddle spot 100 expiry 30d vol 25% rate 4%")
        XCTAssertEqual(payoff.first?.trimmingCharacters(in: .whitespaces), "long straddle: 30d, vol 25%, rate 4%")
    }

    // MARK: completion

    func testTabOffersSubcommandsChoicesAndNames() {
        let t = Transcript()
        t("load SPY")
        let afterChart = Set(t.complete("chart "))
        for sub in ["add", "drop", "equity", "optimize", "returns", "histogram", "scatter", "correlation", "smile",
                    "surface", "payoff", "greek"] {
            XCTAssertTrue(afterChart.contains(sub), sub)
        }
        XCTAssertTrue(afterChart.isSuperset(of: ["SPY", "ohlc", "novolume", "title"]), "the container's own arguments and options")
        XCTAssertTrue(Set(t.complete("chart s")).isSuperset(of: ["scatter", "smile", "surface"]))
        XCTAssertEqual(t.complete("set plot terminal "), ["auto", "dumb", "none", "png", "sixel", "svg"])
        XCTAssertEqual(t.complete("set plot theme "), ["dark", "light"])
        XCTAssertTrue(Set(t.complete("set plot ")).isSuperset(of: ["terminal", "size", "text_size", "theme"]))
        XCTAssertTrue(Set(t.complete("chart greek ")).isSuperset(of: ["delta", "gamma", "theta", "vega", "strike", "expiry"]))
        XCTAssertTrue(Set(t.complete("chart greek delta ")).isSuperset(of: ["call", "put"]))
        XCTAssertEqual(t.complete("chart payoff iron_"), ["iron_butterfly", "iron_condor"])
    }

    // MARK: the size of text charts

    /// Issue 13 item 7: a text chart follows the terminal, never the pictures' pixel size
    /// (`size=800x600` once drew an 800-column chart); `text_size` fixes it in cells.
    func testATextChartFitsTheSessionWhateverThePictureSize() {
        let t = Transcript(columns: 60)
        t.shell.session.terminal.rows = 20
        t("load SPY")
        XCTAssertEqual(t("set plot terminal=dumb size=800x600"), [])
        for line in ["plot close", "chart", "chart greek theta put strike 100 expiry 60d vol 30% rate 4%"] {
            let text = t(line)
            XCTAssertGreaterThan(text.count, 10, line)
            XCTAssertLessThanOrEqual(text.count, 19, "\(line): one row is left for the prompt")
            XCTAssertLessThanOrEqual(text.map(\.count).max() ?? 0, 60, line)
            XCTAssertGreaterThan(text.map(\.count).max() ?? 0, 50, "\(line): the chart uses the width it has")
        }
        XCTAssertEqual(t("set plot text_size=90x24"), [])
        let fixed = t("plot close")
        XCTAssertEqual(fixed.map(\.count).max().map { (80...90).contains($0) }, true, "\(fixed.map(\.count).max() ?? 0) columns")
        XCTAssertEqual(t("set plot size=default text_size=default"), [])
        XCTAssertEqual(t("set plot"), ["plot = terminal=dumb size=default text_size=default theme=light"])
        XCTAssertLessThanOrEqual(t("plot close").map(\.count).max() ?? 0, 60)
    }

    /// At the prompt the window is measured as each chart is drawn; in scripts and
    /// replays it is the session's fixed size.
    func testTheWindowIsTheSessionsUnlessAtThePrompt() {
        var terminal = TerminalCapabilities.none
        terminal.columns = 61
        terminal.rows = 21
        let fixed = ChartCommands.window(terminal)()
        XCTAssertEqual([fixed.columns, fixed.rows, fixed.pixelWidth, fixed.pixelHeight], [61, 21, 0, 0])
        terminal.interactive = true
        let live = ChartCommands.window(terminal)()
        let measured = TerminalGraphics.measuredWindowSize()
        XCTAssertEqual([live.columns, live.rows], [measured?.columns ?? 61, measured?.rows ?? 21])
    }
}
