import Foundation
import XCTest
@testable import TapeShell

/// The registry is generated from the declarations; a stale one fails here.
final class RegistryTests: XCTestCase {
    func testGeneratedRegistryIsCurrent() throws {
        let root = DocsAgreementTests.root
        let fresh = FileManager.default.temporaryDirectory.appendingPathComponent("registry-\(UUID().uuidString).swift").path
        defer { try? FileManager.default.removeItem(atPath: fresh) }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/bash")
        p.arguments = [root.appendingPathComponent("scripts/generate-registry.sh").path, fresh]
        p.currentDirectoryURL = root
        try p.run()
        p.waitUntilExit()
        XCTAssertEqual(p.terminationStatus, 0)
        let committed = try String(contentsOfFile: root.appendingPathComponent("Sources/TapeShell/Commands/Registry+Generated.swift").path, encoding: .utf8)
        XCTAssertEqual(try String(contentsOfFile: fresh, encoding: .utf8), committed, "the registry is stale: run `make registry`")
    }

    func testEveryCommandAndSubcommandHasHelpAndAUsage() {
        let table = CommandTable.standard()
        for s in table.allDeclarations {
            XCTAssertFalse(s.summary.isEmpty, "\(s.fullName) has no summary")
            XCTAssertTrue(s.usage.hasPrefix(s.fullName), "\(s.fullName): usage '\(s.usage)'")
            for o in s.options where !o.isFlag {
                XCTAssertFalse(o.name.isEmpty, "\(s.fullName)")
            }
        }
    }
}
