import Foundation
import TapeTestSupport
import XCTest
@testable import TapeCore

final class EventStudyTests: XCTestCase {
    private func day(_ s: String) -> Int64 { CivilTime.parse(Substring(s)) ?? -1 }

    /// A day's score is the mean of its headlines' scores; days without news are 0; a
    /// headline's time of day does not move it to another day.
    func testDailyMeanOnTheBars() throws {
        let text = """
            time,symbol,headline
            2020-01-02,X,Profits surge to a great record
            2020-01-02T15:00,X,Shares fall on weak demand
            2020-01-06,X,Company announces new headquarters
            """
        let h = try Headlines.parse(text: text, source: "t.csv")
        XCTAssertEqual(h.count, 3)
        let bars = ["2020-01-02", "2020-01-03", "2020-01-06"].map(day)
        let s = Headlines.daily(h, on: bars)
        XCTAssertEqual(s[0], (Vader.score("Profits surge to a great record").compound + Vader.score("Shares fall on weak demand").compound) / 2,
                       accuracy: 1e-15)
        XCTAssertEqual(s[1], 0)
        XCTAssertEqual(s[2], Vader.score("Company announces new headquarters").compound)
    }

    /// Paths by hand: closes 100, 110, 121, 100, 90; a positive day at 2 and a negative
    /// day at 3, window -1..1.
    func testPathsAndBandsByHand() {
        let close = [100.0, 110, 121, 100, 90, 99]
        let score = [0, 0, 0.5, -0.5, 0, 0.6]
        let r = EventStudy.run(close: close, score: score, window: -1...1, threshold: 0.05)
        XCTAssertEqual(r.positive.events, 1)
        XCTAssertEqual(r.negative.events, 1)
        XCTAssertEqual(r.dropped, 1)  // day 5: no close after it
        // Positive at 2: base close[1] = 110; offsets -1, 0, 1 → 0 (the base), 121/110−1, 100/110−1.
        XCTAssertEqual(r.positive.mean[0], 0)
        XCTAssertEqual(r.positive.mean[1], 0.1, accuracy: 1e-15)
        XCTAssertEqual(r.positive.mean[2], 100.0 / 110 - 1, accuracy: 1e-15)
        XCTAssertEqual(r.negative.mean[1], 100.0 / 121 - 1, accuracy: 1e-15)
        XCTAssertEqual(r.negative.mean[2], 90.0 / 121 - 1, accuracy: 1e-15)
        XCTAssert(r.positive.band[1].isNaN)  // one event: no band
        // Two events: band = 1.96 × sd / √2.
        let two = EventStudy.run(close: close, score: [0, 0, 0.5, 0.5, 0, 0], window: 0...1, threshold: 0.05)
        let a = 121.0 / 110 - 1, b = 100.0 / 121 - 1, m = (a + b) / 2
        let sd = (((a - m) * (a - m) + (b - m) * (b - m)) / 1).squareRoot()
        XCTAssertEqual(two.positive.band[0], 1.96 * sd / 2.0.squareRoot(), accuracy: 1e-15)
    }

    func testBadInputNamesTheLine() {
        XCTAssertThrowsError(try Headlines.parse(text: "time,symbol,headline\n2020-01-02,X,a\n2020-02-30,X,b\n", source: "f.csv")) { e in
            XCTAssertEqual((e as? CSVError)?.line, 3)
        }
        XCTAssertThrowsError(try Headlines.parse(text: "time,ticker,headline\n2020-01-02,X,a\n", source: "f.csv")) { e in
            XCTAssertEqual((e as? CSVError)?.line, 1)
        }
        XCTAssertThrowsError(try Headlines.parse(text: "{\"time\": \"2020-01-02\", \"symbol\": \"X\", \"headline\": \"a\"}\n{\"time\": 5}\n", source: "f.jsonl")) { e in
            XCTAssertEqual((e as? CSVError)?.line, 2)
        }
    }
}
