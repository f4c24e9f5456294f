import TapeCore

/// `paper cancel ID`: cancels a working order (a bracket entry's held exits with it).
enum PaperCancel {
    static let spec = CommandSpec(
        name: "cancel", summary: "cancel a working order (a bracket entry's exits go with it)", effect: .changesState,
        arguments: [PaperOrderID.argument], run: run)

    static func run(_ c: CommandContext) throws {
        let broker = try PaperState.of(c).broker(c)
        let (id, span) = try PaperOrderID.read(c)
        switch try PaperState.call(c, at: span, { try broker.cancel(id) }) {
        case .cancelled: c.print("cancelled #\(id)")
        case .requested: c.print("cancel requested for #\(id)")
        }
    }
}
