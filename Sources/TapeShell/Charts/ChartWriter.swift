import Foundation

/// Writes charts as files with names a replay reproduces. In a session the names come
/// from the session's `ChartNaming` (by the session's content: `plots/KIND-HASH.EXT`,
/// written where the session's mode puts pictures); on its own, a writer numbers its
/// charts `<dir>/<stem>-<n>-<kind>.<ext>`.
public struct ChartWriter {
    public enum Format: String, Sendable, CaseIterable {
        case png, svg

        var terminal: ChartCanvas.Terminal { self == .png ? .png : .svg }
    }

    public var directory: String
    public let sessionStem: String
    /// Charts written so far; the next file is numbered `count + 1`.
    public private(set) var count = 0
    public var runner: any ChartRunning
    /// The session's naming, when the writer draws for a session.
    public var naming: ChartNaming?

    /// `sessionStem` is reduced to letters, digits, `.`, `_` and `-` (anything else
    /// becomes `_`), so a session name cannot climb out of the directory or reach
    /// gnuplot as anything but a plain file name.
    public init(directory: String = "plots", sessionStem: String, runner: any ChartRunning = GnuplotRunner()) {
        self.directory = directory
        self.sessionStem = Self.safeStem(sessionStem)
        self.runner = runner
    }

    static func safeStem(_ text: String) -> String {
        let kept = String(text.unicodeScalars.prefix(80).map { s -> Character in
            s.isASCII && (CharacterSet.alphanumerics.contains(s) || s == "." || s == "_" || s == "-") ? Character(s) : "_"
        })
        let trimmed = kept.drop { $0 == "." }
        return trimmed.isEmpty ? "session" : String(trimmed)
    }

    /// A writer for a session: names and folders come from `naming`.
    public init(naming: ChartNaming, runner: any ChartRunning = GnuplotRunner()) {
        self.init(directory: naming.writeDirectory, sessionStem: "session", runner: runner)
        self.naming = naming
    }

    /// The path the next chart of `kind` will take (numbered writers only).
    public func nextPath(kind: String, format: Format) -> String {
        (directory as NSString).appendingPathComponent("\(sessionStem)-\(count + 1)-\(kind).\(format.rawValue)")
    }

    /// Draws `chart` to the next file and returns its path. The number is used up only
    /// when the file was written, so a failed chart leaves no hole in the sequence.
    @discardableResult
    public mutating func write(_ chart: ChartSpec, format: Format = .png, width: Int = ChartSettings.defaultPixelSize.width,
                               height: Int = ChartSettings.defaultPixelSize.height, theme: ChartTheme = .light) throws -> String {
        let (shown, path) = naming?.next(kind: chart.kind, ext: format.rawValue)
            ?? { let p = nextPath(kind: chart.kind, format: format); return (p, p) }()
        let folder = (path as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(atPath: folder.isEmpty ? "." : folder, withIntermediateDirectories: true)
        } catch {
            throw ChartError.io("cannot create directory '\(folder)': \(error.localizedDescription)")
        }
        let canvas = ChartCanvas(terminal: format.terminal, width: width, height: height, theme: theme, output: path)
        do {
            _ = try runner.run(try ChartRenderer.script(for: chart, canvas: canvas))
        } catch ChartError.interrupted {
            // gnuplot was stopped mid-file: no half picture is left under the name.
            try? FileManager.default.removeItem(atPath: path)
            throw ChartError.interrupted
        }
        guard FileManager.default.fileExists(atPath: path) else {
            throw ChartError.io("gnuplot wrote no file at '\(path)'")
        }
        count += 1
        return shown
    }
}
