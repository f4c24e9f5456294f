import Foundation

/// A fresh temporary folder made the process's working directory, for commands that
/// write relative to it (charts into ./plots); `restore()` in tearDown goes back to the
/// previous directory and removes the folder.
public final class ScratchWorkingDirectory {
    public let url: URL
    private let previous: String

    public init() throws {
        previous = FileManager.default.currentDirectoryPath
        url = try TempDir().url
        guard FileManager.default.changeCurrentDirectoryPath(url.path) else {
            throw CocoaError(.fileReadNoPermission, userInfo: [NSFilePathErrorKey: url.path])
        }
    }

    /// `keep` leaves the folder in place (to look at what a test drew).
    public func restore(keep: Bool = false) {
        _ = FileManager.default.changeCurrentDirectoryPath(previous)
        if !keep { try? FileManager.default.removeItem(at: url) }
    }
}
