import Foundation
import TapeCore
import TapeData

/// What the data commands share with each other and with other areas: the one door
/// through which a command writes a whole file, and the columns a value gives on a
/// dataset's dates (`show` prints them, `export` writes them). Each command is a file of
/// its own beside this one.
enum DataCommands {
    /// Writes a whole file at once through a temporary file and a rename, so an
    /// interrupted export never leaves half a file behind; where the session may write
    /// it (`Session.writablePath`: an untrusted file writes only under its own folder).
    /// Every command that writes a file comes through here.
    static func write(_ text: String, to path: String, span: Span, _ c: CommandContext) throws {
        let target = try c.session.writablePath(path, span: span)
        do {
            try AtomicFile.write(text, to: target, cancel: Interrupts.cancelCheck)
        } catch AtomicFile.Failure.cancelled {
            throw TapeError(Interrupts.message, span: span)
        } catch {
            throw TapeError("\(error)".replacingOccurrences(of: target, with: path), span: span)
        }
    }

    /// Columns of a value on a dataset's dates: a series gives one, a multi-output
    /// function one per output (`bbands(...)` -> upper, middle, lower), a number a constant.
    static func columnsOf(_ v: Value, label: String, on d: Dataset, span: Span) throws -> ([String], [[Double]]) {
        switch v {
        case .series(let s): return ([label], [Align.values(s.values, from: s.axis, to: d.axis)])
        case .multi(let m):
            return (m.names.map { "\(label).\($0)" }, m.columns.map { Align.values($0, from: m.axis, to: d.axis) })
        case .number(let x): return ([label], [[Double](repeating: x, count: d.bars.count)])
        case .bool(let b): return ([label], [[Double](repeating: b ? 1 : 0, count: d.bars.count)])
        default: throw TapeError("cannot show \(v.typeName) as a column", span: span)
        }
    }

    /// The loaded datasets' names as typed (Tab offers them where a command takes one).
    static func datasetNames(_ shell: Shell) -> [String] {
        shell.workspace.datasetOrder.compactMap { shell.workspace.datasets[$0]?.name }
    }
}
