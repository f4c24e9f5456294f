import Foundation
import TapeTestSupport
import XCTest
@testable import TapeCore

/// Reads the CSV references in Tests/Fixtures/options (see PROVENANCE.md there).
/// Found relative to this source file so the tests need no bundle resources.
enum OptionFixtures {
    struct Row {
        let fields: [String: String]
        let line: Int

        func text(_ key: String) -> String { fields[key] ?? "" }

        /// The numeric field, or nil when empty (the references leave a field empty for "no value").
        func number(_ key: String) -> Double? {
            let t = text(key)
            return t.isEmpty ? nil : Double(t)
        }

        func require(_ key: String) throws -> Double {
            guard let v = number(key) else {
                throw OptionError.parse("line \(line): column \(key) is empty or not a number")
            }
            return v
        }

        func type() throws -> OptionType {
            guard let t = OptionType(text: text("type")) else {
                throw OptionError.parse("line \(line): bad option type \(text("type"))")
            }
            return t
        }
    }

    static var directory: URL { Repository.fixtures("options") }

    static func rows(_ name: String) throws -> [Row] {
        let text = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
        guard !lines.isEmpty else { return [] }
        let header = lines.removeFirst().split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        return lines.enumerated().map { i, line in
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            var fields: [String: String] = [:]
            for (k, key) in header.enumerated() where k < cells.count { fields[key] = cells[k] }
            return Row(fields: fields, line: i + 2)
        }
    }
}
