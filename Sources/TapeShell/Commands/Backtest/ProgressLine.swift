import Foundation
import Synchronization

/// A progress bar on standard error, only when it is a terminal, so captured output and
/// `--check` never see it. Updates come from worker threads; redrawn at most 100 times.
final class ProgressLine: Sendable {
    let label: String
    let enabled: Bool
    private let state = Mutex((shown: -1, drawn: false))

    init(label: String, enabled: Bool) {
        self.label = label
        self.enabled = enabled
    }

    func update(_ done: Int, _ total: Int) {
        guard enabled, total > 0 else { return }
        let percent = min(100, done * 100 / total)
        // Written under the lock, so two workers never interleave their redraws.
        state.withLock { s in
            guard percent != s.shown else { return }
            s.shown = percent
            s.drawn = true
            let bar = String(repeating: "#", count: percent / 4) + String(repeating: ".", count: 25 - percent / 4)
            StandardStreams.write("\r\(label) [\(bar)] \(done)/\(total)", to: 2)
        }
    }

    func finish() {
        state.withLock { s in
            if s.drawn { StandardStreams.write("\r\u{1B}[K", to: 2) }
            s.drawn = false
        }
    }
}
