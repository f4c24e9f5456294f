import Foundation
import XCTest
@testable import TapeShell

/// What reaches a terminal, a notebook or a session file from a hostile file stays text.
final class OutputSafetyTests: XCTestCase {
    func testTerminalTextKeepsColourAndDropsEveryOtherControl() {
        let osc52 = "a\u{1B}]52;c;cm0gLXJmIH4=\u{07}b"
        XCTAssertEqual(TerminalText.safe(osc52), "a]52;c;cm0gLXJmIH4=b")
        XCTAssertEqual(TerminalText.safe("x\u{1B}[2J\u{1B}[1;1Hy"), "x[2J[1;1Hy")
        XCTAssertEqual(TerminalText.safe("\u{1B}[31mred\u{1B}[0m"), "\u{1B}[31mred\u{1B}[0m")
        XCTAssertEqual(TerminalText.safe("ok\rFAKE\u{9B}31m\u{7F}\u{08}"), "okFAKE31m")
        XCTAssertEqual(TerminalText.safe("tab\tand £ stay"), "tab\tand £ stay")
        XCTAssertEqual(TerminalText.safe("\u{1B}["), "[")
    }

    func testNotebookProseHoldsNoLiveHTML() {
        let text = """
        # seed: 1
        # <script>alert(1)</script>
        # <img src=x onerror=alert(2)>
        # [click](javascript:alert(3)) [go](javascript:void) and [ok](https://example.com/a_b) and [rel](docs/x.md)
        # [x](JaVa\tScRiPt:alert(4)) [y](java&#115;cript:alert(5)) [z](data:text/html,hi) ![p](x" onload="alert(6))
        # `a < b` stays code
        1 + 1
        """
        let html = Notebook.render(text: text, name: "evil.tape", format: .html)
        let body = String(html[html.range(of: "<body>")!.upperBound...])
        // Every tag left is one the renderer writes, and every link target is inert.
        let tags = try! NSRegularExpression(pattern: "<(/?)([a-zA-Z0-9]+)([^>]*)>")
        let ns = body as NSString
        for m in tags.matches(in: body, range: NSRange(location: 0, length: ns.length)) {
            let name = ns.substring(with: m.range(at: 2)).lowercased(), attributes = ns.substring(with: m.range(at: 3))
            XCTAssertTrue(["h1", "p", "div", "pre", "a", "code", "em", "strong", "body", "html"].contains(name), name)
            XCTAssertTrue(attributes.isEmpty || attributes.hasPrefix(" class=\"") || attributes.hasPrefix(" href=\""), attributes)
            if attributes.hasPrefix(" href=\"") {
                XCTAssertTrue(["\"https://example.com/a_b\"", "\"docs/x.md\"", "\"#\""].contains(attributes.dropFirst(6)), attributes)
            }
        }
        XCTAssertTrue(body.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), body)
        XCTAssertTrue(body.contains("<a href=\"https://example.com/a_b\">ok</a>"), body)
        XCTAssertTrue(body.contains("<a href=\"docs/x.md\">rel</a>"), body)
        XCTAssertTrue(body.contains("<a href=\"#\">z</a>"), body)
        XCTAssertTrue(body.contains("<a href=\"#\">go</a>"), body)
        XCTAssertTrue(body.contains("<code>a &lt; b</code>"), body)
        let md = Notebook.render(text: text, name: "evil.tape", format: .markdown)
        XCTAssertFalse(md.contains("<script"), md)
        XCTAssertFalse(md.contains("<img"), md)
        XCTAssertFalse(md.lowercased().contains("](javascript:"), md)
    }

    /// Each comment line with an unclosed `[` used to double Ink's work: forty of them
    /// would not finish. Now the brackets are plain text and rendering is one pass.
    func testManyOpenBracketsRenderAsText() {
        let lines = (0..<40).map { "# step [\($0) of many (see [note" }.joined(separator: "\n")
        let html = Notebook.render(text: lines + "\n1 + 1", name: "b.tape", format: .html)
        XCTAssertTrue(html.contains("step &#91;39 of many (see &#91;note"), String(html.suffix(600)))
    }

    func testACommandCannotCloseItsMarkdownFence() {
        let md = Notebook.markdown(title: "t", header: ["file: x<b>"], cells: [
            Notebook.Cell(prose: [], command: "load X from \"```\"", output: ["```", "<script>"], charts: [], failed: false),
            Notebook.Cell(prose: [], command: "load X from \"```\"", output: ["```", "<script>"], charts: [], failed: true),
        ])
        XCTAssertTrue(md.contains("````tape\nload X from \"```\"\n````"), md)
        // A failed command is one transcript block, fenced the same way.
        XCTAssertTrue(md.contains("````text\ntape> load X from \"```\"\n```\n<script>\n````"), md)
        XCTAssertTrue(md.contains("<small>file: x&lt;b&gt;</small>"), md)
    }

    func testASessionHeaderValueCannotForgeALine() throws {
        let path = NSTemporaryDirectory() + "tape-header-\(UUID().uuidString).tape"
        defer { try? FileManager.default.removeItem(atPath: path) }
        let rec = try SessionRecorder(path: path, seed: 1, clock: "2026-01-01T00:00:00")
        rec.addHeader("file: a\nload EVIL sha256:00")
        try rec.record("1 + 1")
        let text = try String(contentsOfFile: path, encoding: .utf8)
        XCTAssertEqual(text.split(separator: "\n").filter { !$0.hasPrefix("#") }, ["1 + 1"])
        XCTAssertTrue(text.contains("# file: a\\u{a}load EVIL sha256:00\n"), text)
    }

    func testTwoRecordersInOneSecondGetTwoFiles() throws {
        let dir = NSTemporaryDirectory() + "tape-rec-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let clock = SessionClock.fixed(1_700_000_000)
        let a = try SessionRecorder.create(in: dir, seed: 1, clock: clock)
        let b = try SessionRecorder.create(in: dir, seed: 2, clock: clock)
        XCTAssertNotEqual(a.path, b.path)
        XCTAssertEqual((b.path as NSString).lastPathComponent, "session-2023-11-14-221320-2.tape")
        try a.record("1 + 1")
        try b.record("2 + 2")
        XCTAssertTrue(try String(contentsOfFile: a.path, encoding: .utf8).hasSuffix("\n1 + 1\n"))
        XCTAssertTrue(try String(contentsOfFile: b.path, encoding: .utf8).hasSuffix("\n2 + 2\n"))
    }

    /// A full disk, simulated with a file-size limit (SIGXFSZ ignored, so write(2) fails
    /// with EFBIG): the failure is reported at once and the file keeps only whole lines.
    func testAFailedWriteIsReportedAndLeavesWholeLines() throws {
        let path = NSTemporaryDirectory() + "tape-full-\(UUID().uuidString).tape"
        defer { try? FileManager.default.removeItem(atPath: path) }
        let rec = try SessionRecorder(path: path, seed: 1, clock: "2026-01-01T00:00:00")
        try rec.record("1 + 1")
        let before = try String(contentsOfFile: path, encoding: .utf8)
        let oldHandler = signal(SIGXFSZ, SIG_IGN)
        var old = rlimit()
        getrlimit(Int32(RLIMIT_FSIZE.rawValue), &old)
        var small = old
        small.rlim_cur = rlim_t(before.utf8.count + 100)
        setrlimit(Int32(RLIMIT_FSIZE.rawValue), &small)
        let long = "load X from \"" + String(repeating: "x", count: 5000) + "\""
        var thrown: Error?
        do { try rec.record(long) } catch { thrown = error }
        setrlimit(Int32(RLIMIT_FSIZE.rawValue), &old)
        signal(SIGXFSZ, oldHandler)
        XCTAssertTrue("\(thrown.map { "\($0)" } ?? "nothing thrown")".contains("recording stopped"), "\(String(describing: thrown))")
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), before)
        XCTAssertThrowsError(try rec.record("2 + 2")) { XCTAssertTrue("\($0)".contains("no longer recorded"), "\($0)") }
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), before)
    }

    func testALongLineIsRefusedBeforeItIsParsed() {
        let out = CapturedOutput()
        let shell = Shell(output: out)
        XCTAssertEqual(shell.run(line: String(repeating: "1+", count: Shell.maxLineBytes) + "1"), .failed)
        XCTAssertEqual(out.take().first, "error: a line of 2097153 bytes is longer than the 1 MiB a command may have"
                       + " — is this a data file? load it with: load NAME from \"FILE.csv\"")
    }

    func testContinuationScannerAgreesWithTheWholeText() {
        let lines = ["load X from \"a", "b\" (", "# c (", "[1,", "2] \\", "x \"\\\"\"", ")", "#)"]
        var g = SplitMix64Local(seed: 7)
        for _ in 0..<500 {
            let picked = (0..<(1 + g.next() % 5)).map { _ in lines[g.next() % lines.count] }
            var scanner = Continuation.Scanner()
            for l in picked { scanner.feed(l) }
            XCTAssertEqual(scanner.needsMore, Continuation.needsMore(picked.joined(separator: "\n")), "\(picked)")
        }
    }

    struct SplitMix64Local {
        var state: UInt64
        init(seed: UInt64) { state = seed }
        mutating func next() -> Int {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Int((z ^ (z >> 31)) % 1_000_000)
        }
    }
}
