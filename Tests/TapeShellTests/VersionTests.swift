import XCTest
@testable import TapeShell

final class VersionTests: XCTestCase {
    func testVersionIsSemantic() {
        XCTAssertEqual(TapeVersion.string.split(separator: ".").count, 3)
    }
}
