import XCTest
@testable import TapeCore

/// The rules and circuit breakers issue 17 added, each with its exact rejection.
final class BreakerAndNewRuleTests: XCTestCase {
    private func rejection(_ b: inout SimBroker, _ r: OrderRequest, market: PreTradeMarket = .none) -> String? {
        let o = b.submit(r, market: market)
        return o.status == .rejected ? b.why(o.id).last : nil
    }
    private func buy(_ q: Double, _ s: String = "SPY", type: OrderType = .market) -> OrderRequest { OrderRequest(.buy, q, .stock(s), type: type) }
    private func sell(_ q: Double, _ s: String = "SPY") -> OrderRequest { OrderRequest(.sell, q, .stock(s)) }

    func testEveryRuleHasAKeyAndThereAreAtLeastFifteen() {
        // invalid_order is structural (no key); every other rule is configurable.
        XCTAssertGreaterThanOrEqual(RiskConfig.keys.count + 1, 15)
        XCTAssertEqual(Set(RiskConfig.keys.map(\.key)).count, RiskConfig.keys.count)
    }

    func testMaxDrawdownHaltsUntilResumeAndLetsReductionsThrough() {
        var b = testBroker(cash: 10_000) { _ in } risk: { $0.maxDrawdownPct = 10 }
        b.submit(buy(100))
        b.process(bar: bar(2, 100, 110, 100, 110), symbol: "SPY")   // peak 11,000
        XCTAssertEqual(b.breakers.peakEquity, 11_000)
        b.process(bar: bar(3, 110, 110, 98, 98.9), symbol: "SPY")   // 9,890: −10.09%
        XCTAssertEqual(b.breakers.halt, Halt(rule: "max_drawdown", since: jan(3), until: nil,
                                             reason: "equity 9890.00 is 10.09% below its peak 11000.00 (limit 10.00%)"))
        XCTAssertEqual(rejection(&b, buy(1)), "2024-01-03 rejected: rejected by max_drawdown: trading halted since 2024-01-03: "
                       + "equity 9890.00 is 10.09% below its peak 11000.00 (limit 10.00%); resume with paper resume")
        XCTAssertNil(rejection(&b, sell(10)), "a sale that only reduces the position passes")
        b.process(bar: bar(4, 99, 120, 99, 120), symbol: "SPY")       // recovered: still halted until resumed
        XCTAssertNotNil(rejection(&b, buy(2)))
        XCTAssertEqual(b.resume()?.rule, "max_drawdown")
        XCTAssertNil(b.breakers.halt)
        XCTAssertNil(rejection(&b, buy(3)))
    }

    func testLosingStreakHaltsForTheDay() {
        var b = testBroker(cash: 100_000) { _ in } risk: { $0.maxConsecutiveLosses = 2; $0.duplicateWindowSeconds = 0 }
        for (k, (entry, exit)) in [(100.0, 99.0), (100.0, 98.0)].enumerated() {
            b.submit(buy(10))
            b.process(bar: bar(2 + 2 * k, entry, entry, entry, entry), symbol: "SPY")
            b.submit(sell(10))
            b.process(bar: bar(3 + 2 * k, exit, exit, exit, exit), symbol: "SPY")
        }
        XCTAssertEqual(b.breakers.lossStreak, 2)
        XCTAssertEqual(rejection(&b, buy(1)), "2024-01-05 rejected: rejected by max_consecutive_losses: trading halted for 2024-01-05: "
                       + "2 losing closes in a row (limit 2)")
        b.process(bar: bar(6, 98, 98, 98, 98), symbol: "SPY")
        // The next day the halt has lapsed, but the streak still stands: it trips again.
        XCTAssertNotNil(rejection(&b, buy(1)))
        b.resume()
        XCTAssertNil(rejection(&b, buy(1)))
    }

    func testOrderRateTripsForTheRestOfTheMinute() {
        var b = testBroker(cash: 100_000) { _ in } risk: { $0.maxOrdersPerMinute = 3; $0.duplicateWindowSeconds = 0 }
        for q in 1...3 { XCTAssertNil(rejection(&b, buy(Double(q), type: .limit(99)))) }
        XCTAssertEqual(rejection(&b, buy(4, type: .limit(99))),
                       "2024-01-01 rejected: rejected by max_order_rate: trading halted until 2024-01-01T00:01:00: 3 orders in the last 60 s (limit 3)")
        b.process(bar: PriceBar(time: jan(1) + 61, open: 100, high: 100, low: 100, close: 100, volume: 1e6), symbol: "SPY")
        XCTAssertNil(rejection(&b, buy(5, type: .limit(99))), "a minute later the rate has room again")
    }

