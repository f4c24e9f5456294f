import TapeTestSupport
import XCTest
@testable import TapeShell

/// The docs are checked against the tables they describe.
final class DocsAgreementTests: XCTestCase {
    static let root = Repository.root

    func testCommandReferenceMatchesTheTable() throws {
        let path = Self.root.appendingPathComponent("docs/COMMANDS.md").path
        let text = try String(contentsOfFile: path, encoding: .utf8)
        XCTAssertEqual(text, CommandReference.markdown(CommandTable.standard()), "docs/COMMANDS.md is stale: run `make docs`")
    }

    func testHelpTextWordForWord() {
        let out = CapturedOutput()
        let shell = Shell(output: out)
        shell.run(line: "help use")
        XCTAssertEqual(out.take(), ["usage: use NAME", "  make a loaded dataset the current one (bare names like close refer to it)",
                                    "", "  arguments:", "    NAME  a loaded dataset (name)"])
        shell.run(line: "help qqqqqq")
        XCTAssertEqual(out.take().first, "error: no help for 'qqqqqq' — try: help")
        shell.run(line: "help lod")
        XCTAssertEqual(out.take().first, "error: no help for 'lod' — did you mean 'load'?")
    }
}
