import XCTest
@testable import TapeShell

final class NotebookTests: XCTestCase {
    let session = """
    # seed: 3
    # A *first* look.
    1 + 1
    # Errors are kept, in order.
    nosuch(1)
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

        ```tape
        nosuch(1)
        ```

        ```text
        error: unknown function 'nosuch'
          nosuch(1)
          ^^^^^^
        ```

        """)
    }

    func testHTMLEscapesAndRendersProse() {
        let html = Notebook.render(text: "# **bold** <b>\n\"<x>\"\n", name: "a.tape", format: .html)
        XCTAssertTrue(html.contains("<strong>bold</strong>"), html)
        XCTAssertTrue(html.contains("tape&gt; &quot;&lt;x&gt;&quot;"), html)
        XCTAssertTrue(html.contains("<pre class=\"out\">&lt;x&gt;</pre>"), html)
    }
}
