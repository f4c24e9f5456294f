import TapeCore

/// `paper buy QTY SYMBOL ...`: declared with `paper sell` in PaperOrderEntry.
enum PaperBuy {
    static let spec = PaperOrderEntry.spec(.buy)
}
