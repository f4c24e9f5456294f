import Foundation
import TapeShellTestSupport
import XCTest
@testable import TapeShell

final class ReplayCommandTests: XCTestCase {
    var dir: URL!

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("replay-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: dir)
    }

    /// The file runs under its own seed (the header's), and what it binds stays in the
    /// workspace; the caller's seed is its own again afterwards.
    func testReplayRunsTheFileUnderItsOwnSeedInThisWorkspace() throws {
        let file = dir.appendingPathComponent("s.tape").path
        try "# tape: 0.1.0 session\n# seed: 77\nlet y = 40\ny + 2\n#> 42\nset\n".write(toFile: file, atomically: true, encoding: .utf8)
        let t = Transcript()
        t("set seed 5")
        let out = t("replay \"\(file)\"")
        XCTAssertEqual(out.first, "42")
        XCTAssertEqual(out.dropFirst().first, "seed = 77", "the replay's own session seed: \(out)")
        XCTAssertEqual(t("y"), ["40"])
        XCTAssertEqual(t.shell.session.seed, 5)
    }

    func testErrors() throws {
        let t = Transcript()
        XCTAssertEqual(t("replay"), [
            "error: replay needs \"FILE.tape\" — usage: replay \"FILE.tape\"",
            "  replay",
            "  ^^^^^^",
        ])
        XCTAssertEqual(t("replay session"), [
            "error: replay needs a file name in quotes — usage: replay \"FILE.tape\"",
            "  replay session",
            "         ^^^^^^^",
        ])
        let missing = dir.appendingPathComponent("none.tape").path
        XCTAssertEqual(t("replay \"\(missing)\"").first, "error: no such file: \(missing)")
        let failing = dir.appendingPathComponent("f.tape").path
        try "1 + 1\nqqqqqq + 1\n3\n".write(toFile: failing, atomically: true, encoding: .utf8)
        XCTAssertEqual(t("replay \"\(failing)\""), [
            "2",
            "\(failing):2: error: unknown name 'qqqqqq'",
            "  qqqqqq + 1",
            "  ^^^^^^",
            "error: replay of \(failing) stopped at a failed command",
            "  replay \"\(failing)\"",
            "         " + String(repeating: "^", count: failing.count + 2),
        ])
    }
}
