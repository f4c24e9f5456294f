import TapeCore

/// `paper`: paper trading, one subcommand per file beside this one. Every subcommand
/// talks to the broker `broker` chose through the one `PaperBroker` shape (the simulator
/// on the session's ledger, or Alpaca's paper account); the simulator's clock, risk
/// rules, costs and checks are subcommands of their own that say so under Alpaca.
/// Rules: docs/PAPER.md.
enum PaperCommand: Command {
    static let spec = CommandSpec(
        name: "paper",
        summary: "paper trading: orders, positions and a bar-by-bar clock over the loaded data",
        details: """
        paper                                account: cash, equity, buying power, P&L
        paper buy 10 SPY                     market order, fills at the next bar's open
        paper sell 5 SPY limit 480 tif gtc   limit order good till cancelled
        paper buy 10 SPY limit 470 take_profit 490 stop_loss 455    bracket order
        paper step 5                         the next 5 bars of every loaded dataset
        The clock starts at the first bar with paper step/run/auto; an order placed before
        it has run starts it at the current dataset's last bar.
        The ledger is ~/.local/state/tape/paper.sqlite unless `tape --ledger FILE`;
        scripts and replays trade on a scratch ledger (docs/PAPER.md).
        """,
        effect: .changesState,
        subcommands: [PaperAccount.spec, PaperBuy.spec, PaperSell.spec, PaperOrder.spec, PaperOrders.spec,
                      PaperPositions.spec, PaperFills.spec, PaperWhy.spec, PaperCancel.spec, PaperStep.spec, PaperRun.spec,
                      PaperAuto.spec, PaperRisk.spec, PaperResume.spec, PaperConfig.spec, PaperReset.spec, PaperCheck.spec],
        defaultSubcommand: "account")
}