    func testQuantityMinimumPriceAndRestrictedList() {
        var b = testBroker(cash: 100_000) { _ in } risk: { $0.maxOrderQuantity = 50 }
        XCTAssertEqual(rejection(&b, buy(51)), "2024-01-01 rejected: rejected by max_order_quantity: 51 units exceed the limit of 50 per order")
        var p = testBroker(cash: 100_000, last: 3) { _ in } risk: { $0.minPrice = 5 }
        XCTAssertEqual(rejection(&p, buy(10)), "2024-01-01 rejected: rejected by min_price: SPY at 3.00 is below the minimum price 5.00")
        var r = testBroker(cash: 100_000) { _ in } risk: { $0.restrictedSymbols = ["SPY"] }
        XCTAssertEqual(rejection(&r, buy(10)), "2024-01-01 rejected: rejected by restricted_symbols: SPY is on the restricted list; only orders that reduce a position in it pass")
    }

    func testCorrelationLimitNeedsReturnsAndRefusesAMovingTwin() throws {
        var b = testBroker(cash: 1_000_000) { _ in } risk: { $0.maxCorrelation = 0.8; $0.correlationLookback = 20 }
        b.process(bar: bar(1, 50, 50, 50, 50), symbol: "QQQ")
        b.process(bar: bar(1, 70, 70, 70, 70), symbol: "TLT")
        b.submit(buy(100))
        b.process(bar: bar(2, 100, 100, 100, 100), symbol: "SPY")
        XCTAssertEqual(rejection(&b, buy(10, "QQQ")), "2024-01-02 rejected: rejected by max_correlation: no 20 returns of QQQ up to 2024-01-02 "
                       + "to measure its correlation with SPY: load QQQ")
        // SPY and QQQ move together; TLT against them.
        var rng = SplitMix64(seed: 5)
        var spy = [100.0], qqq = [50.0], tlt = [70.0]
        for _ in 0..<30 {
            let m = rng.unit() - 0.5
            spy.append(spy[spy.count - 1] * (1 + 0.01 * m))
            qqq.append(qqq[qqq.count - 1] * (1 + 0.012 * m + 0.001 * (rng.unit() - 0.5)))
            tlt.append(tlt[tlt.count - 1] * (1 - 0.008 * m + 0.002 * (rng.unit() - 0.5)))
        }
        let times = (0..<31).map { jan(2) - Int64(30 - $0) * 86_400 }
        func bars(_ s: String, _ c: [Double]) -> Bars { Bars(symbol: s, time: times, open: c, high: c, low: c, close: c, volume: c.map { _ in 1 }) }
        let market = PreTradeMarket.series([bars("SPY", spy), bars("QQQ", qqq), bars("TLT", tlt)])
        let rho = Covariance.correlation(Array(RiskFigures.simpleReturns(spy).suffix(20)), Array(RiskFigures.simpleReturns(qqq).suffix(20)))
        XCTAssertEqual(rejection(&b, buy(10, "QQQ"), market: market),
                       "2024-01-02 rejected: rejected by max_correlation: QQQ moves with the SPY position: correlation \(Format.fixed(rho, 2)) over 20 returns (limit 0.80)")
        XCTAssertNil(rejection(&b, buy(10, "TLT"), market: market), "a hedge is not refused")
        XCTAssertNil(rejection(&b, sell(10, "QQQ"), market: market), "shorting the twin offsets the long: not refused")
    }

    func testHaltDescriptionAndStorageRoundTrip() {
        var s = BreakerState()
        s.peakEquity = 12_345.5
        s.lossStreak = 3
        s.dayStart = jan(2)
        s.dayStartEquity = 10_000
        s.fillsCounted = 7
        s.halt = Halt(rule: "max_drawdown", since: jan(2), until: nil, reason: "equity fell")
        XCTAssertEqual(BreakerState(fields: Dictionary(uniqueKeysWithValues: s.fields)), s)
        XCTAssertEqual(s.halt?.description, "max_drawdown since 2024-01-02: equity fell (until paper resume)")
        XCTAssertNil(BreakerState(fields: ["peak_equity": "x"]))
    }

