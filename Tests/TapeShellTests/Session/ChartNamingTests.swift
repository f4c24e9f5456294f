import Foundation
import XCTest
@testable import TapeShell

/// Charts are named by the session's content: a replay names them as the live session
/// did, whatever the file is called; different content never shares a name; replays
/// that only check or render never write where the live session's pictures are.
final class ChartNamingTests: XCTestCase {
    /// `chart: plots/price-0123456789ab.png` -> `chart: plots/price-HASH.png`.
    static func hashed(_ line: String) -> String {
        line.replacingOccurrences(of: "-[0-9a-f]{12}\\.", with: "-HASH.", options: .regularExpression)
    }

    func names(seed: UInt64, _ statements: [(String, Int, Bool)]) -> [String] {
        let n = ChartNaming(seed: seed)
        var out: [String] = []
        for (text, charts, kept) in statements {
            n.begin(statement: text)
            for _ in 0..<charts { out.append(n.next(kind: "price", ext: "png").display) }
            if kept { n.commit() }
        }
        return out
    }

    func testNamesFollowContentNotTheFile() {
        let a = names(seed: 7, [("load SPY", 0, true), ("plot close", 1, true), ("plot  close ", 2, true)])
        XCTAssertEqual(a.count, 3)
        XCTAssertEqual(Set(a).count, 3, "a repeated statement draws new names")
        XCTAssertTrue(a.allSatisfy { $0.range(of: "^plots/price-[0-9a-f]{12}\\.png$", options: .regularExpression) != nil }, "\(a)")
        // The same statements give the same names: a renamed or copied file checks clean.
        XCTAssertEqual(a, names(seed: 7, [("load SPY", 0, true), ("plot close", 1, true), ("plot close", 2, true)]))
        // A failed statement is not in the recorded file, so it does not move later names.
        XCTAssertEqual(a, names(seed: 7, [("load SPY", 0, true), ("lod SPY", 0, false), ("plot close", 1, true), ("plot close", 2, true)]))
        // Other data before, or another seed, gives other names: no picture is replaced by a different one.
        XCTAssertTrue(Set(a).isDisjoint(with: names(seed: 7, [("load QQQ", 0, true), ("plot close", 1, true), ("plot close", 2, true)])))
        XCTAssertTrue(Set(a).isDisjoint(with: names(seed: 8, [("load SPY", 0, true), ("plot close", 1, true), ("plot close", 2, true)])))
    }

    func testCheckAndNotebookNeverWriteIntoPlots() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tape-naming-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let previous = FileManager.default.currentDirectoryPath
        XCTAssertTrue(FileManager.default.changeCurrentDirectoryPath(dir.path))
        defer { _ = FileManager.default.changeCurrentDirectoryPath(previous) }
        guard GnuplotRunner.isAvailable else { throw XCTSkip("gnuplot is not installed") }

        // A live-like run writes its picture under plots/.
        let out = CapturedOutput()
        let live = Shell(output: out)
        live.run(line: "load SPY")
        live.run(line: "plot close 2020-01-01..2020-03-31")
        let line = try XCTUnwrap(out.take().last)
        let shown = line.replacingOccurrences(of: "chart: ", with: "")
        let before = try Data(contentsOf: dir.appendingPathComponent(shown))

        // The same session, under another name, checks clean and leaves plots/ alone.
        let text = "load SPY\n#> SPY: 5241 bars 1999-11-01..2020-08-28 (embedded sample (SPDR S&P 500 ETF, daily))\n"
            + "plot close 2020-01-01..2020-03-31\n#> \(line)\n"
        try FileManager.default.removeItem(at: dir.appendingPathComponent(shown))
        let (result, _) = SessionChecker.check(text: text, name: "copied/elsewhere.tape")
        XCTAssertTrue(result.passed, result.differences.joined(separator: "\n"))
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir.appendingPathComponent(shown).path), "--check wrote into plots/")

        // A notebook draws it into its own folder, not plots/.
        _ = FileManager.default.createFile(atPath: dir.appendingPathComponent(shown).path, contents: before)
        let md = Notebook.render(text: text, name: "copied/elsewhere.tape", format: .markdown, pictures: dir.appendingPathComponent("nb_files").path)
        let file = (shown as NSString).lastPathComponent
        XCTAssertTrue(md.contains("](nb_files/\(file))"), md)
        XCTAssertTrue(FileManager.default.fileExists(atPath: dir.appendingPathComponent("nb_files/\(file)").path))
        XCTAssertEqual(try Data(contentsOf: dir.appendingPathComponent(shown)), before, "the live picture is untouched")
    }
}
