import Foundation
import TapeCore
import TapeShellTestSupport
import XCTest
@testable import TapeShell

/// What the option commands' declarations give: help for each subcommand, one error per
/// unit rule with its caret, "did you mean" for misspelled keys, and Tab completion of
/// subcommands, strategy names and choices. Transcripts: a line in, the lines out.
final class OptionsDeclarationTests: XCTestCase {
    let transcript = Transcript()
    var shell: Shell { transcript.shell }

    func run(_ line: String) -> [String] { transcript(line) }

    func complete(_ line: String) -> [String] {
        ShellCompleter(shell: shell).completions(line: line, cursor: line.utf8.count).candidates
    }

    // MARK: help

    func testHelpChainSmileWordForWord() {
        XCTAssertEqual(run("help chain smile"), [
            "usage: chain smile [N] [nochart]",
            "  strikes and implied vols of every expiry, or of the Nth, drawn as smile curves",
            "",
            "  arguments:",
            "    [N]  the expiry's number, nearest first (whole number, at least 1)",
            "",
            "  options:",
            "    [nochart]  print the tables without the picture",
            "",
            "  chain smile        every expiry, nearest first, one curve each (at most 10 drawn)",
            "  chain smile 2      the 2nd expiry only",
        ])
    }

    func testEverySubcommandHasHelp() {
        for path in ["chain load", "chain smile", "chain surface", "chain term", "chain parity", "chain notes",
                     "greeks from", "iv from", "strategy list"] {
            let lines = run("help \(path)")
            XCTAssertEqual(lines.first.map { $0.hasPrefix("usage: \(path)") }, true, "\(path): \(lines)")
        }
        XCTAssertEqual(run("help chain load").first, "usage: chain load \"file.csv\" spot S rate R [div Q]")
        XCTAssertEqual(run("help greeks from").first, "usage: greeks from \"in.csv\" to \"out.csv\"")
        XCTAssertEqual(run("help chain smil").first, "error: no help for 'chain smil' — did you mean 'smile'?")
    }

    // MARK: unit rules, each with its caret

    func testEachUnitRuleRefusesWithACaret() {
        let tail = " expiry 30d vol 25% rate 4%"
        XCTAssertEqual(run("greeks call spot 100 strike 105 expiry 30 vol 25% rate 4%"), [
            "error: expiry needs a unit: 30d, 6m, 0.5y — did you mean 30d?",
            "  greeks call spot 100 strike 105 expiry 30 vol 25% rate 4%",
            "                                         ^^",
        ])
        XCTAssertEqual(run("greeks call spot 100 strike 105 expiry 30d vol 25 rate 4%"), [
            "error: vol needs a unit: 25 would be 2500% — did you mean 25%?",
            "  greeks call spot 100 strike 105 expiry 30d vol 25 rate 4%",
            "                                                 ^^",
        ])
        XCTAssertEqual(run("iv call price 2 spot 100 strik 105" + tail.replacingOccurrences(of: " vol 25%", with: "")), [
            "error: iv has no option 'strik' — did you mean 'strike'? usage: iv call|put price P spot S strike K expiry 30d rate 4% [div 1%] [future]",
            "  iv call price 2 spot 100 strik 105 expiry 30d rate 4%",
            "                           ^^^^^",
        ])
        XCTAssertEqual(run("greeks put spot 100 strike 5%" + tail), [
            "error: strike is a price or amount, not a percentage — write strike 5",
            "  greeks put spot 100 strike 5% expiry 30d vol 25% rate 4%",
            "                             ^^",
        ])
        let steps = "price put spot 100 strike 100" + tail + " american steps 1"
        XCTAssertEqual(run(steps), [
            "error: steps must be from 2 to 20000 — got 1",
            "  " + steps,
            "  " + String(repeating: " ", count: steps.count - 1) + "^",
        ])
        XCTAssertEqual(run("strategy long call spot 100 vol 20% rate 4% expiry 30d drift 8"), [
            "error: drift needs a unit: 8 would be 800% — did you mean 8%?",
            "  strategy long call spot 100 vol 20% rate 4% expiry 30d drift 8",
            "                                                               ^",
        ])
        XCTAssertEqual(run("strategy calendar call spread spot 100 expiry 30d far 90 vol 25% rate 4%").first,
                       "error: far needs a unit: 30d, 6m, 0.5y — did you mean 90d?")
        XCTAssertEqual(run("strategy long call spot 100 expiry 30d vol 25% rate 4% at 10").first,
                       "error: at needs a unit: 30d, 6m, 0.5y — did you mean 10d?")
        XCTAssertEqual(run("strategy long call spot 100 width 5% expiry 30d vol 25% rate 4%").first,
                       "error: width is a price or amount, not a percentage — write width 5")
        XCTAssertEqual(run("chain load \"x.csv\" spot 100 rate 4 div 1%").first,
                       "error: rate needs a unit: 4 would be 400% — did you mean 4%?")
    }

