import Foundation

// Numbers in explanations and rejections. Fixed C formatting (no locale), because these
// texts are stored in the ledger and compared by session checks.

/// Two decimals, the way prices and money are shown.
@inline(__always) func f2(_ x: Double) -> String { String(format: "%.2f", x) }

/// Whole numbers without a decimal point, others with up to four significant digits.
func num(_ x: Double) -> String {
    x == x.rounded() && abs(x) < 1e15 ? String(Int64(x)) : String(format: "%.4g", x)
}

/// The same formatting for texts about orders written outside TapeCore (the Alpaca
/// broker's notes), so both brokers word a quantity and a price alike.
public enum BrokerText {
    public static func price(_ x: Double) -> String { f2(x) }
    public static func quantity(_ x: Double) -> String { num(x) }
}
