import Foundation
import TapeTestSupport
import XCTest

/// Tests/Fixtures/risk/*.json, written by Tests/Fixtures/risk/generate.py with the pinned
/// references of requirements.txt (see the folder's README.md).
enum RiskFixture {
    static func load(_ name: String) throws -> [String: Any] {
        let data = try Data(contentsOf: Repository.fixtures("risk/\(name)"))
        guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw NSError(domain: "fixture", code: 1, userInfo: [NSLocalizedDescriptionKey: "\(name) is not a JSON object"])
        }
        return object
    }

    static func doubles(_ any: Any?) -> [Double] {
        (any as? [Any] ?? []).map { ($0 as? NSNumber)?.doubleValue ?? .nan }
    }

    static func matrix(_ any: Any?) -> [[Double]] {
        (any as? [Any] ?? []).map { doubles($0) }
    }

    static func number(_ any: Any?) -> Double { (any as? NSNumber)?.doubleValue ?? .nan }
}