    /// Bounds and counts, checked by the dispatcher before any file is read or option priced.
    func testBoundsAndCounts() {
        XCTAssertEqual(run("chain smile 0"), ["error: N must be at least 1 — got 0", "  chain smile 0", "              ^"])
        XCTAssertEqual(run("chain smile 1.5").first, "error: N must be a whole number — N is at least 1")
        XCTAssertEqual(run("iv call price -1 spot 100 strike 100 expiry 30d rate 4%").first, "error: price must be at least 0 — got -1")
        XCTAssertEqual(run("strategy long call spot 100 expiry 30d vol 25% rate 4% at 30d nochart").first { $0.hasPrefix("error") },
                       "error: at must fall before the first expiry (30 days)")
        XCTAssertEqual(run("greeks call spot 100 strike 100 expiry 0d vol 25% rate 4%").first,
                       "error: expiry must be above 0 days — got 0 days")
        XCTAssertEqual(run("strategy long call spot 100 expiry 30d vol 0% rate 4%").first, "error: vol must be above 0% — got 0%")
        XCTAssertEqual(run("strategy long call spot 100 expiry 30d vol 20% rate 4% drift 150%").first,
                       "error: drift must be from -100% to 100% — got 150%")
    }

    /// A bare number is never years: `0.25y`, `3m` and `91.25d` are the same quarter.
    func testDurationsInAnyUnitGiveTheSameNumbers() throws {
        let quarter = run("greeks call spot 100 strike 105 expiry 0.25y vol 25% rate 4%")
        XCTAssertEqual(run("greeks call spot 100 strike 105 expiry 3m vol 25% rate 4%"), quarter)
        XCTAssertEqual(run("greeks call spot 100 strike 105 expiry 91.25d vol 25% rate 4%"), quarter)
        let g = try BlackScholes.greeks(.call, spot: 100, strike: 105, years: 0.25, rate: 0.04, dividendYield: 0, vol: 0.25)
        XCTAssertTrue(quarter.contains { $0.hasPrefix("price") && $0.contains(Format.number(g.price)) }, "\(quarter)")
        XCTAssertEqual(run("greeks call spot 100 strike 105 expiry 0.25 vol 25% rate 4%").first,
                       "error: expiry needs a unit: 30d, 6m, 0.5y — did you mean 0.25d?")
    }

    // MARK: keys and arity

    func testMisspelledKeysAndStrayArguments() {
        XCTAssertEqual(run("strategy iron condor strik 105 spot 100 expiry 30d vol 20% rate 4%"), [
            "error: strategy has no option 'strik' — did you mean 'strike'? usage: " + StrategyCommand.spec.usage,
            "  strategy iron condor strik 105 spot 100 expiry 30d vol 20% rate 4%",
            "                       ^^^^^",
        ])
        XCTAssertEqual(run("chain smile strike 5"), [
            "error: chain smile has no option 'strike' — usage: chain smile [N] [nochart]",
            "  chain smile strike 5",
            "              ^^^^^^",
        ])
        XCTAssertEqual(run("chain term 2").first, "error: chain term takes no arguments — usage: chain term")
        XCTAssertEqual(run("chain parity nochart").first, "error: chain parity takes no arguments — usage: chain parity")
        XCTAssertEqual(run("strategy list spot 100").first, "error: strategy list takes no options — usage: strategy list")
        XCTAssertEqual(run("chain").first, "error: chain needs a subcommand — one of: load, smile, surface, term, parity, notes, save")
        XCTAssertEqual(run("chain smiel").first, "error: unknown chain subcommand 'smiel' — did you mean 'smile'?")
        XCTAssertEqual(run("greeks from \"in.csv\"").first,
                       "error: greeks from needs to: to \"FILE\" — usage: greeks from \"in.csv\" to \"out.csv\"")
        XCTAssertEqual(run("price call spot 100 strike 100 expiry 30d vol 25% rate 4% americn").first,
                       "error: price has no option 'americn' — did you mean 'american'? usage: " + PriceCommand.spec.usage)
    }

