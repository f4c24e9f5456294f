import Foundation
import Synchronization
import TapeData
import TapeTestSupport
import XCTest

final class AtomicFileTests: XCTestCase {
    func testWritesTheWholeTextAndLeavesNoTemporaryFile() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let target = dir.path + "/out.csv"
        let text = String(repeating: "a,b,c\n", count: 400_000)  // more than one 1 MiB chunk
        try AtomicFile.write(text, to: target)
        XCTAssertEqual(try String(contentsOfFile: target, encoding: .utf8), text)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path), ["out.csv"])
    }

    /// Ctrl-C during a large write: the old file stays as it was and no temporary is left.
    func testACancelledWriteKeepsTheOldFileAndLeavesNothingBehind() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let target = dir.path + "/out.csv"
        try AtomicFile.write("old\n", to: target)
        let polls = Counter()
        XCTAssertThrowsError(try AtomicFile.write(String(repeating: "x", count: 3 << 20), to: target,
                                                  cancel: { polls.increment() > 1 })) { error in
            XCTAssertEqual("\(error)", "interrupted")
        }
        XCTAssertGreaterThan(polls.value, 1, "the write polls between chunks, not only before it starts")
        XCTAssertEqual(try String(contentsOfFile: target, encoding: .utf8), "old\n")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path), ["out.csv"])
    }
}

private final class Counter: Sendable {
    private let count = Mutex(0)
    /// Returns the count before this call.
    func increment() -> Int { count.withLock { c in defer { c += 1 }; return c } }
    var value: Int { count.withLock { $0 } }
}
