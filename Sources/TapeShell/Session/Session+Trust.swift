import Foundation
import TapeCore

/// What an untrusted session (a file, piped input: docs/SESSIONS.md, "Trust") may touch.
/// Every command that writes a file asks `writablePath` first, and `${NAME}` in a URL is
/// expanded through `environmentValue`, so the rules live here and nowhere else.
extension Session {
    /// File types an untrusted session may write: data, documents and pictures. A shared
    /// file cannot write a script, a Makefile, a session file or a dotfile into your folder.
    public static let untrustedWritableExtensions: Set<String> = ["csv", "tsv", "txt", "json", "md", "html", "png", "svg"]

    /// Where a command may write `path` (resolved, for an untrusted session); throws at
    /// `span` with the reason when the session may not. A trusted session may write
    /// anywhere the user can. An untrusted one writes only under its root (the session
    /// file's folder) or the working directory's `plots/`: the folder that would hold the
    /// file is resolved with realpath(3), so `..`, an absolute path or a symbolic link
    /// that leads elsewhere is refused, as is an existing symbolic link at the name itself,
    /// a hidden name (`.bashrc`, `.git/`) and a file type outside
    /// `untrustedWritableExtensions`.
    public func writablePath(_ path: String, span: Span?) throws -> String {
        if path.isEmpty { throw TapeError("the file name is empty", span: span) }
        if path.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            throw TapeError("a file name cannot hold control characters (a line break, a tab, an escape)", span: span)
        }
        if trust.trusted { return path }
        let hint = "write under \(displayRoot)/ or plots/, or run a file you wrote with tape --trust"
        func refuse(_ why: String) -> TapeError {
            TapeError("this session file may not write \(path): \(why)", span: span, hint: hint)
        }
        let name = (path as NSString).lastPathComponent
        let components = (path as NSString).pathComponents
        if components.contains(where: { $0.hasPrefix(".") && $0 != "." && $0 != ".." }) {
            throw refuse("a hidden file or folder")
        }
        let ext = (name as NSString).pathExtension.lowercased()
        guard Self.untrustedWritableExtensions.contains(ext) else {
            throw refuse("a .\(ext.isEmpty ? "(none)" : ext) file (allowed: "
                         + Self.untrustedWritableExtensions.sorted().joined(separator: ", ") + ")")
        }
        let cwd = FileManager.default.currentDirectoryPath
        let absolute = path.hasPrefix("/") ? path : cwd + "/" + path
        let folder = (absolute as NSString).deletingLastPathComponent
        guard let realFolder = Self.realPath(folder) else {
            throw refuse("its folder does not exist")
        }
        let allowed = [Self.realPath(trust.root.isEmpty ? cwd : trust.root), Self.realPath(cwd + "/plots")].compactMap { $0 }
        let inside = allowed.contains { realFolder == $0 || realFolder.hasPrefix($0 == "/" ? "/" : $0 + "/") }
        guard inside else {
            if path.hasPrefix("/") { throw refuse("an absolute path outside the session's folder") }
            if components.contains("..") { throw refuse("'..' leads out of the session's folder") }
            if Self.realPath(cwd).map({ $0 + "/" + (path as NSString).deletingLastPathComponent }).map({ ($0 as NSString).standardizingPath })
                != realFolder {
                throw refuse("a symbolic link leads out of the session's folder")
            }
            throw refuse("it is outside the session's folder (a relative name starts from the working directory)")
        }
        let target = realFolder + "/" + name
        var st = stat()
        if lstat(target, &st) == 0 && (st.st_mode & S_IFMT) == S_IFLNK {
            throw refuse("it is a symbolic link")
        }
        return target
    }

    /// The root as the user would read it in a message.
    var displayRoot: String {
        let cwd = FileManager.default.currentDirectoryPath
        if trust.root.isEmpty || trust.root == "." || trust.root == cwd { return "." }
        return trust.root.hasPrefix(cwd + "/") ? String(trust.root.dropFirst(cwd.count + 1)) : trust.root
    }

    static func realPath(_ path: String) -> String? {
        guard let p = realpath(path, nil) else { return nil }
        defer { free(p) }
        return String(cString: p)
    }

    /// The value `${NAME}` expands to, or nil when unset or empty. An untrusted session
    /// expands only the names the user allowed (`--allow-env NAME`): a received file must
    /// not be able to send `${AWS_SECRET_ACCESS_KEY}` to a host of its choosing.
    public func environmentValue(_ name: String, span: Span?) throws -> String? {
        if !trust.trusted && !trust.allowedEnvironment.contains(name) {
            throw TapeError("this session file may not read the environment variable \(name)", span: span,
                            hint: "allow it with tape --allow-env \(name) FILE, or run a file you wrote with tape --trust")
        }
        guard let value = ProcessInfo.processInfo.environment[name], !value.isEmpty else { return nil }
        return value
    }
}
