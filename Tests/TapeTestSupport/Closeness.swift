import XCTest

/// Passes when `a` and `b` agree to a relative tolerance `rel` (measured against the larger
/// magnitude, as swift-numerics' `isApproximatelyEqual` does) or to an absolute tolerance
/// `abs`; equal values (infinities included) and NaN against NaN pass too, since a reference
/// leaves a statistic undefined exactly where we must. The message names the row and field.
public func assertClose(_ a: Double, _ b: Double, rel: Double, abs absTol: Double = 0, _ what: @autoclosure () -> String,
                        file: StaticString = #filePath, line: UInt = #line) {
    if a == b || (a.isNaN && b.isNaN) { return }
    let diff = Swift.abs(a - b)
    if diff <= absTol || diff <= rel * Swift.max(Swift.abs(a), Swift.abs(b)) { return }
    XCTFail("\(what()): got \(a), expected \(b) (diff \(diff))", file: file, line: line)
}
