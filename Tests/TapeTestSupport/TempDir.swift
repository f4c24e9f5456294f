import Foundation

/// A fresh temporary folder per test, removed by `remove()` in tearDown.
public struct TempDir: Sendable {
    public let path: String

    public init() throws {
        path = NSTemporaryDirectory() + "tape-test-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    public var url: URL { URL(fileURLWithPath: path, isDirectory: true) }

    public func remove() { try? FileManager.default.removeItem(atPath: path) }
}
