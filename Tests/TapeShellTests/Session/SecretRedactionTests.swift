import Foundation
import XCTest
@testable import TapeData
@testable import TapeShell

/// A URL with credentials typed at the prompt is redacted in history, the session file,
/// error messages and notebooks (docs/TERMINAL.md).
final class SecretRedactionTests: XCTestCase {
    let secrets = ["hunter2", "SEKRETKEY", "SIGNATURE123", "CRED456"]
    var line: String {
        "load X from \"http://alice:hunter2@127.0.0.1:9/x.csv?apiKey=SEKRETKEY&X-Amz-Signature=SIGNATURE123&x-amz-credential=CRED456&page=2\""
    }

    func assertClean(_ text: String, _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        for s in secrets { XCTAssertFalse(text.contains(s), "\(what) shows \(s): \(text)", file: file, line: line) }
    }

    func testURLsInALineAreRedacted() {
        XCTAssertEqual(URLRedaction.redactURLs(in: line),
                       "load X from \"http://***@127.0.0.1:9/x.csv?apiKey=***&X-Amz-Signature=***&x-amz-credential=***&page=2\"")
        XCTAssertEqual(URLRedaction.redactURLs(in: "no url here"), "no url here")
        XCTAssertEqual(URLRedaction.redactURLs(in: "a https://h/p?token=t b s3://b/k c"), "a https://h/p?token=*** b s3://b/k c")
    }

    func testHistorySessionFileErrorsAndNotebooksHoldNoSecret() throws {
        let dir = NSTemporaryDirectory() + "tape-secrets-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        XCTAssertEqual(HistoryFile.storable(line), URLRedaction.redactURLs(in: line))

        let out = CapturedOutput()
        let shell = Shell(output: out)
        shell.session.recorder = try SessionRecorder(path: dir + "/s.tape", seed: 1, clock: "2026-01-01T00:00:00")
        shell.run(line: "set store \"\(dir)/store.db\"")
        XCTAssertEqual(shell.run(line: line), .failed, "nothing listens on port 9")
        let errors = out.take().joined(separator: "\n")
        XCTAssertTrue(errors.hasPrefix("error: "), errors)
        assertClean(errors, "the error")
        shell.run(line: "history")
        assertClean(out.take().joined(separator: "\n"), "history")
        let recorded = try String(contentsOfFile: dir + "/s.tape", encoding: .utf8)
        XCTAssertTrue(recorded.contains("# failed: load X from \"http://***@127.0.0.1:9/"), recorded)
        assertClean(recorded, "the session file")

        let handWritten = "# fetch it with \(line.dropFirst(12))\n\(line)\n"
        assertClean(Notebook.render(text: handWritten, name: dir + "/n.tape", format: .markdown, pictures: dir + "/n_files"), "the notebook")
        assertClean(Notebook.render(text: handWritten, name: dir + "/n.tape", format: .html), "the HTML notebook")
    }
}
