import Foundation
import TapeData

/// Names charts by the session's content, so a replay draws the same names the live
/// session drew, whatever the file is called or wherever it was copied.
///
/// A chart's name is `KIND-HASH.EXT`, HASH the first 12 hex digits of SHA-256 over: the
/// chain of the statements that ran and were kept before it (each successful statement
/// the recorder keeps extends the chain; failed and meta commands do not, exactly as the
/// recorded file has them), the text of the statement drawing it, and the chart's number
/// within that statement. The chain starts from the session's seed, since a seeded
/// picture changes with it. Two sessions that drew different things cannot share a name,
/// so a picture is never replaced by a different one.
///
/// Names are printed under `plots/` (`chart: plots/price-3f2a9c1d0b7e.png`); where the
/// file is written depends on the mode: `plots/` for the prompt and scripts, a scratch
/// folder for `--check`, and the notebook's own folder for notebooks, so checking or
/// rendering a session never touches the pictures of the session it replays.
public final class ChartNaming {
    /// The folder names are printed under.
    public let displayDirectory: String
    /// The folder files are written to.
    public var writeDirectory: String
    private var chain: [UInt8]
    private var statement = ""
    private var ordinal = 0
    /// Folders made for this session's pictures that it removes at the end.
    private let ownsWriteDirectory: Bool

    public init(seed: UInt64, displayDirectory: String = "plots", writeDirectory: String? = nil, ownsWriteDirectory: Bool = false) {
        self.displayDirectory = displayDirectory
        self.writeDirectory = writeDirectory ?? displayDirectory
        self.ownsWriteDirectory = ownsWriteDirectory
        chain = SHA256.hash(Array("tape charts, seed \(seed)".utf8))
    }

    deinit {
        if ownsWriteDirectory { try? FileManager.default.removeItem(atPath: writeDirectory) }
    }

    /// Restarts the chain for a new seed (`set seed N` before anything was drawn keeps the
    /// names a function of the file's content).
    public func reseed(_ seed: UInt64) {
        chain = SHA256.hash(chain + Array("seed \(seed)".utf8))
    }

    /// The chain as it stands, and putting it back: a statement Ctrl-C cancelled (one that
    /// ran `set seed`) must leave the names as a replay, which skips it, will draw them.
    var chainState: [UInt8] { chain }
    func restore(chain saved: [UInt8]) { chain = saved }

    /// A top-level statement starts: its charts are numbered from 1.
    public func begin(statement text: String) {
        statement = Self.normalise(text)
        ordinal = 0
    }

    /// The statement ran and is kept in the session: later charts follow it.
    public func commit() {
        chain = SHA256.hash(chain + [0] + Array(statement.utf8))
    }

    /// The next chart's name (`price-3f2a9c1d0b7e.png`), its printed path and the path
    /// to write. Only letters, digits, `_` and `-` of `kind` are kept.
    public func next(kind: String, ext: String) -> (display: String, write: String) {
        ordinal += 1
        let digest = SHA256.hash(chain + [0] + Array(statement.utf8) + [0] + Array(String(ordinal).utf8))
        let hex = digest.prefix(6).map { String(format: "%02x", $0) }.joined()
        let safeKind = String(kind.unicodeScalars.filter { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || $0 == "_" || $0 == "-") }
            .map(Character.init))
        let name = "\(safeKind.isEmpty ? "chart" : safeKind)-\(hex).\(ext)"
        return ((displayDirectory as NSString).appendingPathComponent(name), (writeDirectory as NSString).appendingPathComponent(name))
    }

    /// The file behind a printed path (`plots/x.png` -> where this session wrote it).
    public func file(forDisplayed path: String) -> String {
        let prefix = displayDirectory.hasSuffix("/") ? displayDirectory : displayDirectory + "/"
        guard path.hasPrefix(prefix) else { return path }
        return (writeDirectory as NSString).appendingPathComponent(String(path.dropFirst(prefix.count)))
    }

    /// Whitespace runs as one space, ends trimmed: a statement typed with extra spaces
    /// and the same statement read back from the file name the same charts.
    static func normalise(_ text: String) -> String {
        text.split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
    }
}
