import Foundation
import XCTest
@testable import TapeShell

final class PlainLineReaderTests: XCTestCase {
    /// A reader on a pipe holding exactly `bytes`, with the write end closed.
    private func reader(_ bytes: [UInt8]) -> PlainLineReader {
        let pipe = Pipe()
        pipe.fileHandleForWriting.write(Data(bytes))
        try? pipe.fileHandleForWriting.close()
        return PlainLineReader(fileHandle: pipe.fileHandleForReading)
    }

    private func reader(_ text: String) -> PlainLineReader { reader(Array(text.utf8)) }

    private func readAll(_ reader: PlainLineReader) -> [LineInput] {
        var out: [LineInput] = []
        while true {
            let input = reader.read(prompt: "tape> ")
            out.append(input)
            if input == .eof || out.count > 10_000 { return out }
        }
    }

    func testLinesThenEOF() {
        XCTAssertEqual(readAll(reader("let x = 1\nprint x\n")),
                       [.line("let x = 1"), .line("print x"), .eof])
    }

    func testCRLFLineEndsAreStripped() {
        XCTAssertEqual(readAll(reader("a\r\nb\r\n")), [.line("a"), .line("b"), .eof])
    }

    func testLoneCarriageReturnInsideALineIsKept() {
        XCTAssertEqual(readAll(reader("a\rb\n")), [.line("a\rb"), .eof])
    }

    func testLastLineWithoutNewline() {
        XCTAssertEqual(readAll(reader("first\nlast")), [.line("first"), .line("last"), .eof])
        XCTAssertEqual(readAll(reader("last\r")), [.line("last"), .eof])
    }

    func testEmptyLinesAreReturned() {
        XCTAssertEqual(readAll(reader("\n\nx\n\n")), [.line(""), .line(""), .line("x"), .line(""), .eof])
    }

    func testEmptyInputIsEOFAndStaysEOF() {
        let r = reader("")
        XCTAssertEqual(r.read(prompt: ""), .eof)
        XCTAssertEqual(r.read(prompt: ""), .eof)
    }

    func testUTF8IsDecodedAndInvalidBytesReplaced() {
        XCTAssertEqual(readAll(reader("über 日本\n")), [.line("über 日本"), .eof])
        XCTAssertEqual(readAll(reader([0x61, 0xFF, 0x62, 0x0A])), [.line("a\u{FFFD}b"), .eof])
    }

    /// Lines longer than one 64 KiB read, and a multi-byte character split across two
    /// reads, come back whole. Written to a file: a pipe holds only 64 KiB unread.
    func testLinesSpanningSeveralReads() throws {
        let long = String(repeating: "x", count: 65_535) + "é" + String(repeating: "y", count: 100_000)
        let text = "short\n" + long + "\r\n" + String(repeating: "z", count: 70_000)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("plain-\(getpid()).txt")
        try Data(text.utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let handle = try FileHandle(forReadingFrom: url)
        defer { try? handle.close() }
        let lines = readAll(PlainLineReader(fileHandle: handle))
        XCTAssertEqual(lines, [.line("short"), .line(long), .line(String(repeating: "z", count: 70_000)), .eof])
    }

    func testManyLinesInOrder() {
        let text = (1...20_000).map { "line \($0)" }.joined(separator: "\n") + "\n"
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("many-\(getpid()).txt")
        XCTAssertTrue(FileManager.default.createFile(atPath: file.path, contents: Data(text.utf8)))
        defer { try? FileManager.default.removeItem(at: file) }
        guard let handle = FileHandle(forReadingAtPath: file.path) else { return XCTFail("cannot open \(file.path)") }
        let r = PlainLineReader(fileHandle: handle)
        for n in 1...20_000 {
            XCTAssertEqual(r.read(prompt: ""), .line("line \(n)"))
        }
        XCTAssertEqual(r.read(prompt: ""), .eof)
    }
}
