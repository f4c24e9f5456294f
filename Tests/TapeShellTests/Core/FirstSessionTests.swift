import Foundation
import TapeShellTestSupport
import TapeTestSupport
import XCTest
@testable import TapeShell

/// Issue 13 item 7: the README's first session runs as written, line by line. The lines
/// are read from README.md itself, so the test follows the README when it changes.
final class FirstSessionTests: XCTestCase {
    static func readmeLines() throws -> [String] {
        let readme = try String(contentsOf: DocsAgreementTests.root.appendingPathComponent("README.md"), encoding: .utf8)
        let section = readme.components(separatedBy: "## A first session").dropFirst().first ?? ""
        let block = section.components(separatedBy: "```").dropFirst().first ?? ""
        return block.split(separator: "\n").filter { $0.hasPrefix("tape> ") }.map { String($0.dropFirst(6)) }
    }

    func testTheReadmesFirstSessionRunsLineByLine() throws {
        let lines = try Self.readmeLines()
        XCTAssertGreaterThanOrEqual(lines.count, 14, "\(lines)")
        // Charts and the exported file go to a folder of the test's own.
        let scratch = try ScratchWorkingDirectory()
        defer { scratch.restore() }
        let dir = scratch.url
        let t = Transcript()
        var printed: [String: [String]] = [:]
        for line in lines {
            XCTAssertEqual(t.shell.run(line: line), .ok, "\(line): \(t.out.lines)")
            printed[line] = t.out.take()
        }
        // What the README shows under `load SPY` is what it prints.
        let readme = try String(contentsOf: DocsAgreementTests.root.appendingPathComponent("README.md"), encoding: .utf8)
        XCTAssertTrue(readme.contains("tape> load SPY\n" + (printed["load SPY"]?.first ?? "?") + "\n"))
        XCTAssertEqual(printed["help rsi"]?.first, "rsi(real, period=14)  [Momentum]")
        XCTAssertTrue(printed["plot close, fast, slow 2019-01-01..2020-08-28"]?.first?.hasPrefix("chart: plots/price-") ?? false)
        // The paper clock starts at the dataset's last bar, so the order is accepted at once.
        XCTAssertEqual(printed["paper buy 10 SPY"]?.last, "#1 accepted: buy 10 SPY market day")
        let csv = try String(contentsOf: dir.appendingPathComponent("spy.csv"), encoding: .utf8)
        XCTAssertEqual(csv.split(separator: "\n").first, "date,close,sma20")
        XCTAssertEqual(csv.split(separator: "\n").count, 5242)
        // `lesson` lists the lessons the README counts.
        XCTAssertTrue(readme.contains("`lesson` lists \((printed["lesson"]?.count ?? 0) - 1) lessons"), "\(printed["lesson"] ?? [])")
    }
}
