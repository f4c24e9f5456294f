import Foundation
import TapeShell

/// Reading a script: PlainLineReader over a 1,000,000-line file (about 30 MB), the
/// cost per line that `tape script.tape` and `cat data | tape` pay before parsing.
func benchTerminal() {
    let lines = 1_000_000
    let path = NSTemporaryDirectory() + "tape-bench-lines-\(getpid()).txt"
    var text = ""
    text.reserveCapacity(lines * 32)
    for n in 0..<lines { text += "let x\(n) = sma(close, 20)\r\n" }
    guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8)),
          let handle = FileHandle(forReadingAtPath: path)
    else { return print("plain-reader-line: could not write \(path)") }
    defer { try? FileManager.default.removeItem(atPath: path) }
    let reader = PlainLineReader(fileHandle: handle)
    var count = 0
    var bytes = 0
    let start = DispatchTime.now().uptimeNanoseconds
    while case .line(let line) = reader.read(prompt: "") {
        count += 1
        bytes += line.utf8.count
    }
    let elapsed = DispatchTime.now().uptimeNanoseconds - start
    precondition(count == lines, "read \(count) of \(lines) lines")
    print("plain-reader-line: \(elapsed / UInt64(lines)) ns/op (\(lines) lines, \(bytes) bytes)")
}
