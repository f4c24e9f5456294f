import TapeCore

/// `paper order buy|sell QTY SYMBOL ...`: the general form of `paper buy` and `paper
/// sell`, with the side as a subcommand of its own, so each side has the same
/// declaration, help and checks as the short form.
enum PaperOrder {
    static let spec = CommandSpec(
        name: "order", summary: "the general form of buy and sell, with the side as a subcommand: paper order buy 10 SPY",
        details: "paper order buy 10 SPY limit 470 tif gtc\npaper order sell 10 SPY stop 455",
        effect: .changesState, subcommands: [PaperOrderEntry.spec(.buy), PaperOrderEntry.spec(.sell)])
}
