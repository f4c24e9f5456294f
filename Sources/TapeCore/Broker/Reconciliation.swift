/// The accounting identity of a paper account: cash + positions at cost == starting cash
/// + realised P&L − commissions. Every fill moves both sides by the same amount (cash pays
/// price × quantity + commission; the position's cost or the realised P&L takes the rest),
/// so any difference means a change was half applied.
public struct Reconciliation: Equatable, Sendable {
    public var cash: Double
    public var positionsAtCost: Double
    public var startingCash: Double
    public var realisedPnL: Double
    public var commissions: Double

    public init(cash: Double, positionsAtCost: Double, startingCash: Double, realisedPnL: Double, commissions: Double) {
        self.cash = cash
        self.positionsAtCost = positionsAtCost
        self.startingCash = startingCash
        self.realisedPnL = realisedPnL
        self.commissions = commissions
    }

    public var difference: Double { cash + positionsAtCost - (startingCash + realisedPnL - commissions) }
    /// Within a cent per million of activity: the sums are of doubles.
    public var balances: Bool { abs(difference) <= 1e-6 * max(1, abs(startingCash) + abs(realisedPnL) + commissions) }
}
