import Foundation
import Synchronization

/// Where a live source (the stream, a poller) leaves what it received, stamped with the
/// arrival time, for the caller to drain on its own thread. The caller does all the
/// interpreting, so a replay of the recorded items runs exactly the code the live run did.
public final class LiveInbox: Sendable {
    private let box = Mutex<(items: [StreamTape.Item], finished: Bool, waiting: Bool)>(([], false, false))
    /// Wakes a caller waiting in `drain(waiting:)` when an item arrives (signalled only
    /// while one waits, so a flood costs no system call per frame).
    private let arrived = DispatchSemaphore(value: 0)
    private let started = ContinuousClock.now

    public init() {}

    /// Nanoseconds since the source was opened: the clock of arrival times.
    public func elapsed() -> Int64 {
        let d = ContinuousClock.now - started
        return d.components.seconds * 1_000_000_000 + d.components.attoseconds / 1_000_000_000
    }

    public func push(_ kind: StreamTape.Kind, _ text: String) {
        let item = StreamTape.Item(arrival: elapsed(), kind: kind, text: text)
        let wake = box.withLock { b in
            if !b.finished { b.items.append(item) }
            defer { b.waiting = false }
            return b.waiting
        }
        if wake { arrived.signal() }
    }

    /// Marks the source ended (given up, refused, or stopped); nothing more is kept.
    public func finish() {
        let wake = box.withLock { b in
            b.finished = true
            defer { b.waiting = false }
            return b.waiting
        }
        if wake { arrived.signal() }
    }

    /// Everything received since the last call, and whether the source has ended. With
    /// `waiting`, blocks up to that long for something to arrive (the caller polls Ctrl-C
    /// between waits); an item wakes it at once.
    public func drain(waiting: Duration? = nil) -> (items: [StreamTape.Item], finished: Bool) {
        let ready = box.withLock { b in
            b.waiting = waiting != nil && b.items.isEmpty && !b.finished
            return !b.waiting
        }
        if !ready, let waiting {
            let c = waiting.components
            _ = arrived.wait(timeout: .now() + .nanoseconds(Int(c.seconds) * 1_000_000_000 + Int(c.attoseconds / 1_000_000_000)))
        }
        return box.withLock { b in
            b.waiting = false
            let out = b.items
            b.items.removeAll(keepingCapacity: true)
            return (out, b.finished)
        }
    }
}

/// A source of live market data: the stream, or a poller for feeds without one.
public protocol LiveSource: Sendable {
    var inbox: LiveInbox { get }
    func start()
    /// Ends the source without waiting for it (Ctrl-C must return at once).
    func stop()
}
