import TapeCore
// TEMPORARY stand-in until the csv branch's embedded samples merge.
public struct SampleInfo { public let summary: String }
public enum SampleData {
    public static let names: [String] = []
    public static func bars(_ name: String) throws -> Bars? { nil }
    public static func info(_ name: String) -> SampleInfo? { nil }
}
