import Foundation
import Ink
import TapeData

/// `tape notebook FILE.tape`: replays a session and renders it as Markdown or a single
/// self-contained HTML file. Comments become prose (Markdown allowed), commands become
/// code blocks followed by the output they printed now and the charts they drew.
/// Linear by construction: cells are rendered in the order they ran, from one replay.
public enum Notebook {
    public enum Format { case markdown, html }

    public struct Cell {
        public var prose: [String]
        public var command: String
        public var output: [String]
        public var charts: [String]
        public var failed: Bool
    }

    /// Replays `text` in a fresh `.notebook` session and collects each cell's output and
    /// the files of the charts it drew. Pictures go to `pictures` (a folder of the
    /// notebook's own, never the live session's `plots/`); nil means a scratch folder
    /// removed afterwards (HTML inlines every picture).
    public static func replay(text: String, name: String, pictures: String? = nil) -> (header: [String], cells: [Cell]) {
        let file = SessionFile.parse(text)
        let capture = CapturedOutput()
        let folder = pictures ?? FileManager.default.temporaryDirectory.appendingPathComponent("tape-notebook-\(UUID().uuidString)").path
        let seed = file.headerValues("seed").first.flatMap(UInt64.init) ?? 1
        let naming = ChartNaming(seed: seed, writeDirectory: folder, ownsWriteDirectory: pictures == nil)
        let shell = Shell(output: capture, session: .replaying(file, path: name, mode: .notebook, charts: naming))
        var cells: [Cell] = []
        for c in file.cells {
            let outcome = shell.run(line: c.command)
            // A hand-written file may hold a URL with a key in it: the notebook shows it redacted.
            cells.append(Cell(prose: c.comments.map(URLRedaction.redactURLs(in:)),
                              command: URLRedaction.redactURLs(in: c.commandLines.joined(separator: "\n")),
                              output: capture.take().map(URLRedaction.redactURLs(in:)),
                              charts: shell.takeCharts().map(naming.file(forDisplayed:)), failed: outcome == .failed))
            if outcome == .quit { break }
            // Ctrl-C at the prompt's `notebook`: the cells left would only fail.
            if outcome == .failed, Interrupts.cancelRequested { break }
        }
        if !file.trailing.isEmpty { cells.append(Cell(prose: file.trailing, command: "", output: [], charts: [], failed: false)) }
        return (file.header, cells)
    }

