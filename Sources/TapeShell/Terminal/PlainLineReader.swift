import Foundation

/// Reads lines from a script, pipe or file with ordinary buffered I/O: 64 KiB per
/// read(2) instead of libedit's one byte per syscall, no prompt and no echo. Accepts
/// LF and CRLF line ends and a last line without a newline.
public final class PlainLineReader: LineReader {
    private static let chunkSize = 64 * 1024

    private let fd: Int32
    private var buffer: [UInt8] = []
    /// Start of the unread part of `buffer`; consumed bytes are dropped in bulk.
    private var start = 0
    /// Where the newline search resumes: bytes before it hold no newline, so a line
    /// spanning many reads is scanned once, not once per read.
    private var scanned = 0
    private var reachedEnd = false

    /// Keeps `fileHandle` open for the reader's lifetime; reading does not close it.
    private let fileHandle: FileHandle

    public init(fileHandle: FileHandle = .standardInput) {
        self.fileHandle = fileHandle
        self.fd = fileHandle.fileDescriptor
    }

    /// The next line. `prompt` is ignored: a script's output should hold only results.
    /// A Ctrl-C that interrupts the read (stdin on a terminal, stdout redirected)
    /// returns `.interrupt`; bytes already read are kept for the next call.
    public func read(prompt: String) -> LineInput {
        while true {
            if let newline = buffer[max(start, scanned)...].firstIndex(of: UInt8(ascii: "\n")) {
                let line = text(start..<newline)
                start = newline + 1
                scanned = start
                compactIfWorthIt()
                return .line(line)
            }
            scanned = buffer.count
            if reachedEnd {
                guard start < buffer.count else { return .eof }
                let line = text(start..<buffer.count)
                start = buffer.count
                return .line(line)
            }
            switch fill() {
            case .data: continue
            case .end: reachedEnd = true
            case .interrupted:
                Interrupts.consumeInterrupt()
                return .interrupt
            }
        }
    }

    /// Scripts are not history.
    public func addHistory(_ line: String) {}

    private func text(_ range: Range<Int>) -> String {
        var end = range.upperBound
        if end > range.lowerBound, buffer[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        return String(decoding: buffer[range.lowerBound..<end], as: UTF8.self)
    }

    private func compactIfWorthIt() {
        if start >= PlainLineReader.chunkSize || start == buffer.count {
            buffer.removeSubrange(0..<start)
            scanned -= start
            start = 0
        }
    }

    private enum Fill { case data, end, interrupted }

    private func fill() -> Fill {
        let oldCount = buffer.count
        buffer.append(contentsOf: repeatElement(0, count: PlainLineReader.chunkSize))
        let n = buffer.withUnsafeMutableBytes { raw in
            systemRead(fd, raw.baseAddress.map { $0 + oldCount }, PlainLineReader.chunkSize)
        }
        let failure = errno
        buffer.removeSubrange((oldCount + max(n, 0))...)
        if n > 0 { return .data }
        if n < 0, failure == EINTR { return .interrupted }
        // 0 is the end of input; any other error ends it too, as there is no retrying.
        return .end
    }
}

/// read(2), named apart from `LineReader.read(prompt:)`, which shadows it inside the class.
private func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    read(fd, buffer, count)
}
