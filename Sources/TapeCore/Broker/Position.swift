/// A holding in one instrument: signed quantity (negative = short) at an average cost.
///
/// Average-cost accounting: adding to a position blends the cost; reducing it realises
/// (price - average cost) × quantity closed × multiplier and leaves the average cost of
/// the rest unchanged; crossing through zero opens the remainder at the fill price.
public struct Position: Equatable, Sendable {
    public var instrument: Instrument
    public var quantity: Double
    public var averageCost: Double
    /// P&L realised on this instrument so far (before commissions).
    public var realised: Double

    public init(instrument: Instrument, quantity: Double = 0, averageCost: Double = 0, realised: Double = 0) {
        self.instrument = instrument
        self.quantity = quantity
        self.averageCost = averageCost
        self.realised = realised
    }

    /// Cost basis (signed): what cash paid (positive) or received (negative) for the holding.
    public var costBasis: Double { quantity * averageCost * instrument.multiplier }

    /// Applies a fill of `quantity` (> 0) on `side` at `price`; returns the P&L realised by it.
    @discardableResult
    public mutating func apply(side: OrderSide, quantity q: Double, price: Double) -> Double {
        let signed = side.sign * q
        let m = instrument.multiplier
        if quantity == 0 || (quantity > 0) == (signed > 0) {
            let total = abs(quantity) + q
            averageCost = total > 0 ? (abs(quantity) * averageCost + q * price) / total : 0
            quantity += signed
            return 0
        }
        let closing = min(q, abs(quantity))
        let pnl = closing * (price - averageCost) * (quantity > 0 ? 1 : -1) * m
        realised += pnl
        quantity += signed
        if abs(quantity) < 1e-12 {
            quantity = 0
            averageCost = 0
        } else if (quantity > 0) == (signed > 0) {
            averageCost = price   // crossed through zero: the remainder opened at this fill
        }
        return pnl
    }
}
