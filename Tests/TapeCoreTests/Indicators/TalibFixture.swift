import Foundation
import TapeCore
import TapeTestSupport

/// Reads Tests/Fixtures/talib: the GOOG input series and TA-Lib's output files.
enum TalibFixture {
    static let directory = Repository.fixtures("talib")

    struct Series {
        var time: [Double] = []
        var open: [Double] = []
        var high: [Double] = []
        var low: [Double] = []
        var close: [Double] = []
        var volume: [Double] = []
    }

    /// Parses a CSV with a date column first; empty fields become NaN.
    static func table(_ file: String) throws -> (header: [String], dates: [String], columns: [[Double]]) {
        let text = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
        var lines = text.split(whereSeparator: \.isNewline).map(String.init)
        guard !lines.isEmpty else { throw CocoaError(.fileReadCorruptFile) }
        let header = lines.removeFirst().split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        var dates: [String] = []
        var columns = Array(repeating: [Double](), count: header.count - 1)
        for line in lines {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            dates.append(String(fields[0]))
            for c in 1..<header.count {
                columns[c - 1].append(c < fields.count && !fields[c].isEmpty ? Double(fields[c]) ?? .nan : .nan)
            }
        }
        return (header, dates, columns)
    }

    static let goog: Series = {
        guard let t = try? table("GOOG.csv") else { return Series() }
        var s = Series()
        s.time = t.dates.map { Double(CivilTime.parse(Substring($0)) ?? 0) }
        s.open = t.columns[0]
        s.high = t.columns[1]
        s.low = t.columns[2]
        s.close = t.columns[3]
        s.volume = t.columns[4]
        return s
    }()

    /// The dataset column for each declared input; `.series` inputs take the given series
    /// (close unless told otherwise).
    static func inputs(for spec: IndicatorSpec, series: [[Double]]? = nil, data: Series = goog) -> [[Double]] {
        var user = (series ?? Array(repeating: data.close, count: spec.seriesInputs.count)).makeIterator()
        return spec.inputs.map { input in
            switch input {
            case .series: return user.next() ?? data.close
            case .open: return data.open
            case .high: return data.high
            case .low: return data.low
            case .close: return data.close
            case .volume: return data.volume
            case .time: return data.time
            }
        }
    }
}
