import Foundation
import TapeShellTestSupport
import XCTest
@testable import TapeShell

final class NotebookCommandTests: XCTestCase {
    func testNotebookRendersTheRecordingSoFar() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nb-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let session = Session.script(.commandLine)
        session.recorder = try SessionRecorder(path: dir.appendingPathComponent("s.tape").path, seed: 1, clock: "2026-01-01T00:00:00")
        let t = Transcript(session: session)
        t("let x = 6 * 7")
        t("x")
        let target = dir.appendingPathComponent("s.html").path
        XCTAssertEqual(t("notebook to \"\(target)\""), ["wrote \(target)"])
        let html = try String(contentsOfFile: target, encoding: .utf8)
        XCTAssertTrue(html.contains("let x = 6 * 7"), html)
        XCTAssertTrue(html.contains("42"), html)
        // `notebook` is about the shell: it is not recorded.
        let recorded = try String(contentsOfFile: dir.appendingPathComponent("s.tape").path, encoding: .utf8)
        XCTAssertFalse(recorded.contains("notebook"), recorded)
    }

    func testErrors() {
        let t = Transcript()
        XCTAssertEqual(t("notebook"), [
            "error: this session is not being recorded — for a file: tape notebook FILE.tape -o out.html",
            "  notebook",
            "  ^^^^^^^^",
        ])
        XCTAssertEqual(t("notebook to out"), [
            "error: to needs a file name in quotes — e.g. to \"file.csv\"",
            "  notebook to out",
            "              ^^^",
        ])
        XCTAssertEqual(t("notebook \"x.md\""), [
            "error: notebook takes no arguments — usage: notebook [to \"FILE.md|FILE.html\"]",
            "  notebook \"x.md\"",
            "           ^^^^^^",
        ])
    }
}
