// Numbers in explanations and rejections, through the one formatter (`Format`): these
// texts are stored in the ledger and compared by session checks.

/// Two decimals, the way prices and money are shown.
@inline(__always) func f2(_ x: Double) -> String { Format.fixed(x, 2) }

/// Whole numbers without a decimal point, others with up to four significant digits.
func num(_ x: Double) -> String { Format.number(x, significant: 4) }
