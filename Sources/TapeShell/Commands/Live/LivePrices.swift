import Synchronization

/// The last close of each live symbol, for the pre-trade checks in front of Alpaca
/// (`GuardedBroker` asks for prices through a Sendable closure).
final class LivePrices: Sendable {
    private let closes = Mutex<[String: Double]>([:])

    func set(_ symbol: String, _ price: Double) { closes.withLock { $0[symbol] = price } }
    func get(_ symbol: String) -> Double? { closes.withLock { $0[symbol] } }
}
