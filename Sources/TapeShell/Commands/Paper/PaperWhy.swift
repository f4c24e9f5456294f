import TapeCore

/// `paper why ID`: an order's explanation trail, one event a line.
enum PaperWhy {
    static let spec = CommandSpec(
        name: "why", summary: "what happened to an order and why, one event a line", effect: .query,
        arguments: [PaperOrderID.argument], run: run)

    static func run(_ c: CommandContext) throws {
        let broker = try PaperState.of(c).broker(c)
        let (id, span) = try PaperOrderID.read(c)
        for line in try PaperState.call(c, at: span, { try broker.why(id) }) { c.print(line) }
    }
}
