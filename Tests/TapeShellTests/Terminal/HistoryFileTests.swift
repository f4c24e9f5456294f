import Foundation
import XCTest
@testable import TapeShell

final class HistoryFileTests: XCTestCase {
    private var path = ""

    override func setUp() {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("hist-\(getpid())-\(UUID().uuidString)").path
    }

    override func tearDown() {
        try? FileManager.default.removeItem(atPath: path)
    }

    private func contents() -> String {
        FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) } ?? "<missing>"
    }

    func testMissingFileIsEmptyHistory() {
        XCTAssertEqual(HistoryFile(path: path).load(), [])
    }

    func testAppendThenLoadRoundTrips() throws {
        let file = HistoryFile(path: path)
        file.append("load SPY")
        file.append("plot sma(close, 20)  # über")
        XCTAssertEqual(contents(), "load SPY\nplot sma(close, 20)  # über\n")
        XCTAssertEqual(file.load(), ["load SPY", "plot sma(close, 20)  # über"])
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber
        XCTAssertEqual(mode?.intValue, 0o600, "history may hold anything typed")
    }

    func testEmbeddedNewlinesStayOneEntry() {
        let file = HistoryFile(path: path)
        file.append("a\nb\r\nc")
        XCTAssertEqual(file.load(), ["a b c"])
    }

    func testLoadKeepsNewestAndTrimsFile() {
        let file = HistoryFile(path: path, limit: 3)
        for n in 1...7 { file.append("cmd \(n)") }
        XCTAssertEqual(contents().split(separator: "\n").count, 7, "appends do not trim")
        XCTAssertEqual(file.load(), ["cmd 5", "cmd 6", "cmd 7"])
        XCTAssertEqual(contents(), "cmd 5\ncmd 6\ncmd 7\n")
        file.append("cmd 8")
        XCTAssertEqual(file.load(), ["cmd 6", "cmd 7", "cmd 8"])
    }

    func testCRLFAndBlankLinesInAnEditedFile() {
        XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: Data("one\r\n\n\ntwo\n".utf8)))
        XCTAssertEqual(HistoryFile(path: path).load(), ["one", "two"])
    }

    func testUnwritableLocationIsIgnored() {
        let file = HistoryFile(path: "/nonexistent-dir-\(getpid())/history")
        file.append("x")
        XCTAssertEqual(file.load(), [])
    }
}
