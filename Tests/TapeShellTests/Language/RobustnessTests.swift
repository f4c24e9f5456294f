import XCTest
@testable import TapeShell

/// Feeds the lexer, parser and evaluator many random and mutated lines. Every outcome
/// must be a value or a TapeError: a trap would end the test process.
final class RobustnessTests: XCTestCase {
    struct LCG {
        var state: UInt64
        mutating func next() -> UInt64 { state = state &* 6364136223846793005 &+ 1442695040888963407; return state >> 33 }
        mutating func int(_ n: Int) -> Int { Int(next() % UInt64(max(n, 1))) }
    }

    let seeds = [
        "load SPY from \"x.csv\" 2020-01-01..2020-06-30", "let fast = sma(close, 20)", "bbands(close, period=20, up=2).upper",
        "greeks call spot 80..120 step 5 strike=100 vol 20%", "cross(sma(close,10), sma(close, 20)) and not close > 3",
        "QQQ.close / QQQ.rsi(close, 14) - 1e308 * 1e308", "show tail 3 close, shift(close, 2)", "time describe; help rsi",
        "export close as c to \"/dev/null\"", "(((1)))^-2..3 step 0.5", "set seed 42; set convention tradingview",
        "backtest SPY sma_cross fast 3 slow 8 commission 0.1% stop 5% trail_atr 3", "stats; trades; equity",
        "backtest SPY long when close > sma(close, 5) exit when close < sma(close, 5) entry limit 1% entry_bars 2",
        "greeks call spot 80..120 step 5 strike 100 expiry 30d vol 20% rate 4%", "iv put price 2 spot 100 strike 95 expiry 7d rate 1%",
        "price call spot 100 strike 105 expiry 30d vol 25% rate 4% div 1% american engine baw",
        "strategy iron condor spot 100 width 5 expiry 45d vol 20% rate 4% at 10d",
        "strategy legs \"+1 put 95 30d @ 1.20, +1 stock\" spot 100 vol 25% rate 4%",
        "paper buy 10 SPY; paper step 3; paper positions; paper why 1", "paper sell 5 SPY limit 420 gtc; paper orders",
        "optimize sma_cross fast=2..6 step 2 slow=8..12 step 2 maximize sharpe", "validate SPY; clean SPY",
        "describe QQQ; show head 2 rsi(close, 3), macd(close).hist", "atr(3) / close; QQQ.atr(3); bbands(close, 5, 2, 2).upper",
        "scan nope where close > 1", "lesson 999", "help backtest; help rsi; strategies; help functions",
    ]
    let alphabet = Array("abcxyz019 .,;:=<>!()[]\"\\#%+-*/^_\u{e9}\u{1F600}\t\nstepandornotletload")

    func testRandomAndMutatedLinesNeverCrash() {
        let out = CapturedOutput()
        // A replay: scratch store and ledger, no network, no charts drawn.
        let shell = Shell(output: out, session: .replaying(SessionFile(), path: "fuzz.tape", mode: .check))
        shell.run(line: "set plot terminal=none")
        shell.workspace.add(Dataset(name: "SPY", bars: EvaluatorTests.bars("SPY", days: Array(1...28), close: (1...28).map(Double.init)), source: "t"))
        shell.workspace.add(Dataset(name: "QQQ", bars: EvaluatorTests.bars("QQQ", days: Array(2...20), close: (2...20).map(Double.init)), source: "t"))
        var rng = LCG(state: 12345)
        var outcomes = [Shell.Outcome: Int]()
        for i in 0..<12_000 {
            var line: [Character]
            if i % 3 == 0 {
                line = (0..<rng.int(40)).map { _ in alphabet[rng.int(alphabet.count)] }
            } else {
                line = Array(seeds[rng.int(seeds.count)])
                for _ in 0..<(1 + rng.int(4)) {
                    guard !line.isEmpty else { break }
                    let p = rng.int(line.count)
                    switch rng.int(4) {
                    case 0: line.remove(at: p)
                    case 1: line.insert(alphabet[rng.int(alphabet.count)], at: p)
                    case 2: line[p] = alphabet[rng.int(alphabet.count)]
                    default: line = Array(line[..<p])
                    }
                }
            }
            let text = String(line)
            // Never write files from fuzzed lines.
            if text.contains("export") || text.contains("to ") { continue }
            outcomes[shell.run(line: text), default: 0] += 1
            _ = out.take()
        }
        XCTAssertGreaterThan(outcomes[.failed, default: 0], 1000)
        XCTAssertGreaterThan(outcomes[.ok, default: 0], 100)
    }
}
