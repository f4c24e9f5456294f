import XCTest
@testable import TapeShell

final class ChartSettingsTests: XCTestCase {
    func testKeyValueAndPairedWords() throws {
        var s = ChartSettings()
        XCTAssertEqual(s.description, "terminal=auto size=default text_size=default theme=light")
        try s.apply(["terminal=png", "size=800x500", "theme=dark"])
        XCTAssertEqual(s.terminal, .png)
        XCTAssertEqual(s.width, 800)
        XCTAssertEqual(s.height, 500)
        XCTAssertEqual(s.theme, .dark)
        try s.apply(["terminal", "SIXEL", "size", "1200x700"])
        XCTAssertEqual(s.description, "terminal=sixel size=1200x700 text_size=default theme=dark")
        try s.apply(["text_size=80x24", "size=default"])
        XCTAssertEqual([s.textColumns, s.textRows, s.width, s.height], [80, 24, nil, nil])
        XCTAssertEqual(s.description, "terminal=sixel size=default text_size=80x24 theme=dark")
        try s.apply(["text_size", "default"])
        XCTAssertEqual(s.description, "terminal=sixel size=default text_size=default theme=dark")
    }

    func testBadWordsThrowAndChangeNothing() {
        var s = ChartSettings()
        let cases: [([String], String)] = [
            (["terminal=x11"], "set plot: terminal must be one of auto, sixel, dumb, png, svg, none (got 'x11')"),
            (["theme=blue"], "set plot: theme must be light or dark (got 'blue')"),
            (["size=800"], "set plot: size must be WxH in pixels, each from 100 to 8000, e.g. 900x560 (got '800')"),
            (["size=99999x10"], "set plot: size must be WxH in pixels, each from 100 to 8000, e.g. 900x560 (got '99999x10')"),
            (["size=-5x100"], "set plot: size must be WxH in pixels, each from 100 to 8000, e.g. 900x560 (got '-5x100')"),
            // Pixels, not cells: a 60x20 picture is no picture.
            (["size=60x20"], "set plot: size must be WxH in pixels, each from 100 to 8000, e.g. 900x560 (got '60x20')"),
            (["text_size=2000x50"], "set plot: text_size must be COLSxROWS in characters, width from 20 to 1000, height from 10 to 1000, e.g. 100x30 (got '2000x50')"),
            (["text_size=19x10"], "set plot: text_size must be COLSxROWS in characters, width from 20 to 1000, height from 10 to 1000, e.g. 100x30 (got '19x10')"),
            (["colour=red"], "set plot: unknown setting 'colour'; known: terminal, size, text_size, theme"),
            (["terminal=png", "size"], "set plot: 'size' needs a value"),
        ]
        for (words, message) in cases {
            XCTAssertThrowsError(try s.apply(words)) { XCTAssertEqual("\($0)", message) }
            XCTAssertEqual(s, ChartSettings(), "a failed set plot must not half-apply")
        }
    }
}
