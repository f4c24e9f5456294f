// Numbers in explanations and rejections, through the one formatter (`Format`): these
// texts are stored in the ledger and compared by session checks.

/// Two decimals, the way prices and money are shown.
@inline(__always) func f2(_ x: Double) -> String { Format.fixed(x, 2) }

/// Whole numbers without a decimal point, others with up to four significant digits.
func num(_ x: Double) -> String { Format.number(x, significant: 4) }

/// The same formatting for texts about orders written outside TapeCore (the Alpaca
/// broker's notes), so both brokers word a quantity and a price alike.
public enum BrokerText {
    public static func price(_ x: Double) -> String { f2(x) }
    public static func quantity(_ x: Double) -> String { num(x) }
}
