import Foundation

/// Where the checkout is: tests read fixtures, servers and docs relative to their own
/// source files instead of through bundle resources, so they run from any directory.
public enum Repository {
    /// The folder holding Package.swift (this file is Tests/TapeTestSupport/Repository.swift).
    public static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// A file or folder of the checkout, e.g. `path("docs/COMMANDS.md")`.
    public static func path(_ relative: String) -> String {
        root.appendingPathComponent(relative).path
    }

    /// A folder (or file) under Tests/Fixtures, whose PROVENANCE.md notes say where each came from.
    public static func fixtures(_ relative: String) -> URL {
        root.appendingPathComponent("Tests/Fixtures").appendingPathComponent(relative)
    }
}
