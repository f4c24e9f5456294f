import Foundation

/// The `bars` view: one row per bar, decoded from `bar_blocks` in plain SQL, so the
/// sqlite3 shell (or Python's sqlite3, or any SQLite browser) reads the store as it read
/// the row-per-bar table before blocks, with no extension loaded.
///
/// SQLite has no function that reads a number out of a BLOB, so the view takes each
/// 8-byte value apart byte by byte: `instr(X'0001..FF', substr(blob, k, 1)) - 1` is the
/// byte's value (its position in a table of all 256 bytes). A time is those bytes
/// shifted into place. A double is split into its top 12 bits (sign and exponent) and
/// its low 52 (mantissa); `bar_double_scales` maps the top bits to the implicit leading
/// one and the signed power of two, so the value is `(implicit + mantissa) * scale`:
/// an integer below 2^53 times a power of two, which SQLite computes exactly. NaN (the
/// exponent 2047) has a NULL scale and reads as NULL, as missing values did; so does an
/// infinity, which no price or volume is (telling the two apart would decode the value twice).
///
/// Each byte is written out once per value on purpose: SQLite copies a subquery's
/// expressions into the outer query, so a value referenced twice is decoded twice.
/// Decoding costs about 100 µs per row: fine for a person's query, which is what the
/// view is for; Tape itself reads the blocks directly.
///
/// The SQL below is part of migration v2 (StoreSchema). A change is a new migration.
enum BarsView {
    static let doubleColumns = ["open", "high", "low", "close", "volume", "adj_close"]

    /// `bar_block_rows`: the row numbers within a block, joined to `bar_blocks` to
    /// enumerate its bars; `bar_double_scales`: the table described above.
    static func helperTables() -> [String] {
        var rows = "INSERT INTO bar_block_rows(i) VALUES "
        rows += (0..<BarBlock.capacity).map { "(\($0))" }.joined(separator: ",")
        var scales: [String] = []
        for high in 0..<4096 {
            let negative = high >> 11 == 1, exponent = high & 2047
            let sign = negative ? "-" : ""
            switch exponent {
            case 2047: scales.append("(\(high), 0, NULL)")
            case 0: scales.append("(\(high), 0, \(sign)\(literal(Double(sign: .plus, exponent: -1074, significand: 1))))")
            default: scales.append("(\(high), 4503599627370496, \(sign)\(literal(Double(sign: .plus, exponent: exponent - 1075, significand: 1))))")
            }
        }
        return [
            "CREATE TABLE bar_block_rows (i INTEGER PRIMARY KEY)",
            rows,
            "CREATE TABLE bar_double_scales (high INTEGER PRIMARY KEY, implicit INTEGER NOT NULL, scale REAL)",
            "INSERT INTO bar_double_scales(high, implicit, scale) VALUES " + scales.joined(separator: ","),
        ]
    }

    /// A power of two as SQL text that reads back exactly: `%.17g` round-trips every
    /// double, subnormals included.
    static func literal(_ x: Double) -> String { String(format: "%.17g", x) }

    static let byteTable = "X'" + (0..<256).map { String(format: "%02X", $0) }.joined() + "'"

    /// Byte `k` (0 = least significant) of the value at row `r.i` of a block column.
    static func byte(_ column: String, _ k: Int) -> String {
        "(instr(\(byteTable), substr(b.\(column), r.i * 8 + \(k + 1), 1)) - 1)"
    }

    static func int64(_ column: String) -> String {
        "(" + (0..<8).map { "(\(byte(column, $0)) << \(8 * $0))" }.joined(separator: " | ") + ")"
    }

    /// Sign and exponent: bits 52...63.
    static func high(_ column: String) -> String {
        "((\(byte(column, 7)) << 4) | (\(byte(column, 6)) >> 4))"
    }

    /// The 52 mantissa bits.
    static func mantissa(_ column: String) -> String {
        "(((\(byte(column, 6)) & 15) << 48) | " + (0..<6).map { "(\(byte(column, $0)) << \(8 * $0))" }.joined(separator: " | ") + ")"
    }

    static func createBars() -> String {
        let decoded = doubleColumns.map { c in
            "(SELECT (implicit + \(c)_mantissa) * scale FROM bar_double_scales WHERE high = \(c)_high) AS \(c)"
        }
        let parts = doubleColumns.map { c in "\(high(c)) AS \(c)_high, \(mantissa(c)) AS \(c)_mantissa" }
        // CROSS JOIN keeps the blocks as the outer loop, so a symbol's bars come out in
        // time order when it is selected by symbol (its blocks are read by first_time).
        return """
            CREATE VIEW bars AS
            SELECT symbol, time, \(decoded.joined(separator: ", "))
            FROM (SELECT b.symbol AS symbol, \(int64("time")) AS time, \(parts.joined(separator: ", "))
                  FROM bar_blocks b CROSS JOIN bar_block_rows r ON r.i < b.count)
            """
    }

    /// The same view as before blocks: readable dates.
    static let createBarsDated = """
        CREATE VIEW bars_dated AS
        SELECT symbol,
               CASE WHEN time % 86400 = 0 THEN date(time, 'unixepoch')
                    ELSE datetime(time, 'unixepoch') END AS date,
               open, high, low, close, volume, adj_close
        FROM bars
        """
}
