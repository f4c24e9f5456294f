import Synchronization
import TapeCore
import TapeTestSupport
import XCTest
@testable import TapeData
#if canImport(Glibc)
import Glibc
#endif

/// Nothing lost, nothing half-written: a writer process SIGKILLed mid-stream and two
/// connections interleaving on one file both leave a ledger that reconciles.
final class LedgerDurabilityTests: XCTestCase {
    static let childEnv = "TAPE_LEDGER_KILL_CHILD"
    private var dir: URL!
    override func setUpWithError() throws { dir = try TempDir().url }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }
    private var path: String { dir.appendingPathComponent("paper.sqlite").path }

    /// The writer, run only inside the child process the kill test spawns (the environment
    /// variable names the ledger): submits and fills orders until killed (bounded at 100,000 rounds).
    func testChildWriterLoop() throws {
        guard let target = ProcessInfo.processInfo.environment[Self.childEnv] else {
            throw XCTSkip("the child half of testKillMidStreamLeavesLedgerConsistent")
        }
        let ledger = try Ledger(path: target)
        var n = try ledger.broker().orders.count
        let bars = walkBars("SPY", count: 100_000)
        var clock = MarketClock(series: [bars], after: try ledger.cursor())
        while n < 100_000, clock.nextTime != nil {
            n += 1
            let side: OrderSide = n % 2 == 0 ? .sell : .buy
            try ledger.submit(OrderRequest(side, Double(1 + n % 7), .stock("SPY")))
            try ledger.step(&clock, count: 1)
        }
    }

    func testKillMidStreamLeavesLedgerConsistent() throws {
        #if os(Linux)
        _ = try Ledger(path: path, config: BrokerConfig(startingCash: 1_000_000, commission: CommissionModel(rate: 0.001, minimum: 1)))
        let exe = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
        let observer = try Ledger(path: path)
        var seenFills = 0
        for target in [40, 120, 260] {   // three kills, each after more fills: the child resumes the same file
            let pid = try spawn(exe, ["TapeDataTests.LedgerDurabilityTests/testChildWriterLoop"], env: [Self.childEnv: path])
            var polls = 0
            while try observer.broker().fills.count < target {
                polls += 1
                if polls > 6_000 {   // about two minutes: the child never got going
                    kill(pid, SIGKILL)
                    return XCTFail("child wrote only \(try observer.broker().fills.count) fills")
                }
                usleep(20_000)
            }
            XCTAssertEqual(kill(pid, SIGKILL), 0)
            var status: Int32 = 0
            waitpid(pid, &status, 0)
            XCTAssertEqual(status & 0x7f, SIGKILL, "the child must die by the signal, not finish")

            let reopened = try Ledger(path: path)
            let check = try reopened.check()
            XCTAssertTrue(check.isConsistent, check.description)
            let b = try reopened.broker()
            XCTAssertGreaterThan(b.fills.count, seenFills)
            seenFills = b.fills.count
            // Every order's filled quantity is exactly the sum of its fills, and every fill has an event.
            var filled: [Int: Double] = [:]
            for f in b.fills { if let id = f.orderId { filled[id, default: 0] += f.quantity } }
            for o in b.orders { XCTAssertEqual(o.filledQuantity, filled[o.id] ?? 0, "order #\(o.id)") }
            XCTAssertEqual(b.state.events.filter { $0.kind == .fill }.count, b.fills.count)
            XCTAssertTrue(b.reconciliation.balances)
        }
        #else
        throw XCTSkip("spawns the test binary through /proc/self/exe (Linux)")
        #endif
    }

    func testTwoConnectionsInterleave() throws {
        let a = try Ledger(path: path, config: BrokerConfig(startingCash: 100_000))
        let b = try Ledger(path: path)
        try a.process(bar: PriceBar(time: day(0), open: 100, high: 100, low: 100, close: 100, volume: 1e6), symbol: "SPY")
        for i in 1...20 {
            let l = i % 2 == 0 ? a : b
            try l.submit(OrderRequest(.buy, Double(i), .stock("SPY"), clientOrderId: "c\(i)"))
            if i % 5 == 0 {
                try (i % 10 == 0 ? b : a).process(bar: PriceBar(time: day(i), open: 100 + Double(i), high: 101 + Double(i),
                                                                  low: 99 + Double(i), close: 100 + Double(i), volume: 1e6), symbol: "SPY")
            }
        }
        // A retried submission through the other connection is recognised by its client id.
        XCTAssertEqual(try a.submit(OrderRequest(.buy, 3, .stock("SPY"), clientOrderId: "c3")).id, 3)
        let sa = try a.broker(), sb = try b.broker()
        XCTAssertEqual(sa.state, sb.state)
        XCTAssertEqual(sa.orders.map(\.id), Array(1...20))
        XCTAssertEqual(sa.orders.map(\.clientOrderId), (1...20).map { "c\($0)" })
        XCTAssertEqual(sa.positions.first?.quantity, 210)   // 1 + 2 + ... + 20, all filled
        XCTAssertTrue(try a.check().isConsistent)

        // Two threads, one connection each, submitting at once: no order lost or doubled.
        // Each thread opens its own connection (a Ledger is not shared across threads).
        let file = path
        let errors = ErrorBox()
        DispatchQueue.concurrentPerform(iterations: 2) { k in
            do {
                let ledger = try Ledger(path: file)
                for j in 0..<40 {
                    do { try ledger.submit(OrderRequest(.sell, 1, .stock("SPY"), type: .limit(500), timeInForce: .gtc, clientOrderId: "t\(k)-\(j)")) }
                    catch { errors.add("\(error)") }
                }
            } catch { errors.add("\(error)") }
        }
        XCTAssertEqual(errors.all, [])
        let after = try Ledger(path: path).broker()
        XCTAssertEqual(after.orders.count, 100)
        XCTAssertEqual(after.orders.map(\.id), Array(1...100))
        XCTAssertEqual(Set(after.orders.map(\.clientOrderId)).count, 100)
        XCTAssertTrue(try a.check().isConsistent)
    }

    #if os(Linux)
    /// posix_spawn of `exe` with its output sent to /dev/null and `env` added to ours.
    private func spawn(_ exe: String, _ args: [String], env: [String: String]) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let environment = ProcessInfo.processInfo.environment.merging(env) { $1 }.map { "\($0)=\($1)" }
        var argv: [UnsafeMutablePointer<CChar>?] = ([exe] + args).map { strdup($0) } + [nil]
        var envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup($0) } + [nil]
        defer { for p in argv + envp { free(p) } }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, exe, &actions, nil, &argv, &envp)
        guard rc == 0 else { throw XCTSkip("posix_spawn failed: \(String(cString: strerror(rc)))") }
        return pid
    }
    #endif
}

/// Errors collected from concurrent workers.
final class ErrorBox: Sendable {
    private let items = Mutex<[String]>([])
    func add(_ s: String) { items.withLock { $0.append(s) } }
    var all: [String] { items.withLock { $0 } }
}
