/// A flag a Ctrl-C handler sets and long operations poll (libcurl's transfer-info
/// callback, retry sleeps). Backed by one heap word written and read without locks, so
/// `cancel()` is safe to call from a signal handler (it only stores an Int32).
public final class CancellationToken: @unchecked Sendable {
    private let flag: UnsafeMutablePointer<Int32>
    /// Another flag to honour as well, e.g. the shell's SIGINT flag (`Interrupts`).
    private let external: (() -> Bool)?

    /// The process-wide token the shell's SIGINT handler sets; clients use it by default.
    public static let global = CancellationToken()

    public init(external: (() -> Bool)? = nil) {
        self.external = external
        flag = .allocate(capacity: 1)
        flag.initialize(to: 0)
    }
    deinit { flag.deallocate() }

    public func cancel() { flag.pointee = 1 }
    /// Clears the flag before the next command.
    public func reset() { flag.pointee = 0 }
    public var isCancelled: Bool { flag.pointee != 0 || external?() == true }
}
