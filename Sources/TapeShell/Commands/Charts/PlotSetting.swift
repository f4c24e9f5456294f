extension Settings {
    /// `set plot [terminal T] [size WxH|default] [text_size COLSxROWS|default] [theme
    /// light|dark]`; alone, it prints the settings. The sizes are checked by
    /// ChartSettings, which applies all the words or none.
    static let plot = SettingSpec(
        name: "plot",
        summary: "where charts go: the terminal (sixel or text), png/svg files under plots/, or nowhere",
        details: """
            set plot terminal=png size=1200x700     keys as key=value or key value
            set plot size=default                   pictures at 900x560 (sixel: fitted to the window)
            set plot terminal=dumb text_size=80x24  text charts of 80 x 24 characters, whatever the window
            """,
        options: [.choice("terminal", ChartSettings.Terminal.allCases.map(\.rawValue),
                          "auto: sixel when the terminal shows it, else text; png or svg: files under plots/; none: no chart"),
                  .expression("size", "pictures' width x height in pixels (png, svg, sixel); default: 900x560, or picked for the terminal",
                              placeholder: "WxH|default"),
                  .expression("text_size", "text charts' columns x rows; default: the terminal's window, measured as each chart is drawn",
                              placeholder: "COLSxROWS|default"),
                  .choice("theme", ChartTheme.allCases.map(\.rawValue), "colours of the chart")],
        current: { $0.workspace.state { ChartState() }.settings.description }
    ) { c in
        // Sizes are checked by ChartSettings, on the text as typed (`900x560` lexes as a
        // word), one key at a time so an error points at its value; all or nothing.
        var words: [(String, Span?)] = []
        if let value = c.text("terminal") { words.append(("terminal=\(value)", nil)) }
        for key in ["size", "text_size"] {
            if let e = c.option(key) { words.append(("\(key)=\(c.invocation.text(of: e))", e.span)) }
        }
        if let value = c.text("theme") { words.append(("theme=\(value)", nil)) }
        let state = c.workspace.state { ChartState() }
        guard !words.isEmpty else {
            c.print("plot = \(state.settings.description)")
            return
        }
        var next = state.settings
        for (word, span) in words {
            do {
                try next.apply([word])
            } catch {
                throw TapeError(String(describing: error), span: span ?? c.span)
            }
        }
        state.settings = next
    }
}
