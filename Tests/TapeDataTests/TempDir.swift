import Foundation

/// A fresh temporary folder per test, removed by `remove()` in tearDown.
struct TempDir {
    let path: String
    init() throws {
        path = NSTemporaryDirectory() + "tape-test-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
    func remove() { try? FileManager.default.removeItem(atPath: path) }
}
