import Foundation

/// One lesson file: `NN-name.tape`, titled by its first comment line.
struct Lesson: Equatable {
    var path: String
    /// The file name without `.tape`, e.g. `03-backtest-assumptions`.
    var stem: String
    /// The leading number of the file name, when it has one.
    var number: Int?
    var title: String
}

/// The lessons of one directory, in file-name order: `lesson` lists them and finds one
/// by number or by a word of its name.
struct LessonCatalog {
    var directory: String
    var lessons: [Lesson]

    /// The directory as the user would type it: relative when under the working directory.
    var displayDirectory: String {
        let cwd = FileManager.default.currentDirectoryPath + "/"
        return directory.hasPrefix(cwd) ? String(directory.dropFirst(cwd.count)) : directory
    }

    /// Reads every `*.tape` file of `directory`.
    init(directory: String) throws {
        self.directory = directory
        let names = try FileManager.default.contentsOfDirectory(atPath: directory)
        lessons = names.filter { $0.hasSuffix(".tape") }.sorted().map { name in
            let path = (directory as NSString).appendingPathComponent(name)
            let stem = String(name.dropLast(".tape".count))
            let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
            return Lesson(path: path, stem: stem, number: Int(stem.prefix { $0.isNumber }), title: Self.title(of: text))
        }
    }

    /// The first comment line that is neither stored output nor a session header.
    static func title(of text: String) -> String {
        for line in text.split(separator: "\n") {
            let t = line.trimmingCharacters(in: .whitespaces)
            guard t.hasPrefix("#"), !t.hasPrefix("#>") else { continue }
            let body = t.drop { $0 == "#" }.trimmingCharacters(in: .whitespaces)
            if body.isEmpty || SessionFile.isHeaderKey(body) && body.contains(":") { continue }
            return body
        }
        return ""
    }

    /// sessions/lessons/ of the working directory, else of the checkout the
    /// executable lives in (…/REPO/.build/debug/tape), so `lesson` works from any
    /// directory for a tape built from source.
    static func located(span: Span) throws -> LessonCatalog {
        let fm = FileManager.default
        var candidates = [fm.currentDirectoryPath + "/sessions/lessons"]
        if let exe = Bundle.main.executablePath {
            var dir = ((exe as NSString).resolvingSymlinksInPath as NSString).deletingLastPathComponent
            for _ in 0..<6 where dir.count > 1 {
                candidates.append(dir + "/sessions/lessons")
                dir = (dir as NSString).deletingLastPathComponent
            }
        }
        var isDir: ObjCBool = false
        guard let dir = candidates.first(where: { fm.fileExists(atPath: $0, isDirectory: &isDir) && isDir.boolValue }) else {
            throw TapeError("no lessons found: sessions/lessons/ is not in the working directory", span: span,
                            hint: "run tape from the Tape checkout, where sessions/lessons/ holds the lessons")
        }
        let catalog = try LessonCatalog(directory: dir)
        guard !catalog.lessons.isEmpty else { throw TapeError("\(dir) holds no .tape lessons", span: span) }
        return catalog
    }

    /// `3`, `03`, a whole file name, or a word that appears in exactly one name.
    func lesson(matching key: String, span: Span) throws -> Lesson {
        let k = key.lowercased().replacingOccurrences(of: ".tape", with: "")
        if let n = Int(k) {
            if let l = lessons.first(where: { $0.number == n }) { return l }
            throw TapeError("there is no lesson \(n)", span: span, hint: "lesson lists them")
        }
        if let l = lessons.first(where: { $0.stem.lowercased() == k }) { return l }
        let matches = lessons.filter { $0.stem.lowercased().contains(k) || $0.title.lowercased().contains(k) }
        if matches.count == 1, let l = matches.first { return l }
        if matches.isEmpty {
            throw TapeError("no lesson matches '\(key)'", span: span, hint: "lesson lists them")
        }
        throw TapeError("'\(key)' matches \(matches.count) lessons: " + matches.map(\.stem).joined(separator: ", "),
                        span: span, hint: "give its number")
    }
}
