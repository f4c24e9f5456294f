import XCTest
@testable import TapeShell

final class CompletionTests: XCTestCase {
    func complete(_ shell: Shell, _ line: String) -> [String] {
        ShellCompleter(shell: shell).completions(line: line, cursor: line.utf8.count).candidates
    }

    func testCommandsFunctionsColumnsDatasetsKeysAndPaths() {
        let shell = Shell(output: CapturedOutput())
        shell.run(line: "load SPY")
        shell.run(line: "let fastline = sma(close, 5)")
        XCTAssertEqual(complete(shell, "hel"), ["help"])
        XCTAssertEqual(complete(shell, "load S"), ["SPX", "SPX_1MIN", "SPY"])
        XCTAssertEqual(complete(shell, "show tail 3 clo"), ["close"])
        XCTAssertEqual(complete(shell, "show fastl"), ["fastline"])
        XCTAssertEqual(complete(shell, "sma(clo"), ["close"])
        XCTAssertEqual(complete(shell, "1 + SPY.vo"), ["SPY.volume"])
        XCTAssertEqual(complete(shell, "set conv"), ["convention"])
        XCTAssertTrue(complete(shell, "export close t").contains("to"))
        XCTAssertEqual(complete(shell, "help rs"), ["rsi"])
        let paths = complete(shell, "load X from \"Tests/Fixtures/bro")
        XCTAssertEqual(paths, ["Tests/Fixtures/broken/"])
        XCTAssertTrue(complete(shell, "load X from \"Tests/Fixtures/broken/un").contains("Tests/Fixtures/broken/unsorted.csv"))
    }
}
