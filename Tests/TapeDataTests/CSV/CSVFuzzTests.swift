import TapeCore
import XCTest
@testable import TapeData

/// Seeded mutations of real files and random bytes: every input must end in a value or
/// a one-line CSVError, never a crash, another error type, or an inconsistent result.
final class CSVFuzzTests: XCTestCase {
    private static let interesting: [[UInt8]] = [
        ",", ";", "\t", "\"", "\n", "\r", "\r\n", " ", "-", "+", ".", "e", "E", "", "\u{FEFF}", "nan", "inf",
        "1e99999", "-1e-99999", "99999999999999999999999999999999", "0.0000000000000000000000000000001",
        "9999-12-31", "0000-01-01", "2020-02-30", "20201301", "12:60", "T25:00", "\"\"", "\"a\"\"b\"",
        "date,close", "<DATE>", "Adj Close", "#", "\u{00}", "\u{7F}", "€",
    ].map { Array($0.utf8) }

    /// The fixture files, each split into lines once.
    private func seeds() throws -> [[[UInt8]]] {
        try ["SPY.csv", "AAPL.csv", "SPX_1min.csv", "FTV.csv"].map {
            Array(try BarsCSVRealFileTests.fixture($0).utf8).split(separator: 10, omittingEmptySubsequences: false).map(Array.init)
        }
    }

    /// A window of a few lines of a real file, header kept most of the time.
    private func window(_ lines: [[UInt8]], _ rng: inout SplitMix64) -> [[UInt8]] {
        let start = 1 + Int(rng.next() % UInt64(max(1, lines.count - 50)))
        let length = Int(rng.next() % 40)
        var out = rng.next() % 8 == 0 ? [] : [lines[0]]
        out += lines[start..<min(lines.count, start + length)]
        return out
    }

    private func mutate(_ input: [[UInt8]], _ rng: inout SplitMix64) -> [UInt8] {
        var lines = input
        for _ in 0..<Int(rng.next() % 4) {
            guard !lines.isEmpty else { break }
            let li = Int(rng.next() % UInt64(lines.count))
            switch rng.next() % 8 {
            case 0: lines.insert(lines[li], at: li)                                  // duplicate line
            case 1: lines.remove(at: li)                                             // delete line
            case 2: lines.swapAt(li, Int(rng.next() % UInt64(lines.count)))         // reorder
            case 3:                                                                   // flip a byte
                if !lines[li].isEmpty { lines[li][Int(rng.next() % UInt64(lines[li].count))] = UInt8(truncatingIfNeeded: rng.next()) }
            case 4, 5:                                                                // splice a token
                let token = Self.interesting[Int(rng.next() % UInt64(Self.interesting.count))]
                let at = Int(rng.next() % UInt64(lines[li].count + 1))
                if rng.next() % 2 == 0 || lines[li].isEmpty {
                    lines[li].insert(contentsOf: token, at: at)
                } else {
                    let end = min(lines[li].count, at + Int(rng.next() % 12))
                    lines[li].replaceSubrange(min(at, end)..<end, with: token)
                }
            case 6: lines[li] = (0..<Int(rng.next() % 60)).map { _ in UInt8(truncatingIfNeeded: rng.next()) }   // random bytes
            default: lines[li].removeLast(Int(rng.next() % UInt64(lines[li].count + 1)))                      // truncate line
            }
        }
        var bytes = Array(lines.joined(separator: [10]))
        if rng.next() % 10 == 0 { bytes.removeLast(Int(rng.next() % UInt64(bytes.count + 1))) }               // truncate file
        return bytes
    }

