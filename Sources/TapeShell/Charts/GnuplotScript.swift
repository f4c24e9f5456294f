import Foundation
import TapeCore

/// A gnuplot script under construction: the terminal preamble for a canvas, inline data
/// blocks, and the closing `set output`.
///
/// Data travels inside the script as `$name << EOD` datablocks (gnuplot 5), so nothing
/// is written to temporary files and a script is a complete, replayable record of the
/// chart. Datablock names are generated here (`$d0`, `$d1`, ...), never taken from user
/// text, and their rows hold only numbers formatted by `GnuplotText.number`.
struct GnuplotScript {
    private(set) var text = ""
    private var blockCount = 0
    let canvas: ChartCanvas

    init(canvas: ChartCanvas) {
        self.canvas = canvas
        preamble()
    }

    mutating func add(_ line: String) {
        text += line
        text += "\n"
    }

    /// Writes a datablock of `rows` rows of `columns` numbers each, where `value(r, c)`
    /// gives each cell, and returns its name.
    mutating func datablock(rows: Int, columns: Int, _ value: (Int, Int) -> Double) -> String {
        let name = "$d\(blockCount)"
        blockCount += 1
        text.reserveCapacity(text.utf8.count + rows * columns * 10)
        text += name + " << EOD\n"
        for r in 0..<rows {
            for c in 0..<columns {
                if c > 0 { text += " " }
                text += GnuplotText.number(value(r, c))
            }
            text += "\n"
        }
        text += "EOD\n"
        return name
    }

    /// A grid datablock for `splot`/`pm3d`: one scan per outer index, separated by blank
    /// lines as gnuplot's grid format requires.
    mutating func gridblock(outer: Int, inner: Int, _ row: (Int, Int) -> (Double, Double, Double)) -> String {
        let name = "$d\(blockCount)"
        blockCount += 1
        text += name + " << EOD\n"
        for o in 0..<outer {
            if o > 0 { text += "\n" }
            for i in 0..<inner {
                let (x, y, z) = row(o, i)
                text += GnuplotText.number(x) + " " + GnuplotText.number(y) + " " + GnuplotText.number(z) + "\n"
            }
        }
        text += "EOD\n"
        return name
    }

    /// Places the next plot in a band of the canvas (fractions from the bottom), with
    /// the same left and right margins for every band so stacked panels line up.
    mutating func band(bottom: Double, top: Double) {
        add("set lmargin at screen \(fraction(canvas.leftMargin))")
        add("set rmargin at screen \(fraction(1 - canvas.rightMargin))")
        add("set tmargin at screen \(fraction(top))")
        add("set bmargin at screen \(fraction(bottom))")
    }

    /// Splits the canvas between its top and bottom margins into stacked bands, top
    /// first, in proportion to `weights`, with a gap between bands wide enough that the
    /// top tick label of one panel clears the bottom label of the panel above.
    func bands(_ weights: [Double]) -> [(bottom: Double, top: Double)] {
        let total = weights.reduce(0, +)
        let gap = canvas.isText ? 0 : 14.0 / Double(max(canvas.height, 100))
        let top = 1 - canvas.topMargin, bottom = canvas.bottomMargin
        let room = top - bottom - gap * Double(max(0, weights.count - 1))
        var out: [(Double, Double)] = []
        var y = top
        for w in weights {
            let h = total > 0 ? room * w / total : 0
            out.append((y - h, y))
            y -= h + gap
        }
        return out
    }

    /// A y tick step giving at most `count` ticks over lo...hi, for short panels where
    /// gnuplot's own choice crowds the labels.
    mutating func sparseYTics(_ values: [Double], count: Int) {
        let finite = values.filter { $0.isFinite }
        let raw = ((finite.max() ?? 0) - (finite.min() ?? 0)) / Double(max(1, count))
        // No spread, or one too wide for a Double: let gnuplot choose.
        guard raw > 0, raw.isFinite else {
            add("set ytics autofreq")
            return
        }
        let magnitude = pow(10, (log10(raw)).rounded(.down))
        let step = [1.0, 2, 2.5, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? raw
        add(step.isFinite && step > 0 ? "set ytics \(GnuplotText.number(step))" : "set ytics autofreq")
    }

    /// `plot` with each clause on a line of its own.
    mutating func plot(_ clauses: [String]) {
        add("plot " + clauses.joined(separator: ", \\\n     "))
    }

    /// A vertical guide across the plot at `x` (a strike, spot, breakeven), labelled
    /// `name` and the value at `labelHeight` (a fraction of the plot's height). `tag`
    /// numbers both the arrow and the label, so each guide needs its own. `color` is a
    /// quoted colour literal.
    mutating func verticalMarker(_ tag: Int, at x: Double, name: String, labelHeight: Double, dash: Int, color: String) {
        let at = GnuplotText.number(x)
        add("set arrow \(tag) from \(at), graph 0 to \(at), graph 1 nohead dt \(dash) lc rgb \(color)")
        add("set label \(tag) \(GnuplotText.literal(name + " " + ChartMath.short(x, digits: 5))) at \(at), graph \(GnuplotText.number(labelHeight)) offset 0.5, 0 tc rgb \(color)")
    }

    /// `set title` with the canvas' text colour.
    mutating func title(_ text: String?) {
        if let text, !text.isEmpty {
            add("set title \(GnuplotText.literal(text))")
        } else {
            add("unset title")
        }
    }

    /// Colour literal for a palette line: series cycle through the theme's colours.
    func lineColor(_ index: Int) -> String {
        let lines = canvas.theme.lines
        return "'\(lines[index % lines.count])'"
    }

    /// Closes the output so the file is complete when gnuplot exits.
    mutating func finish() -> String {
        add("set output")
        return text
    }

    private func fraction(_ v: Double) -> String {
        Format.fixed(min(1, max(0, v)), 4)
    }

    private mutating func preamble() {
        let c = canvas
        let theme = c.theme
        add("# Tape chart script (gnuplot 5.4)")
        add("set encoding utf8")
        switch c.terminal {
        case .png:
            add("set terminal pngcairo size \(c.width),\(c.height) noenhanced background '\(theme.background)' font 'Sans,9'")
        case .svg:
            add("set terminal svg size \(c.width),\(c.height) noenhanced background '\(theme.background)' font 'Sans,10'")
        case .dumb:
            add("set terminal dumb size \(c.width),\(c.height) noenhanced" + (c.colour ? " ansi" : ""))
        case .sixel:
            add("set terminal sixelgd size \(c.width),\(c.height) truecolor noenhanced background '\(theme.background)'")
        }
        if let output = c.output { add("set output \(GnuplotText.outputPath(output))") }
        if c.isText {
            add("unset grid")
            if c.colour {
                // Lines told apart by colour as well as by character.
                for (i, color) in theme.lines.enumerated() { add("set linetype \(i + 1) lc rgb '\(color)'") }
            }
        } else {
            let fg = "rgb '\(theme.foreground)'"
            add("set border lc \(fg)")
            add("set tics textcolor \(fg)")
            add("set key textcolor \(fg)")
            for label in ["title", "xlabel", "ylabel", "y2label", "zlabel", "cblabel"] {
                add("set \(label) textcolor \(fg)")
            }
            add("set grid lc rgb '\(theme.grid)' lw 1")
            for (i, color) in theme.lines.enumerated() {
                add("set linetype \(i + 1) lc rgb '\(color)' lw 1.5 pt 7 ps 0.6")
            }
        }
        add("set key top left noopaque samplen 2")
        if !c.isText { add("set title font ',11'") }
        add("set datafile missing 'NaN'")
    }
}