    /// The notebook of the session `text` (read from `name`). A Markdown notebook links
    /// its pictures in `pictures` (give a folder beside the output file); HTML inlines them.
    public static func render(text: String, name: String, format: Format, pictures: String? = nil) -> String {
        // HTML inlines the pictures: they are drawn into a scratch folder that lives until
        // the page is built.
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("tape-notebook-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        var (header, cells) = replay(text: text, name: name, pictures: format == .markdown ? pictures ?? scratch : scratch)
        // Stopped by Ctrl-C: nothing is rendered (the caller reports the interruption and
        // writes no file), which in a debug build saves a long Markdown pass.
        if Interrupts.cancelRequested { return "" }
        if format == .markdown, let pictures {
            // The Markdown file sits beside its pictures' folder: link them relative to it.
            let folder = (pictures as NSString).lastPathComponent
            for k in cells.indices {
                cells[k].charts = cells[k].charts.map { folder + "/" + ($0 as NSString).lastPathComponent }
            }
        }
        let title = SessionFile.stem(ofPath: name)
        let markdown = markdown(title: title, header: header, cells: cells)
        switch format {
        case .markdown: return markdown
        case .html: return html(title: title, header: header, cells: cells)
        }
    }

    /// What a cell's comments hold, in order: prose (Markdown), and the commands that
    /// failed when the session was recorded, which the recorder kept as comments
    /// (`# failed: COMMAND` lines, then `#   error: MESSAGE`) so a replay skips them.
    enum Part: Equatable {
        case prose(String)
        case recordedFailure(command: String, error: String)
    }

    static func parts(_ lines: [String]) -> [Part] {
        var parts: [Part] = []
        var prose: [String] = []
        func flush() {
            let p = prose.joined(separator: "\n").trimmingCharacters(in: .newlines)
            if !p.isEmpty { parts.append(.prose(p)) }
            prose = []
        }
        var i = 0
        while i < lines.count {
            var j = i
            while j < lines.count, lines[j].hasPrefix("failed: ") { j += 1 }
            if j > i, j < lines.count, lines[j].hasPrefix("error: ") {
                flush()
                parts.append(.recordedFailure(command: lines[i..<j].map { String($0.dropFirst("failed: ".count)) }.joined(separator: "\n"),
                                              error: lines[j]))
                i = j + 1
            } else {
                prose.append(lines[i])
                i += 1
            }
        }
        flush()
        return parts
    }

    /// How a failed command is marked: one that failed in this replay, or one the
    /// recording kept as a comment.
    static let failedMark = "failed", recordedFailureMark = "failed when recorded"

    /// Everything from the file is made inert: prose through `NotebookProse.safe`, the
    /// title, header and picture captions HTML-escaped with their Markdown escaped too
    /// (`SPX_1MIN` keeps its underscore), commands and output inside a fence longer than
    /// any run of backticks they hold, so none can close it early. A failed command is
    /// marked block holding the command and its error.
    static func markdown(title: String, header: [String], cells: [Cell]) -> String {
        var out = ["# \(markdownText(title))", ""]
        if !header.isEmpty { out += ["<small>" + markdownHTMLText(header.joined(separator: " · ")) + "</small>", ""] }
        for c in cells {
            for part in parts(c.prose) {
                switch part {
                case .prose(let p): out += [NotebookProse.safe(p), ""]
                case .recordedFailure(let command, let error):
                    out += failedBlock(recordedFailureMark, command: command, output: [error])
                }
            }
            guard !c.command.isEmpty else { continue }
            if c.failed {
                out += failedBlock(failedMark, command: c.command, output: c.output)
            } else {
                let fence = fence(for: [c.command] + c.output)
                out += [fence + "tape", c.command, fence, ""]
                if !c.output.isEmpty { out += [fence + "text"] + c.output + [fence, ""] }
            }
            let caption = markdownText(c.command).replacingOccurrences(of: "\n", with: " ")
            for chart in c.charts { out += ["![\(caption)](\(NotebookProse.safeTarget(chart)))", ""] }
        }
        return out.joined(separator: "\n")
    }

    /// `**failed**` over one fenced transcript: the command after the prompt, then what it
    /// printed. Plain blocks rather than a quote around a fence, which not every Markdown
    /// reader nests (Ink's quotes hold text only).
    static func failedBlock(_ mark: String, command: String, output: [String]) -> [String] {
        let transcript = ["tape> " + command] + output
        let fence = fence(for: transcript)
        return ["**\(mark)**", "", fence + "text"] + transcript + [fence, ""]
    }

    /// Text from the session (a file's stem, a command) as Markdown shows it literally:
    /// HTML escaped, and every character Markdown gives a meaning to (emphasis, code,
    /// links, tables, headings) behind a backslash, so `SPX_1MIN` keeps its underscore.
    static func markdownText(_ s: String) -> String {
        var out = ""
        for ch in escape(s) {
            if markdownSyntax.contains(ch) { out.append("\\") }
            out.append(ch)
        }
        return out
    }

    /// The same inside an HTML element of the Markdown (the header's `<small>`): a reader
    /// may take the line as raw HTML, where a backslash would show, or as Markdown, where
    /// `_` could be emphasis; a character reference reads as the character under both.
    static func markdownHTMLText(_ s: String) -> String {
        var out = ""
        for ch in escape(s) {
            if markdownSyntax.contains(ch), let code = ch.asciiValue { out += "&#\(code);" } else { out.append(ch) }
        }
        return out
    }

    static let markdownSyntax: Set<Character> = ["\\", "`", "*", "_", "[", "]", "~", "|", "#"]

    /// Three backticks, or one more than the longest run of them in `lines`.
    static func fence(for lines: [String]) -> String {
        var longest = 0
        for line in lines {
            var run = 0
            for ch in line.utf8 {
                run = ch == UInt8(ascii: "`") ? run + 1 : 0
                longest = max(longest, run)
            }
        }
        return String(repeating: "`", count: max(3, longest + 1))
    }

    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    /// One HTML file with every chart inlined (PNG as base64, SVG as markup), so it can
    /// be mailed or archived on its own.
    static func html(title: String, header: [String], cells: [Cell]) -> String {
        let parser = MarkdownParser()
        var body: [String] = ["<h1>\(escape(title))</h1>"]
        if !header.isEmpty { body.append("<p class=\"meta\">" + escape(header.joined(separator: " · ")) + "</p>") }
        for c in cells {
            for part in parts(c.prose) {
                switch part {
                case .prose(let p):
                    // Each cell's prose on its own, through NotebookProse: no HTML from the
                    // file stays live, and rendering stays linear in the file.
                    body.append("<div class=\"prose\">" + parser.html(from: NotebookProse.safe(p)) + "</div>")
                case .recordedFailure(let command, let error):
                    body.append(failedHTML(recordedFailureMark, command: command, output: [error]))
                }
            }
            guard !c.command.isEmpty else { continue }
            if c.failed {
                body.append(failedHTML(failedMark, command: c.command, output: c.output))
            } else {
                body.append("<pre class=\"cmd\">tape&gt; " + escape(c.command) + "</pre>")
                if !c.output.isEmpty { body.append("<pre class=\"out\">" + escape(c.output.joined(separator: "\n")) + "</pre>") }
            }
            for chart in c.charts { body.append(inline(chart)) }
        }
        return """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>\(escape(title))</title>
        <style>
        body { font-family: system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #222; line-height: 1.5; }
        pre { padding: .6rem .8rem; overflow-x: auto; border-radius: 4px; font-size: .85rem; }
        pre.cmd { background: #eef3fb; border-left: 3px solid #3b6db3; margin-bottom: 0; }
        pre.out { background: #f6f6f6; margin-top: 0; }
        pre.err { background: #fbeeee; }
        div.failed { border-left: 3px solid #b33a3a; padding-left: .6rem; margin: 1rem 0; }
        div.failed p.mark { color: #b33a3a; font-weight: bold; margin: 0 0 .3rem; }
        div.failed pre.cmd { background: #fbeeee; border-left: none; }
        .meta { color: #777; font-size: .8rem; }
        img, svg { max-width: 100%; height: auto; display: block; margin: .5rem 0 1.5rem; }
        </style></head><body>
        \(body.joined(separator: "\n"))
        </body></html>

        """
    }

    /// A failed command as one block: its mark, the command, then what it printed.
    static func failedHTML(_ mark: String, command: String, output: [String]) -> String {
        "<div class=\"failed\"><p class=\"mark\">\(escape(mark))</p><pre class=\"cmd\">tape&gt; " + escape(command) + "</pre>"
            + (output.isEmpty ? "" : "<pre class=\"out err\">" + escape(output.joined(separator: "\n")) + "</pre>") + "</div>"
    }

    static func inline(_ path: String) -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            return "<p class=\"err\">chart \(escape(path)) is missing</p>"
        }
        // SVG as an image, not inline markup: its text comes from the session (titles,
        // labels), and an image's scripts never run.
        let type = path.lowercased().hasSuffix(".svg") ? "image/svg+xml" : "image/png"
        return "<figure data-chart=\"\(escape(path))\"><img alt=\"\(escape(path))\" src=\"data:\(type);base64,\(data.base64EncodedString())\"></figure>"
    }
}
