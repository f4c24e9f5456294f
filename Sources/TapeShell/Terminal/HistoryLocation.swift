import Foundation

/// Where the interactive history lives. History is state, not configuration or cache,
/// so it follows the XDG Base Directory spec's XDG_STATE_HOME (default
/// ~/.local/state), like bash 5.2's and less's history files on such systems.
public enum HistoryLocation {
    /// `$XDG_STATE_HOME/tape/history`, else `~/.local/state/tape/history`. Creates the
    /// directory (mode 0700: history may hold anything typed) when it is missing.
    public static func defaultFile() -> String {
        file(environment: ProcessInfo.processInfo.environment, createDirectory: true)
    }

    /// The history path for `environment`. The spec says a relative XDG_STATE_HOME is
    /// invalid and must be ignored; with no usable HOME either, the home directory from
    /// the password database is used.
    public static func file(environment: [String: String], createDirectory: Bool) -> String {
        let base: String
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") {
            base = state
        } else {
            base = homeDirectory(environment: environment) + "/.local/state"
        }
        let directory = base + "/tape"
        if createDirectory {
            try? FileManager.default.createDirectory(
                atPath: directory, withIntermediateDirectories: true,
                attributes: [.posixPermissions: 0o700])
        }
        return directory + "/history"
    }

    private static func homeDirectory(environment: [String: String]) -> String {
        if let home = environment["HOME"], home.hasPrefix("/") { return home }
        return NSHomeDirectory()
    }
}
