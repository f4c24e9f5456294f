import TapeCore
import XCTest

/// The one number formatter's rules, each against the text C's printf or Swift's shortest
/// round-trip gives for the same value.
final class FormatTests: XCTestCase {
    func testNumberForPeople() {
        XCTAssertEqual(Format.number(42), "42")
        XCTAssertEqual(Format.number(-0.0), "0")
        XCTAssertEqual(Format.number(0.1 + 0.2), "0.3")
        XCTAssertEqual(Format.number(1e20), "1e+20")
        XCTAssertEqual(Format.number(2.0 / 3, significant: 4), "0.6667")
        XCTAssertEqual(Format.number(.nan), "NaN")
        XCTAssertEqual(Format.number(-.infinity), "-inf")
    }

    func testSignificantIsPrintfG() {
        XCTAssertEqual(Format.significant(12345, 4), "1.234e+04")
        XCTAssertEqual(Format.significant(0.000123456, 3), "0.000123")
        XCTAssertEqual(Format.significant(.infinity, 3), "NaN")
    }

    func testFixed() {
        XCTAssertEqual(Format.fixed(3.14159, 2), "3.14")
        XCTAssertEqual(Format.fixed(-0.001, 2), "0.00")
        XCTAssertEqual(Format.fixed(-0.01, 2), "-0.01")
        // printf rounds the exact binary value: 0.125 is a tie, kept even.
        XCTAssertEqual(Format.fixed(0.125, 2), "0.12")
        XCTAssertEqual(Format.fixed(1.5, 4, trimmingZeros: true), "1.5")
        XCTAssertEqual(Format.fixed(2, 4, trimmingZeros: true), "2")
        XCTAssertEqual(Format.fixed(.nan, 2), "NaN")
    }

    func testExactAndRoundTrip() {
        XCTAssertEqual(Format.exact(2.0000000001), "2.0000000001")
        XCTAssertEqual(Format.exact(4_006_500), "4006500")
        XCTAssertEqual(Format.exact(-0.0), "0")
        XCTAssertEqual(Format.exact(-0.0, signedZero: true), "-0")
        XCTAssertEqual(Format.exact(0.1), "0.1")
        XCTAssertEqual(Format.roundTrip(.nan), "")
        for x in [0.1, 1.0 / 3, 1e-300, 123456.789] { XCTAssertEqual(Double(Format.exact(x)), x) }
    }
}
