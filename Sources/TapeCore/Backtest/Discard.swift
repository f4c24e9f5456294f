import Foundation

/// Frees what a cancelled search built on a background thread.
///
/// A search stopped by Ctrl-C still owns up to 200,000 candidate arrays, the statistics
/// of every trial it ran and the indicator cache (hundreds of 160 KB series): freeing
/// them took a release build about 0.2 s of malloc work (glibc's malloc_consolidate),
/// on the thread the prompt waits for. Handed here, they are freed 50 ms later on a
/// utility thread, by when the caller has long dropped its own references, so the
/// background thread's release is the last one and the one that frees.
enum Discard {
    /// The block holds the last reference; libdispatch releases a block on the worker
    /// thread that ran it, so that is where `contents` is freed.
    static func later<T: Sendable>(_ contents: T) {
        DispatchQueue.global(qos: .utility).asyncAfter(deadline: .now() + 0.05) { withExtendedLifetime(contents) {} }
    }
}
