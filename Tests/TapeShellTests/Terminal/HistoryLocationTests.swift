import Foundation
import XCTest
@testable import TapeShell

final class HistoryLocationTests: XCTestCase {
    private var root = ""

    override func setUpWithError() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("histloc-\(getpid())-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: root)
    }

    func testXDGStateHomeWins() throws {
        let path = HistoryLocation.file(environment: ["XDG_STATE_HOME": root + "/state", "HOME": root + "/home"],
                                        createDirectory: true)
        XCTAssertEqual(path, root + "/state/tape/history")
        let attributes = try FileManager.default.attributesOfItem(atPath: root + "/state/tape")
        XCTAssertEqual(attributes[.type] as? FileAttributeType, .typeDirectory)
        XCTAssertEqual((attributes[.posixPermissions] as? NSNumber)?.intValue, 0o700)
        XCTAssertFalse(FileManager.default.fileExists(atPath: path), "only the directory is created")
    }

    func testFallsBackToHomeLocalState() {
        let path = HistoryLocation.file(environment: ["HOME": root], createDirectory: true)
        XCTAssertEqual(path, root + "/.local/state/tape/history")
        var isDirectory: ObjCBool = false
        XCTAssertTrue(FileManager.default.fileExists(atPath: root + "/.local/state/tape", isDirectory: &isDirectory))
        XCTAssertTrue(isDirectory.boolValue)
    }

    /// The XDG spec: a relative path in XDG_STATE_HOME is invalid and ignored; so is an empty one.
    func testRelativeOrEmptyXDGStateHomeIsIgnored() {
        XCTAssertEqual(HistoryLocation.file(environment: ["XDG_STATE_HOME": "state", "HOME": root], createDirectory: false),
                       root + "/.local/state/tape/history")
        XCTAssertEqual(HistoryLocation.file(environment: ["XDG_STATE_HOME": "", "HOME": root], createDirectory: false),
                       root + "/.local/state/tape/history")
    }

    func testWithoutCreateNothingIsMade() {
        _ = HistoryLocation.file(environment: ["HOME": root + "/nohome"], createDirectory: false)
        XCTAssertFalse(FileManager.default.fileExists(atPath: root + "/nohome"))
    }

    func testDefaultFileEndsInTapeHistory() {
        XCTAssertTrue(HistoryLocation.file(environment: ProcessInfo.processInfo.environment, createDirectory: false)
            .hasSuffix("/tape/history"))
    }
}