    /// Checks both entry points; returns how many of the two parsed successfully.
    @discardableResult
    private func checkBars(_ bytes: [UInt8], _ case: Int) -> Int {
        var parsed = 0
        let asText = String(decoding: bytes, as: UTF8.self)
        for attempt in [{ try BarsCSV.parse(bytes: bytes, name: "F", source: "fuzz.csv") },
                        { try BarsCSV.parse(text: asText, name: "F", source: "fuzz.csv") }] {
            do {
                let b = try attempt()
                let n = b.count
                XCTAssertGreaterThan(n, 0)
                XCTAssertTrue([b.open.count, b.high.count, b.low.count, b.close.count, b.volume.count, b.adjClose?.count ?? n].allSatisfy { $0 == n }, "case \(`case`)")
                XCTAssertTrue(zip(b.time, b.time.dropFirst()).allSatisfy { $0 < $1 }, "case \(`case`)")
                XCTAssertFalse(b.close.contains(where: \.isNaN), "case \(`case`)")
                parsed += 1
            } catch let e as CSVError {
                XCTAssertTrue(e.description.hasPrefix("fuzz.csv"), "case \(`case`)")
                XCTAssertFalse(e.description.contains { $0 == "\n" || $0 == "\r" }, "case \(`case`): \(e)")
            } catch {
                XCTFail("case \(`case`): unexpected error \(error)")
            }
        }
        return parsed
    }

    func testBarsCSVSurvivesMutatedRealFiles() throws {
        let files = try seeds()
        var rng = SplitMix64(seed: 20_261_123)
        var parsed = 0
        for i in 0..<30_000 {
            let file = files[Int(rng.next() % UInt64(files.count))]
            parsed += checkBars(mutate(window(file, &rng), &rng), i)
        }
        // The mutations must exercise both outcomes, or the test proves little.
        XCTAssertGreaterThan(parsed, 6_000)
        XCTAssertLessThan(parsed, 54_000)
        print("fuzz: \(parsed) of 60000 parses succeeded")
    }

    func testBarsCSVSurvivesRandomBytes() {
        var rng = SplitMix64(seed: 7)
        let alphabet = Array("0123456789-:T ,;\t\"\r\n.eE+datecloseopen".utf8)
        for i in 0..<10_000 {
            let count = Int(rng.next() % 200)
            let bytes: [UInt8] = (0..<count).map { _ in
                rng.next() % 4 == 0 ? UInt8(truncatingIfNeeded: rng.next()) : alphabet[Int(rng.next() % UInt64(alphabet.count))]
            }
            checkBars(Array("date,close\n".utf8) + bytes, i)
            checkBars(bytes, i)
        }
    }

    func testHugeFields() {
        checkBars(Array(("date,close\n2020-01-02," + String(repeating: "9", count: 200_000) + "\n").utf8), 0)
        checkBars(Array(("date,close\n2020-01-02,0." + String(repeating: "0", count: 200_000) + "1\n").utf8), 1)
        checkBars(Array(("date,close\n2020-01-02,1e" + String(repeating: "9", count: 50) + "\n").utf8), 2)
        checkBars(Array(("date,close\n" + String(repeating: "2", count: 100_000) + ",1\n").utf8), 3)
        checkBars(Array(("date," + String(repeating: ",", count: 100_000) + "close\n2020-01-02,1\n").utf8), 4)
    }

    func testCSVTableSurvivesMutations() throws {
        let files = try seeds()
        var rng = SplitMix64(seed: 99)
        for i in 0..<20_000 {
            let file = files[Int(rng.next() % UInt64(files.count))]
            let text = String(decoding: mutate(window(file, &rng), &rng), as: UTF8.self)
            do {
                let t = try CSVTable.parseNumbered(text: text, source: "fuzz.csv")
                XCTAssertTrue(t.rows.allSatisfy { $0.count == t.header.count }, "case \(i)")
                XCTAssertEqual(t.rows.count, t.lines.count)
                XCTAssertTrue(zip(t.lines, t.lines.dropFirst()).allSatisfy { $0 < $1 }, "case \(i)")
            } catch let e as CSVError {
                XCTAssertFalse(e.description.contains { $0 == "\n" || $0 == "\r" }, "case \(i): \(e)")
            } catch {
                XCTFail("case \(i): unexpected error \(error)")
            }
        }
    }
}
