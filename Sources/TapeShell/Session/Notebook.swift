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

    /// Prose lines: a failed-command comment written by the recorder stays as code, the
    /// rest is Markdown.
    static func prose(_ lines: [String]) -> String {
        lines.joined(separator: "\n").trimmingCharacters(in: .newlines)
    }

    /// Everything from the file is made inert: prose through `NotebookProse.safe`, the
    /// header and picture captions HTML-escaped, commands and output inside a fence
    /// longer than any run of backticks they hold, so none can close it early.
    static func markdown(title: String, header: [String], cells: [Cell]) -> String {
        var out = ["# \(escape(title))", ""]
        if !header.isEmpty { out += ["<small>" + escape(header.joined(separator: " · ")) + "</small>", ""] }
        for c in cells {
            let p = prose(c.prose)
            if !p.isEmpty { out += [NotebookProse.safe(p), ""] }
            guard !c.command.isEmpty else { continue }
            let fence = fence(for: [c.command] + c.output)
            out += [fence + "tape", c.command, fence, ""]
            if !c.output.isEmpty { out += [fence + "text"] + c.output + [fence, ""] }
            let caption = escape(c.command).replacingOccurrences(of: "[", with: "&#91;").replacingOccurrences(of: "]", with: "&#93;")
                .replacingOccurrences(of: "\n", with: " ")
            for chart in c.charts { out += ["![\(caption)](\(NotebookProse.safeTarget(chart)))", ""] }
        }
        return out.joined(separator: "\n")
    }

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
            let p = prose(c.prose)
            // Each cell's prose on its own, through NotebookProse: no HTML from the file
            // stays live, and rendering stays linear in the file.
            if !p.isEmpty { body.append("<div class=\"prose\">" + parser.html(from: NotebookProse.safe(p)) + "</div>") }
            guard !c.command.isEmpty else { continue }
            body.append("<pre class=\"cmd\">tape&gt; " + escape(c.command) + "</pre>")
            if !c.output.isEmpty {
                body.append("<pre class=\"out\(c.failed ? " err" : "")\">" + escape(c.output.joined(separator: "\n")) + "</pre>")
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
        .meta { color: #777; font-size: .8rem; }
        img, svg { max-width: 100%; height: auto; display: block; margin: .5rem 0 1.5rem; }
        </style></head><body>
        \(body.joined(separator: "\n"))
        </body></html>

        """
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