    /// Strategy names whose words lie close to option keys (`short`/`spot`, `strip`/`strike`,
    /// `put`/`at`) are names, not mistyped keys; a name written as one word is the same.
    func testStrategyNamesCloseToKeysAreNames() {
        let tail = " spot 100 expiry 30d vol 20% rate 4% nochart"
        for name in ["short put", "strip", "strap", "short stock", "long put butterfly"] {
            XCTAssertEqual(run("strategy " + name + tail).first, name)
        }
        XCTAssertEqual(run("strategy iron_condor" + tail), run("strategy iron condor" + tail))
    }

    // MARK: completion

    func testTabOffersSubcommandsStrategyNamesAndChoices() {
        XCTAssertEqual(complete("chain "), ["load", "notes", "parity", "save", "smile", "surface", "term"])
        XCTAssertEqual(complete("chain s"), ["save", "smile", "surface"])
        XCTAssertEqual(complete("chain load \"x.csv\" sp"), ["spot"])

        let names = StrategyTemplate.catalog.map { $0.name.replacingOccurrences(of: " ", with: "_") }
        XCTAssertEqual(names.count, 46)
        let offered = Set(complete("strategy "))
        XCTAssertTrue(offered.isSuperset(of: names + ["list", "spot", "legs", "expiry"]), "\(offered.subtracting(names))")
        XCTAssertEqual(complete("strategy iron_"), ["iron_butterfly", "iron_condor"])
        XCTAssertEqual(complete("strategy bull"), ["bull_call_spread", "bull_put_spread"])
        XCTAssertTrue(complete("strategy li").contains("list"))

        XCTAssertEqual(complete("greeks call spot 80..120 step 5 plot "), OptionsCharts.plottable.map(\.name).sorted())
        XCTAssertTrue(Set(complete("greeks ")).isSuperset(of: ["from", "call", "put"]))
        XCTAssertEqual(complete("price put spot 100 engine "), ["baw", "bjs", "bjs2002", "crr"])
    }

    // MARK: declarations

    /// Every value of the area whose unit matters is declared with that unit's kind, so the
    /// dispatcher's rules apply to it wherever it appears.
    func testEveryUnitBearingOptionIsDeclaredWithItsKind() {
        let table = CommandTable.standard()
        let area = table.allDeclarations.filter { ["price", "greeks", "iv", "chain", "strategy"].contains($0.path[0]) }
        XCTAssertEqual(area.count, 5 + 7 + 1 + 1 + 1, "five commands, chain's seven subcommands, greeks from, iv from, strategy list")
        let kinds: [String: ValueKind] = [
            "expiry": .duration, "far": .duration, "at": .duration,
            "vol": .rate, "rate": .rate, "div": .rate, "drift": .rate,
            "spot": .money, "strike": .money, "width": .money, "price": .money,
            "steps": .count, "to": .path,
        ]
        for spec in area {
            for o in spec.options where !o.isFlag {
                XCTAssertNotEqual(o.kind, .expression, "\(spec.fullName) \(o.name) is untyped")
                if let k = kinds[o.name] { XCTAssertEqual(o.kind, k, "\(spec.fullName) \(o.name)") }
            }
            XCTAssertTrue(spec.run == nil || spec.arguments != nil, "\(spec.fullName) declares its arguments")
        }
    }
}
