import Foundation
import TapeCore
import XCTest

/// docs/INDICATORS.md's "Catalogue" section is the catalogue itself, rendered: one table
/// per group, a row per entry (lookbacks at the default parameters).
final class IndicatorDocsTests: XCTestCase {
    static func rendered() throws -> String {
        let groups = Dictionary(grouping: IndicatorCatalogue.all, by: \.group)
        var lines = ["## Catalogue", "", "Generated from `IndicatorCatalogue.all` (lookbacks at the default parameters; TA-Lib's",
                     "parameter names, accepted as keywords too, in brackets)."]
        for group in groups.keys.sorted() {
            lines += ["", "### \(group)", "",
                      "| name | inputs | parameters (default) | outputs | lookback talib / tv | stream | summary |",
                      "|---|---|---|---|---|---|---|"]
            for spec in (groups[group] ?? []).sorted(by: { $0.name < $1.name }) {
                let params = try IndicatorCatalogue.resolve(spec, positional: [], keyword: [:])
                let described = spec.params.map { p in
                    let alias = p.talibName.map { $0 == p.name ? "" : " [\($0)]" } ?? ""
                    return "\(p.name)=\(IndicatorCatalogue.describe(p.defaultValue))\(alias)"
                }.joined(separator: ", ")
                let row = ["`\(spec.name)`", spec.inputs.map(\.name).joined(separator: ", "), described,
                           spec.outputs.joined(separator: ", "),
                           "\(spec.lookback(params, .talib)) / \(spec.lookback(params, .tradingview))",
                           spec.streaming.rawValue, spec.summary]
                lines.append("| " + row.joined(separator: " | ") + " |")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    func testCatalogueSectionMatchesTheCatalogue() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("docs/INDICATORS.md")
        let doc = try String(contentsOf: url, encoding: .utf8)
        let want = try Self.rendered()
        guard let start = doc.range(of: "## Catalogue\n") else { return XCTFail("docs/INDICATORS.md has no Catalogue section") }
        let section = String(doc[start.lowerBound...])
        if section != want {
            // Regenerate with: TAPE_WRITE_INDICATOR_DOCS=1 swift test --filter IndicatorDocsTests
            if ProcessInfo.processInfo.environment["TAPE_WRITE_INDICATOR_DOCS"] == "1" {
                try (String(doc[..<start.lowerBound]) + want).write(to: url, atomically: true, encoding: .utf8)
            }
            XCTFail("docs/INDICATORS.md's Catalogue section is stale (TAPE_WRITE_INDICATOR_DOCS=1 swift test --filter IndicatorDocsTests rewrites it)")
        }
    }

    /// Every entry of TA-Lib's list is here, and every TA-Lib parameter name reaches its
    /// parameter (TalibCatalogueTests resolves each case by TA-Lib's names).
    func testEveryEntryHasASummaryAndKnownGroup() {
        let groups: Set = ["Overlap", "Momentum", "Volatility", "Volume", "Price", "Statistic", "Pattern", "Channel", "Math", "Cycle"]
        for spec in IndicatorCatalogue.all {
            XCTAssertTrue(groups.contains(spec.group), spec.name)
            XCTAssertFalse(spec.summary.isEmpty, spec.name)
            XCTAssertFalse(spec.formula.isEmpty, spec.name)
        }
        XCTAssertGreaterThanOrEqual(IndicatorCatalogue.all.count, 201)
    }
}
