/// What a long data operation (a universe loaded or saved, a store migrated) reports and
/// polls: progress as (done, total) from any of its threads, and whether to stop. The
/// shell passes its progress line and its Ctrl-C flag; tests pass counters.
public struct WorkControl: Sendable {
    public var progress: (@Sendable (Int, Int) -> Void)?
    public var cancel: (@Sendable () -> Bool)?

    public init(progress: (@Sendable (Int, Int) -> Void)? = nil, cancel: (@Sendable () -> Bool)? = nil) {
        self.progress = progress
        self.cancel = cancel
    }

    public static let none = WorkControl()

    public var isCancelled: Bool { cancel?() == true }

    /// Throws `WorkCancelled` once the operation should stop.
    public func check() throws {
        if isCancelled { throw WorkCancelled() }
    }
}

/// A long data operation stopped at the caller's request, having changed nothing.
public struct WorkCancelled: Error, Equatable, CustomStringConvertible {
    public init() {}
    public var description: String { "interrupted" }
}
