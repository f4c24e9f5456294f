import Foundation
import TapeCore

/// Bars as the store keeps them: runs of up to `capacity` consecutive bars of one symbol,
/// one row of `bar_blocks` each, every column one BLOB of little-endian 8-byte values
/// (time as Int64 seconds, prices and volume as IEEE doubles, NaN for missing).
///
/// Why blocks rather than a row per bar: SQLite spends about 8–12 µs inserting and
/// 0.5 µs reading a row of eight values, while a block moves 1,024 bars with one row
/// and seven memcpy-sized copies, so a save costs well under a microsecond per bar and
/// a load tens of nanoseconds. The row-per-bar schema lives on as the `bars` view
/// (BarsView.swift), which decodes the blocks in plain SQL for the sqlite3 shell.
///
/// A block never spans another: blocks of a symbol are sorted and disjoint in time, so a
/// save that touches a date range rewrites only the blocks over that range (and a
/// partly filled block just before it, so daily appends fill blocks instead of leaving
/// one-bar blocks behind).
struct BarBlock {
    /// Bars per full block. 1,024 keeps a block's row at 56 KB (64 KB with adj_close):
    /// large enough that the per-row cost vanishes, small enough that appending a day
    /// rewrites little.
    static let capacity = 1024

    var first: Int64
    var last: Int64
    var count: Int

    /// The encoded columns of `bars[range]`, in schema order (time, open, high, low,
    /// close, volume, adj_close); adj_close nil when the bars have none.
    static func encode(_ bars: Bars, _ range: Range<Int>) -> (time: Data, columns: [Data], adjClose: Data?) {
        (data(bars.time, range), [bars.open, bars.high, bars.low, bars.close, bars.volume].map { data($0, range) },
         bars.adjClose.map { data($0, range) })
    }

    static func data<T: FixedWidthInteger>(_ values: [T], _ range: Range<Int>) -> Data {
        #if _endian(little)
        return values.withUnsafeBufferPointer { Data(buffer: UnsafeBufferPointer(rebasing: $0[range])) }
        #else
        return values[range].withUnsafeBufferPointer { b in Data(buffer: UnsafeBufferPointer(start: b.map(\.littleEndian), count: b.count)) }
        #endif
    }

    static func data(_ values: [Double], _ range: Range<Int>) -> Data {
        #if _endian(little)
        return values.withUnsafeBufferPointer { Data(buffer: UnsafeBufferPointer(rebasing: $0[range])) }
        #else
        return data(values[range].map(\.bitPattern), 0..<range.count)
        #endif
    }

    /// Copies `count` little-endian 8-byte values from `source` (any alignment) into
    /// `target` starting at `offset`.
    static func decode<T: BitwiseCopyable>(_ source: UnsafeRawPointer, count: Int, into target: UnsafeMutablePointer<T>,
                                           at offset: Int) {
        #if _endian(little)
        UnsafeMutableRawPointer(target + offset).copyMemory(from: source, byteCount: count * 8)
        #else
        for k in 0..<count {
            let bits = UInt64(littleEndian: source.loadUnaligned(fromByteOffset: k * 8, as: UInt64.self))
            UnsafeMutableRawPointer(target + offset + k).storeBytes(of: bits, as: UInt64.self)
        }
        #endif
    }

    /// Start indices of the blocks `count` bars are cut into.
    static func cuts(_ count: Int) -> StrideTo<Int> { stride(from: 0, to: count, by: capacity) }
}
