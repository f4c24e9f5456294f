/// A CSV file could not be read. The description is one line in the compiler-style
/// `file:line: problem` form, so a person can jump straight to the offending row.
public struct CSVError: Error, Equatable, CustomStringConvertible, Sendable {
    /// The file (or URL, or sample name) the text came from, as the caller named it.
    public let source: String
    /// 1-based line in the file where the offending record starts; nil when the problem
    /// belongs to the whole file (an empty file).
    public let line: Int?
    /// What was wrong, without the location prefix.
    public let message: String

    public init(source: String, line: Int?, message: String) {
        self.source = source
        self.line = line
        self.message = message
    }

    public var description: String {
        if let line { return "\(source):\(line): \(message)" }
        return "\(source): \(message)"
    }
}
