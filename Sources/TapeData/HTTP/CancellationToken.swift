import Synchronization

/// A flag a Ctrl-C handler sets and long operations poll (libcurl's transfer-info
/// callback, retry sleeps). An atomic word, set and read without locks, so `cancel()`
/// is safe to call from any thread, a signal handler included.
public final class CancellationToken: Sendable {
    private let flag = Atomic<Int32>(0)
    /// Another flag to honour as well, e.g. the shell's SIGINT flag (`Interrupts`).
    private let external: (@Sendable () -> Bool)?

    /// The process-wide token the shell's SIGINT handler sets; clients use it by default.
    public static let global = CancellationToken()

    public init(external: (@Sendable () -> Bool)? = nil) {
        self.external = external
    }

    public func cancel() { flag.store(1, ordering: .relaxed) }
    /// Clears the flag before the next command.
    public func reset() { flag.store(0, ordering: .relaxed) }
    public var isCancelled: Bool { flag.load(ordering: .relaxed) != 0 || external?() == true }
}
