/// One problem found in a price series, tied to the row (and time) it concerns.
public struct QualityIssue: Equatable, Sendable {
    public enum Kind: String, CaseIterable, Sendable {
        /// A trading day of the US equity calendar with no bar (`row` is the next bar's row).
        case missingDay = "missing day"
        /// A bar on a weekend or exchange holiday.
        case nonTradingDay = "non-trading day"
        case duplicateTime = "duplicate time"
        case outOfOrder = "out of order"
        /// Open, high, low or close is empty (NaN).
        case missingField = "missing field"
        /// High/low do not bracket open/close, or a price is zero or negative.
        case inconsistentOHLC = "inconsistent OHLC"
        case zeroVolume = "zero volume"
        case missingVolume = "missing volume"
        /// A close-to-close return whose z-score exceeds the threshold.
        case outlier = "outlier"
        /// A jump by a split ratio (2:1, 3:2, 1:10 ...) that persists.
        case splitLike = "split-like jump"
        /// A jump by a split ratio that reverses on the next bar: one bad print.
        case spike = "one-bar spike"

        /// The name for a count of more than one (`2 missing days`).
        public var plural: String {
            switch self {
            case .missingDay, .nonTradingDay, .duplicateTime, .missingField, .outlier, .splitLike, .spike: return rawValue + "s"
            default: return rawValue
            }
        }

        /// How much one affected row costs the quality score (see docs/DATA.md).
        public var weight: Double {
            switch self {
            case .outlier: return 0.25
            case .zeroVolume, .missingVolume: return 0.5
            default: return 1
            }
        }
    }

    public var kind: Kind
    public var row: Int
    public var time: Int64
    public var detail: String

    public init(kind: Kind, row: Int, time: Int64, detail: String) {
        self.kind = kind
        self.row = row
        self.time = time
        self.detail = detail
    }

    /// `2016-05-19  row 826  inconsistent OHLC: low 35.085 > close 17.87` (rows count from 1
    /// as a person reads a file, not counting the header).
    public var line: String {
        "\(CivilTime.format(time))  row \(row + 1)  \(kind.rawValue): \(detail)"
    }
}
