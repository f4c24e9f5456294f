import Foundation
import TapeTestSupport
import XCTest
@testable import TapeCore

/// The port against vaderSentiment 3.3.2 on the headlines of Tests/Fixtures/sentiment
/// (make_fixtures.py records the unrounded compound score the package computes).
final class VaderTests: XCTestCase {
    private struct Row: Decodable {
        let headline: String
        let compound: Double, rounded: Double, pos: Double, neg: Double, neu: Double
    }

    func testAgreesWithVaderSentiment() throws {
        let data = try Data(contentsOf: Repository.fixtures("sentiment/expected.json"))
        let rows = try JSONDecoder().decode([Row].self, from: data)
        XCTAssertEqual(rows.count, 60)
        var nonzero = 0
        for r in rows {
            let s = Vader.score(r.headline)
            assertClose(s.compound, r.compound, rel: 1e-12, abs: 1e-15, r.headline)
            XCTAssertEqual((s.compound * 10_000).rounded() / 10_000, r.rounded, accuracy: 1e-12, r.headline)
            XCTAssertEqual(s.positive, r.pos, accuracy: 0.0005, r.headline)
            XCTAssertEqual(s.negative, r.neg, accuracy: 0.0005, r.headline)
            XCTAssertEqual(s.neutral, r.neu, accuracy: 0.0005, r.headline)
            if r.compound != 0 { nonzero += 1 }
        }
        XCTAssertGreaterThan(nonzero, 40)
    }

    /// The rules, one by one, on the package's own examples' logic.
    func testRulesMoveTheScoreTheRightWay() {
        let good = Vader.score("The results are good").compound
        XCTAssertGreaterThan(good, 0)
        XCTAssertLessThan(Vader.score("The results are not good").compound, 0)
        XCTAssertGreaterThan(Vader.score("The results are very good").compound, good)
        XCTAssertLessThan(Vader.score("The results are slightly good").compound, good)
        XCTAssertGreaterThan(Vader.score("The results are good!").compound, good)
        XCTAssertGreaterThan(Vader.score("The results are GOOD").compound, good)
        XCTAssertEqual(VaderLexicon.valences["good"], 1.9)
        XCTAssertEqual(VaderLexicon.valences.count, 7506)  // len(SentimentIntensityAnalyzer().lexicon): 7520 lines, some tokens twice
    }
}
