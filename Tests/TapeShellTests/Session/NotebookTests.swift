import Foundation
import Ink
import XCTest
@testable import TapeShell

final class NotebookTests: XCTestCase {
    let session = """
    # seed: 3
    # A *first* look.
    1 + 1
    # Errors are kept, in order.
    qqqqqq(1)
    """

    func testMarkdownIsLinearWithProseCodeAndOutput() {
        let md = Notebook.render(text: session, name: "sessions/look.tape", format: .markdown)
        XCTAssertEqual(md, """
        # look

        <small>seed: 3</small>

        A *first* look.

        ```tape
        1 + 1
        ```

        ```text
        2
        ```

        Errors are kept, in order.

        **failed**

        ```text
        tape> qqqqqq(1)
        error: unknown function 'qqqqqq'
          qqqqqq(1)
          ^^^^^^
        ```

        """)
    }

    /// A command that fails in the replay, and one the recording kept as a comment, each
    /// render as one block: the mark, the command, its error.
    func testAFailedCommandIsOneMarkedBlock() {
        let text = """
        # seed: 3
        # Two failures.
        # failed: sma(clsoe,
        # failed:     20)
        #   error: unknown name 'clsoe' — did you mean 'close'?
        qqqqqq(1)
        """
        let md = Notebook.render(text: text, name: "f.tape", format: .markdown)
        XCTAssertEqual(md, """
        # f

        <small>seed: 3</small>

        Two failures.

        **failed when recorded**

        ```text
        tape> sma(clsoe,
            20)
        error: unknown name 'clsoe' — did you mean 'close'?
        ```

        **failed**

        ```text
        tape> qqqqqq(1)
        error: unknown function 'qqqqqq'
          qqqqqq(1)
          ^^^^^^
        ```

        """)
        // Read back by a Markdown reader: the mark, then the transcript as one block.
        XCTAssertTrue(MarkdownParser().html(from: md).contains(
            "<p><strong>failed</strong></p><pre><code class=\"language-text\">tape&gt; qqqqqq(1)\nerror: unknown function 'qqqqqq'\n"), md)

        let html = Notebook.render(text: text, name: "f.tape", format: .html)
        XCTAssertTrue(html.contains("<div class=\"prose\"><p>Two failures.</p></div>\n<div class=\"failed\"><p class=\"mark\">failed when recorded</p>"
            + "<pre class=\"cmd\">tape&gt; sma(clsoe,\n    20)</pre><pre class=\"out err\">error: unknown name 'clsoe' — did you mean 'close'?</pre></div>"), html)
        XCTAssertTrue(html.contains("<div class=\"failed\"><p class=\"mark\">failed</p><pre class=\"cmd\">tape&gt; qqqqqq(1)</pre>"
            + "<pre class=\"out err\">error: unknown function 'qqqqqq'\n  qqqqqq(1)\n  ^^^^^^</pre></div>"), html)
        XCTAssertFalse(html.contains("<p>failed:"), html)
    }

    /// Names from the session (`SPX_1MIN`, `my_fast`, a file `A_B.csv`, the file's own
    /// name) keep their underscores in the title, the header, the prose, the output and a
    /// chart's caption: read back by Ink, which once turned them into emphasis, and in
    /// the HTML notebook.
    func testNamesFromTheSessionKeepTheirUnderscores() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nb-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let text = """
        # file: data/A_B.csv sha256:c_d
        # SPX_1MIN and BTCUSD_1H at a glance, *one* at a time.
        load SPX_1MIN
        let my_fast = sma(close, 5)
        plot close, my_fast
        """
        let md = Notebook.render(text: text, name: dir + "/spx_1min_look.tape", format: .markdown, pictures: dir + "/out_files")
        let lines = md.components(separatedBy: "\n")
        XCTAssertEqual(lines.first, "# spx\\_1min\\_look")
        XCTAssertTrue(lines.contains("<small>file: data/A&#95;B.csv sha256:c&#95;d</small>"), md)
        XCTAssertTrue(lines.contains("SPX\\_1MIN and BTCUSD\\_1H at a glance, *one* at a time."), md)
        XCTAssertTrue(lines.contains("SPX_1MIN: 1563 bars 2019-11-05T09:30:00..2019-11-08T15:59:00 (embedded sample (S&P 500 index, 1-minute bars, 4 sessions))"), md)
        let caption = try XCTUnwrap(lines.first { $0.hasPrefix("![") }, md)
        XCTAssertTrue(caption.hasPrefix("![plot close, my\\_fast](out_files/price-"), caption)

        let read = MarkdownParser().html(from: md)
        XCTAssertTrue(read.contains("<h1>spx_1min_look</h1>"), read)
        // The header is HTML within the Markdown: what a browser shows once its character references are read.
        XCTAssertTrue(Self.decodingNumericReferences(read).contains("<small>file: data/A_B.csv sha256:c_d</small>"), read)
        XCTAssertTrue(read.contains("<p>SPX_1MIN and BTCUSD_1H at a glance, <em>one</em> at a time.</p>"), read)
        XCTAssertTrue(read.contains("alt=\"plot close, my_fast\""), read)
        XCTAssertEqual(read.components(separatedBy: "<em>").count, 2, read)

        let html = Notebook.render(text: text, name: dir + "/spx_1min_look.tape", format: .html)
        XCTAssertTrue(html.contains("<h1>spx_1min_look</h1>"), html)
        XCTAssertTrue(html.contains("<p>SPX_1MIN and BTCUSD_1H at a glance, <em>one</em> at a time.</p>"), html)
        XCTAssertTrue(html.contains("<pre class=\"out\">SPX_1MIN: 1563 bars"), html)
        XCTAssertEqual(html.components(separatedBy: "<em>").count, 2, html)
    }

    static func decodingNumericReferences(_ html: String) -> String {
        var out = html
        while let r = out.range(of: "&#[0-9]+;", options: .regularExpression) {
            let code = out[r].dropFirst(2).dropLast()
            out.replaceSubrange(r, with: UInt32(code).flatMap(Unicode.Scalar.init).map { String(Character($0)) } ?? "?")
        }
        return out
    }

    func testHTMLEscapesAndRendersProse() {
        let html = Notebook.render(text: "# **bold** <b>\n\"<x>\"\n", name: "a.tape", format: .html)
        XCTAssertTrue(html.contains("<strong>bold</strong>"), html)
        XCTAssertTrue(html.contains("tape&gt; &quot;&lt;x&gt;&quot;"), html)
        XCTAssertTrue(html.contains("<pre class=\"out\">&lt;x&gt;</pre>"), html)
    }
}
