import Foundation

/// A progress bar on standard error, only when it is a terminal, so captured output and
/// `--check` never see it. Updates come from worker threads; redrawn at most 100 times.
final class ProgressLine: @unchecked Sendable {
    let label: String
    let enabled: Bool
    private let lock = NSLock()
    private var shown = -1
    private var drawn = false

    init(label: String, enabled: Bool) {
        self.label = label
        self.enabled = enabled
    }

    func update(_ done: Int, _ total: Int) {
        guard enabled, total > 0 else { return }
        let percent = min(100, done * 100 / total)
        lock.lock(); defer { lock.unlock() }
        guard percent != shown else { return }
        shown = percent
        drawn = true
        let bar = String(repeating: "#", count: percent / 4) + String(repeating: ".", count: 25 - percent / 4)
        StandardStreams.write("\r\(label) [\(bar)] \(done)/\(total)", to: 2)
    }

    func finish() {
        lock.lock(); defer { lock.unlock() }
        if drawn { StandardStreams.write("\r\u{1B}[K", to: 2) }
        drawn = false
    }
}
