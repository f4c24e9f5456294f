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
    ]
    let alphabet = Array("abcxyz019 .,;:=<>!()[]\"\\#%+-*/^_\u{e9}\u{1F600}\t\nstepandornotletload")

    func testRandomAndMutatedLinesNeverCrash() {
        let out = CapturedOutput()
        let shell = Shell(output: out)
        shell.workspace.add(Dataset(name: "SPY", bars: EvaluatorTests.bars("SPY", days: Array(1...28), close: (1...28).map(Double.init)), source: "t"))
        shell.workspace.add(Dataset(name: "QQQ", bars: EvaluatorTests.bars("QQQ", days: Array(2...20), close: (2...20).map(Double.init)), source: "t"))
        var rng = LCG(state: 12345)
        var outcomes = [Shell.Outcome: Int]()
        for i in 0..<20_000 {
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
