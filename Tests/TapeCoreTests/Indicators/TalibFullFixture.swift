import Foundation
import TapeCore

/// Reads Tests/Fixtures/talib-full (see its README.md): the input series, the cases (TA-Lib
/// function, parameters by TA-Lib's names, inputs, lookback) and TA-Lib's outputs.
enum TalibFullFixture {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/talib-full")

    struct Case {
        let id: String
        let function: String
        let params: [String: Double]
        let inputs: [String]
        let outputs: [String]
        let lookback: Int
        let pattern: Bool
    }

    struct Bars {
        let time: [Double]
        let columns: [String: [Double]]
        var count: Int { time.count }
    }

    /// One series' reference: the stored rows of every numeric output, and over all bars
    /// each output's NaN runs and sum, and each candlestick output's non-zero bars.
    struct Reference {
        let rows: [Int]
        let columns: [String: [Double]]
        let nanRuns: [String: [[Int]]]
        let sums: [String: Double]
        let patterns: [String: [[Int]]]
    }

    static func json(_ file: String) throws -> [String: Any] {
        let data = try Data(contentsOf: directory.appendingPathComponent(file))
        guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw CocoaError(.fileReadCorruptFile)
        }
        return object
    }

    static func manifest() throws -> (series: [String], variantSeries: Set<String>, cases: [Case]) {
        let m = try json("cases.json")
        let series = m["series"] as? [String] ?? []
        let variants = Set(m["variant_series"] as? [String] ?? [])
        let cases = (m["cases"] as? [[String: Any]] ?? []).map { c in
            Case(id: c["id"] as? String ?? "",
                 function: c["function"] as? String ?? "",
                 params: (c["params"] as? [String: Any] ?? [:]).compactMapValues { ($0 as? NSNumber)?.doubleValue },
                 inputs: c["inputs"] as? [String] ?? [],
                 outputs: c["outputs"] as? [String] ?? [],
                 lookback: (c["lookback"] as? NSNumber)?.intValue ?? -1,
                 pattern: c["pattern"] as? Bool ?? false)
        }
        return (series, variants, cases)
    }

    /// A CSV with a header; empty fields are NaN. The first column is returned as text.
    static func csv(_ file: String) throws -> (header: [String], first: [String], columns: [[Double]]) {
        let text = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
        var lines = text.split(whereSeparator: \.isNewline)
        guard !lines.isEmpty else { throw CocoaError(.fileReadCorruptFile) }
        let header = lines.removeFirst().split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        var first: [String] = []
        var columns = Array(repeating: [Double](), count: max(0, header.count - 1))
        for line in lines {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            first.append(fields.first.map(String.init) ?? "")
            for c in 1..<header.count {
                columns[c - 1].append(c < fields.count && !fields[c].isEmpty ? Double(fields[c]) ?? .nan : .nan)
            }
        }
        return (header, first, columns)
    }

    static func bars(_ series: String) throws -> Bars {
        let t = try csv("inputs/\(series).csv")
        var columns: [String: [Double]] = [:]
        for (k, name) in t.header.dropFirst().enumerated() { columns[name] = t.columns[k] }
        let n = t.first.count
        // MAVP's variable periods, as generate.py builds them.
        columns["periods"] = (0..<n).map { Double(2 + ($0 * 7) % 29) }
        return Bars(time: t.first.map { Double(CivilTime.parse(Substring($0)) ?? 0) }, columns: columns)
    }

    static func reference(_ series: String) throws -> Reference {
        let t = try csv("outputs/\(series).csv")
        var columns: [String: [Double]] = [:]
        for (k, name) in t.header.dropFirst().enumerated() { columns[name] = t.columns[k] }
        let meta = try json("outputs/\(series).json")
        func ints(_ v: Any?) -> [String: [[Int]]] {
            (v as? [String: Any] ?? [:]).mapValues { ($0 as? [[NSNumber]] ?? []).map { $0.map(\.intValue) } }
        }
        return Reference(rows: t.first.compactMap { Int($0) }, columns: columns, nanRuns: ints(meta["nan"]),
                         sums: (meta["sum"] as? [String: Any] ?? [:]).compactMapValues { ($0 as? NSNumber)?.doubleValue },
                         patterns: ints(meta["patterns"]))
    }

    /// The catalogue inputs for a case: named inputs (open ... volume, time) from the bars;
    /// the user series, in order, from the case's inputs that the entry does not read by name.
    static func inputs(_ spec: IndicatorSpec, _ c: Case, _ bars: Bars) -> [[Double]] {
        let named: Set<String> = Set(spec.inputs.compactMap { if case .series = $0 { return nil } else { return $0.name } })
        var user = c.inputs.filter { !named.contains($0) }.makeIterator()
        return spec.inputs.map { input in
            switch input {
            case .series: return bars.columns[user.next() ?? "close"] ?? []
            case .time: return bars.time
            default: return bars.columns[input.name] ?? []
            }
        }
    }

    /// The NaN runs of `values`, as the generator writes them.
    static func nanRuns(_ values: [Double]) -> [[Int]] {
        var runs: [[Int]] = []
        var start: Int?
        for (i, v) in values.enumerated() {
            if v.isNaN {
                if start == nil { start = i }
            } else if let s = start {
                runs.append([s, i - 1])
                start = nil
            }
        }
        if let s = start { runs.append([s, values.count - 1]) }
        return runs
    }
}
