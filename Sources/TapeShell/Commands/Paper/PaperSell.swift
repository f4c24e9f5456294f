import TapeCore

/// `paper sell QTY SYMBOL ...`: declared with `paper buy` in PaperOrderEntry.
enum PaperSell {
    static let spec = PaperOrderEntry.spec(.sell)
}
