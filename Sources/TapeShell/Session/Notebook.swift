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

    /// Replays `text` in a fresh shell and collects each cell's output and charts.
    public static func replay(text: String, name: String) -> (header: [String], cells: [Cell]) {
        let file = SessionFile.parse(text)
        let capture = CapturedOutput()
        let shell = Shell(output: capture)
        shell.prepareReplay(of: file, path: name)
        var cells: [Cell] = []
        for c in file.cells {
            let outcome = shell.run(line: c.command)
            cells.append(Cell(prose: c.comments, command: c.commandLines.joined(separator: "\n"),
                              output: capture.take(), charts: shell.takeCharts(), failed: outcome == .failed))
            if outcome == .quit { break }
        }
        if !file.trailing.isEmpty { cells.append(Cell(prose: file.trailing, command: "", output: [], charts: [], failed: false)) }
        return (file.header, cells)
    }

    public static func render(text: String, name: String, format: Format) -> String {
        let (header, cells) = replay(text: text, name: name)
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

    static func markdown(title: String, header: [String], cells: [Cell]) -> String {
        var out = ["# \(title)", ""]
        if !header.isEmpty { out += ["<small>" + header.joined(separator: " · ") + "</small>", ""] }
        for c in cells {
            let p = prose(c.prose)
            if !p.isEmpty { out += [p, ""] }
            guard !c.command.isEmpty else { continue }
            out += ["```tape", c.command, "```", ""]
            if !c.output.isEmpty { out += ["```text"] + c.output + ["```", ""] }
            for chart in c.charts { out += ["![\(c.command.replacingOccurrences(of: "]", with: ")"))](\(chart))", ""] }
        }
        return out.joined(separator: "\n")
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
            if !p.isEmpty { body.append("<div class=\"prose\">" + parser.html(from: p) + "</div>") }
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
        if path.lowercased().hasSuffix(".svg"), let svg = String(data: data, encoding: .utf8),
           let start = svg.range(of: "<svg") {
            return "<figure data-chart=\"\(escape(path))\">" + String(svg[start.lowerBound...]) + "</figure>"
        }
        return "<figure data-chart=\"\(escape(path))\"><img alt=\"\(escape(path))\" src=\"data:image/png;base64,\(data.base64EncodedString())\"></figure>"
    }
}
