/// Why a trade ended.
public enum ExitReason: String, Sendable, Equatable {
    case signal
    case stopLoss = "stop_loss"
    case takeProfit = "take_profit"
    case trailingStop = "trailing_stop"
    case endOfData = "end_of_data"
    case outOfMoney = "out_of_money"
}

/// A closed trade. Bars are indices into the dataset the backtest ran on.
public struct Trade: Sendable, Equatable {
    /// Signed units: positive long, negative short.
    public var size: Double
    public var entryBar: Int
    public var exitBar: Int
    public var entryTime: Int64
    public var exitTime: Int64
    /// Fill prices after slippage.
    public var entryPrice: Double
    public var exitPrice: Double
    /// size × (exit − entry) − (entry commission + exit commission).
    public var pnl: Double
    /// Entry plus exit commission.
    public var commission: Double
    /// sign × (exit/entry − 1) − commission / (|size| × entry), a fraction.
    public var returnPct: Double
    public var exitReason: ExitReason

    /// Calendar days from entry to exit (fractional for intraday data).
    public var durationDays: Double { Double(exitTime - entryTime) / 86_400 }
}

/// A trade still open after the last bar (backtesting.py's `finalize_trades=False`).
public struct OpenTrade: Sendable, Equatable {
    public var size: Double
    public var entryBar: Int
    public var entryTime: Int64
    public var entryPrice: Double
    public var entryCommission: Double
    /// size × (last close − entry), before any exit commission.
    public var unrealizedPnL: Double
}