    /// The same rules behind `GuardedBroker` for a broker that does not check orders: a
    /// refused order never reaches it, and the refusal is journalled with its halt.
    func testGuardedBrokerRefusesBeforeTheBrokerAndJournals() throws {
        let inner = RecordingBroker()
        let journal = MemoryJournal()
        journal.risk.maxOrderNotional = 1_000
        journal.risk.maxDrawdownPct = 5
        let front = GuardedBroker(inner, journal: journal, lastPrices: { $0 == "SPY" ? 100 : nil }, now: { jan(2) + 3_600 })
        XCTAssertThrowsError(try front.submit(buy(11))) { e in
            XCTAssertEqual("\(e)", "rejected by max_order_notional: order notional 1100.00 exceeds 1000.00")
        }
        XCTAssertTrue(inner.submitted.isEmpty, "the refused order never reached the broker")
        XCTAssertEqual(try journal.events(for: "rec").map(\.description),
                       ["2024-01-02T01:00:00 rejected: buy 11 SPY: rejected by max_order_notional: order notional 1100.00 exceeds 1000.00"])
        XCTAssertEqual(try front.submit(buy(5)).map(\.id), ["1"])
        XCTAssertEqual(inner.submitted.count, 1)
        XCTAssertEqual(try journal.breakers(for: "rec").peakEquity, 10_000)
        inner.equity = 9_400   // −6% from the peak the front saw
        XCTAssertThrowsError(try front.submit(buy(1))) { e in
            XCTAssertEqual("\(e)", "rejected by max_drawdown: trading halted since 2024-01-02T01:00:00: equity 9400.00 is 6.00% below its peak 10000.00 "
                           + "(limit 5.00%); resume with paper resume")
        }
        XCTAssertEqual(try journal.breakers(for: "rec").halt?.rule, "max_drawdown")
        XCTAssertEqual(try front.resume()?.rule, "max_drawdown")
        XCTAssertNoThrow(try front.submit(buy(1)))
        XCTAssertEqual(inner.submitted.count, 2)
    }

    func testLossStreakFromABrokersFills() {
        let f = { (side: OrderSide, q: Double, p: Double) in BrokerFill(time: 0, orderId: nil, side: side, quantity: q, symbol: "SPY", price: p, commission: nil) }
        let fills = [f(.buy, 10, 100), f(.sell, 5, 99), f(.sell, 5, 98), f(.buy, 10, 90), f(.sell, 10, 95), f(.buy, 1, 95), f(.sell, 1, 94)]
        XCTAssertEqual(AccountSnapshot.lossStreak(fills, from: 0), 1)
        XCTAssertEqual(AccountSnapshot.lossStreak(Array(fills.prefix(3)), from: 0), 2)
        XCTAssertEqual(AccountSnapshot.lossStreak(Array(fills.prefix(3)), from: 2), 1, "counting starts after a resume")
    }
}

/// A broker that records what reaches it and checks nothing.
final class RecordingBroker: PaperBroker {
    var submitted: [OrderRequest] = []
    var equity = 10_000.0
    var name: String { "rec" }
    func account() throws -> BrokerAccount { BrokerAccount(cash: equity, equity: equity, buyingPower: equity) }
    func submit(_ request: OrderRequest) throws -> [BrokerReceipt] {
        submitted.append(request)
        return [BrokerReceipt(id: String(submitted.count), note: "accepted")]
    }
    func orders(includeClosed: Bool) throws -> [BrokerOrder] { [] }
    func positions() throws -> [BrokerPosition] { [] }
    func fills() throws -> [BrokerFill] { [] }
    func why(_ id: String) throws -> [String] { [] }
    func cancel(_ id: String) throws -> CancelOutcome { .cancelled }
}

final class MemoryJournal: GuardJournal {
    var risk = RiskConfig()
    var states: [String: BreakerState] = [:]
    var log: [String: [GuardEvent]] = [:]
    func riskRules() throws -> RiskConfig { risk }
    func breakers(for broker: String) throws -> BreakerState { states[broker] ?? BreakerState() }
    func record(_ state: BreakerState, event: GuardEvent?, for broker: String) throws {
        states[broker] = state
        if let event { log[broker, default: []].append(event) }
    }
    func events(for broker: String) throws -> [GuardEvent] { log[broker] ?? [] }
}
