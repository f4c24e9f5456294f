import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Runs a gnuplot script and returns what gnuplot printed. A protocol so tests and
/// replays can substitute a runner that draws nothing.
public protocol ChartRunning: Sendable {
    func run(_ script: String) throws -> Data
}

/// Runs the real gnuplot: the script goes to its standard input, which is then closed
/// to end the session; standard output (dumb text, sixel) is returned.
///
/// Both output pipes are drained on their own threads while the script is written, so
/// a chatty gnuplot cannot fill a pipe and stall with us blocked writing to it. A run
/// that exceeds `timeout`, or that `cancel` stops (Ctrl-C), is terminated (then killed)
/// and reported, never waited on.
public struct GnuplotRunner: ChartRunning {
    public var executable: String?
    public var timeout: Double
    /// Polled every 10 ms while gnuplot runs.
    public var cancel: @Sendable () -> Bool = Interrupts.cancelCheck

    /// `executable` nil finds `gnuplot` on PATH when run.
    public init(executable: String? = nil, timeout: Double = 20) {
        self.executable = executable
        self.timeout = timeout
    }

    /// gnuplot's path on PATH, or nil when it is not installed.
    public static func locate(path: String? = ProcessInfo.processInfo.environment["PATH"]) -> String? {
        let dirs = (path ?? "/usr/bin:/bin").split(separator: ":")
        for dir in dirs + ["/usr/bin", "/usr/local/bin"] {
            let candidate = String(dir) + "/gnuplot"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    public static var isAvailable: Bool { locate() != nil }

    public func run(_ script: String) throws -> Data {
        // A gnuplot that exits before reading all its input would otherwise kill us
        // with SIGPIPE; ignored, the write fails with EPIPE instead. Idempotent.
        signal(SIGPIPE, SIG_IGN)
        guard let path = executable ?? Self.locate(),
              FileManager.default.isExecutableFile(atPath: path) else { throw ChartError.gnuplotMissing }

        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        // Read as a script file rather than as interactive input: gnuplot then stops at
        // the first error and reports the script's own line number.
        process.arguments = ["/dev/stdin"]
        let input = Pipe(), output = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        do {
            try process.run()
        } catch {
            throw ChartError.gnuplotMissing
        }

        let drained = DispatchGroup()
        let out = Collected(), err = Collected()
        for (pipe, sink) in [(output, out), (errors, err)] {
            drained.enter()
            Thread.detachNewThread {
                sink.data = pipe.fileHandleForReading.readDataToEndOfFile()
                drained.leave()
            }
        }
        let bytes = Array(script.utf8)
        let fd = input.fileHandleForWriting.fileDescriptor
        Thread.detachNewThread {
            Self.writeAll(bytes, to: fd)
            try? input.fileHandleForWriting.close()
        }

        let deadline = DispatchTime.now() + timeout
        while finished.wait(timeout: min(.now() + 0.01, deadline)) == .timedOut {
            let stopped: ChartError
            if cancel() {
                stopped = .interrupted
            } else if DispatchTime.now() >= deadline {
                stopped = .timedOut(seconds: timeout)
            } else {
                continue
            }
            // Ctrl-C: gnuplot busy drawing may take a while to act on SIGTERM, and its
            // half-written file is removed anyway, so it is killed at once.
            if stopped == .interrupted {
                kill(process.processIdentifier, SIGKILL)
            } else {
                process.terminate()
            }
            if finished.wait(timeout: .now() + 1) == .timedOut {
                kill(process.processIdentifier, SIGKILL)
                _ = finished.wait(timeout: .now() + 1)
            }
            _ = drained.wait(timeout: .now() + 1)
            throw stopped
        }
        _ = drained.wait(timeout: .now() + 5)
        if process.terminationStatus != 0 || process.terminationReason != .exit {
            throw ChartError.gnuplotFailed(Self.firstMessage(err.data, status: process.terminationStatus))
        }
        return out.data
    }

    /// The first line of gnuplot's complaint that says something. gnuplot may echo the
    /// failing command and a caret line before the message, so those are skipped in
    /// favour of the `line N: ...` message, shown without the `"/dev/stdin"` prefix. A
    /// warning on the way ("Skipping data file with no valid points") gives way to the
    /// error that stopped the script.
    static func firstMessage(_ stderr: Data, status: Int32) -> String {
        let text = String(decoding: stderr, as: UTF8.self)
        let lines = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
        let locatedLines = lines.filter { $0.contains("line ") && $0.contains(":") }
        let located = locatedLines.first { !$0.contains("warning:") } ?? locatedLines.first
        if var message = located ?? lines.first(where: { !$0.isEmpty && !$0.allSatisfy { $0 == "^" } }) {
            if message.hasPrefix("\"/dev/stdin\" ") { message.removeFirst(13) }
            return String(message.prefix(300))
        }
        return "exit status \(status)"
    }

    private static func writeAll(_ bytes: [UInt8], to fd: Int32) {
        bytes.withUnsafeBytes { raw in
            guard var p = raw.baseAddress else { return }
            var left = raw.count
            while left > 0 {
                let n = write(fd, p, left)
                if n < 0 {
                    if errno == EINTR { continue }
                    return   // EPIPE: gnuplot stopped reading; its exit status tells why
                }
                p += n
                left -= n
            }
        }
    }

    /// A box one draining thread fills and the caller reads after the group is done, or
    /// after waiting for it timed out, while the thread may still be writing.
    private final class Collected: Sendable {
        private let box = Mutex(Data())
        var data: Data {
            get { box.withLock { $0 } }
            set { box.withLock { $0 = newValue } }
        }
    }
}
