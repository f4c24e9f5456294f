import Foundation

/// A session file read as cells: each command (continuation lines joined) with the
/// comments before it and the `#> ` output lines stored under it.
///
///   # prose or a header line           (kept, not run)
///   load SPY                           (a command)
///   #> SPY: 5241 bars ...              (its expected output)
public struct SessionFile {
    public struct Cell {
        public var command: String
        /// The physical lines of the command as written (several when continued).
        public var commandLines: [String]
        public var lineNumber: Int
        /// Comment lines (without their `#`) directly above the command.
        public var comments: [String]
        public var expected: [String]
        public var hasExpected: Bool
    }

    public var header: [String] = []
    public var cells: [Cell] = []
    /// Comment lines after the last command.
    public var trailing: [String] = []
    public var hasAnyExpected: Bool { cells.contains { $0.hasExpected } }

    /// The name a session file's plots and notebook title take (`runs/spy.tape` -> `spy`).
    public static func stem(ofPath path: String) -> String {
        ((path as NSString).lastPathComponent as NSString).deletingPathExtension
    }

    public static func parse(_ text: String) -> SessionFile {
        var file = SessionFile()
        var pendingComments: [String] = []
        // "\r\n" is one Character in Swift, so splitting at "\n" alone would leave a
        // Windows-edited file as a single line: nothing would run and --check would pass.
        var lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }).map { l -> String in
            var s = String(l)
            if s.hasSuffix("\r") { s.removeLast() }
            return s
        }
        if lines.last == "" { lines.removeLast() }
        var i = 0
        var seenCommand = false
        while i < lines.count {
            let line = lines[i]
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("#>") {
                // Output with no command above it (hand-edited file): attach to the last cell.
                if var last = file.cells.popLast() {
                    last.expected.append(outputText(trimmed))
                    last.hasExpected = true
                    file.cells.append(last)
                }
                i += 1
                continue
            }
            if trimmed.isEmpty || trimmed.hasPrefix("#") {
                let body = trimmed.isEmpty ? "" : String(trimmed.dropFirst()).trimmingLeadingSpace()
                if !seenCommand && file.cells.isEmpty && !trimmed.isEmpty && body.contains(":") && isHeaderKey(body) {
                    file.header.append(body)
                } else {
                    pendingComments.append(trimmed.isEmpty ? "" : body)
                }
                i += 1
                continue
            }
            seenCommand = true
            let start = i
            var commandLines = [line]
            var scanner = Continuation.Scanner()
            scanner.feed(line)
            // Stored output never continues a command, even one left with an open bracket.
            while scanner.needsMore, i + 1 < lines.count,
                  !lines[i + 1].trimmingCharacters(in: .whitespaces).hasPrefix("#>") {
                i += 1
                commandLines.append(lines[i])
                scanner.feed(lines[i])
            }
            i += 1
            var cell = Cell(command: Continuation.join(commandLines), commandLines: commandLines, lineNumber: start + 1,
                            comments: pendingComments, expected: [], hasExpected: false)
            pendingComments = []
            while i < lines.count, lines[i].trimmingCharacters(in: .whitespaces).hasPrefix("#>") {
                cell.expected.append(outputText(lines[i].trimmingCharacters(in: .whitespaces)))
                cell.hasExpected = true
                i += 1
            }
            file.cells.append(cell)
        }
        file.trailing = pendingComments
        return file
    }

    static func outputText(_ trimmed: String) -> String {
        var s = String(trimmed.dropFirst(2))
        if s.hasPrefix(" ") { s.removeFirst() }
        return s
    }

    /// Header lines the shell itself writes and reads back (`# seed: 7`).
    static func isHeaderKey(_ body: String) -> Bool {
        let key = body.split(separator: ":", maxSplits: 1).first.map(String.init) ?? ""
        return ["tape", "seed", "clock", "file", "fetched", "recorded", "ledger", "model"].contains(key.lowercased())
    }

    /// The value of a header key, e.g. `seed` -> "7".
    public func headerValues(_ key: String) -> [String] {
        header.compactMap { h in
            let parts = h.split(separator: ":", maxSplits: 1)
            guard parts.count == 2, parts[0].lowercased() == key else { return nil }
            return parts[1].trimmingCharacters(in: .whitespaces)
        }
    }

    /// The file with every cell's `#>` lines replaced by `outputs` (same order as cells).
    public func rendered(outputs: [[String]]) -> String {
        var out: [String] = header.map { "# " + $0 }
        for (k, cell) in cells.enumerated() {
            for c in cell.comments { out.append(c.isEmpty ? "" : "# " + c) }
            out.append(contentsOf: cell.commandLines)
            let lines = k < outputs.count ? outputs[k] : cell.expected
            for l in lines { out.append(l.isEmpty ? "#>" : "#> " + l) }
        }
        for c in trailing { out.append(c.isEmpty ? "" : "# " + c) }
        return out.joined(separator: "\n") + "\n"
    }
}

extension String {
    func trimmingLeadingSpace() -> String {
        var s = Substring(self)
        while s.first == " " { s = s.dropFirst() }
        return String(s)
    }
}
