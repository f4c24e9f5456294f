import Foundation

/// `notebook [to "FILE"]`: renders this session's recording (replayed in a fresh shell,
/// so the notebook shows what the file reproduces) as Markdown or HTML.
enum NotebookCommand: Command {
    static let spec = CommandSpec(
        name: "notebook",
        summary: "render this session (as recorded so far) as a Markdown or HTML notebook",
        details: "The recording is replayed in a fresh shell, so the notebook shows what the session file reproduces.\nFrom the command line: tape notebook FILE.tape -o FILE.html",
        effect: .meta,
        options: [OptionSpec("to", .path, placeholder: "\"FILE.md|FILE.html\"",
                             help: "where to write it, HTML for .html (default: the session file's name with .md)")],
        arguments: [],
        run: run)

    static func run(_ c: CommandContext) throws {
        guard let rec = c.session.recorder else {
            throw TapeError("this session is not being recorded", span: c.span, hint: "for a file: tape notebook FILE.tape -o out.html")
        }
        let target = c.text("to") ?? ((rec.path as NSString).deletingPathExtension + ".md")
        let text = (try? String(contentsOfFile: rec.path, encoding: .utf8)) ?? ""
        let format: Notebook.Format = target.lowercased().hasSuffix(".html") ? .html : .markdown
        let pictures = (target as NSString).deletingPathExtension + "_files"
        let rendered = Notebook.render(text: text, name: rec.path, format: format, pictures: format == .markdown ? pictures : nil)
        // Ctrl-C stops the replay at its next cell; a notebook of half a session is not written.
        try Interrupts.check(c.span)
        try DataCommands.write(rendered, to: target, span: c.option("to")?.span ?? c.span, c)
        c.print("wrote \(target)")
    }
}
