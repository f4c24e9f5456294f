import Foundation
import Synchronization
import TapeCore

/// A named set of price series loaded together, for `scan`. A file that cannot be read
/// is reported in `failures` and skipped: one broken file must not hide 500 good ones.
///
/// Every member keeps its own dates: a symbol listed late starts late, one delisted
/// stops where its data stops, a halt leaves a gap. Nothing is aligned to a common
/// calendar or dropped for being short, so a scan at a past date sees the symbols that
/// traded then, the ones that stopped trading since included (no survivorship bias).
public struct Universe: Sendable {
    public var name: String
    /// One series per readable file, sorted by symbol.
    public var members: [Bars]
    /// Files that could not be read, with the one-line reason.
    public var failures: [(file: String, message: String)]

    public init(name: String, members: [Bars], failures: [(file: String, message: String)]) {
        self.name = name
        self.members = members
        self.failures = failures
    }

    public func member(_ symbol: String) -> Bars? {
        members.first { $0.symbol.caseInsensitiveCompare(symbol) == .orderedSame }
    }

    /// Bars held by all members.
    public var barCount: Int { members.reduce(0) { $0 + $1.count } }

    /// The bytes the members' columns take (8 per value): the floor of what holding the
    /// universe costs, and what peak memory while loading it is measured against.
    public var byteCount: Int { members.reduce(0) { $0 + $1.count * ($1.adjClose == nil ? 6 : 7) * 8 } }

    /// Every `*.csv` directly inside `folder`; the file name (without `.csv`) is the symbol.
    /// The universe's name defaults to the folder's last component. Files are read and
    /// parsed on `workers` threads at once.
    public static func load(folder: String, name: String? = nil, workers: Int = ProcessInfo.processInfo.activeProcessorCount,
                            control: WorkControl = .none) throws -> Universe {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDir), isDir.boolValue else {
            throw UniverseError.notAFolder(folder)
        }
        let files = try FileManager.default.contentsOfDirectory(atPath: folder)
            .filter { $0.lowercased().hasSuffix(".csv") }.sorted()
        if files.isEmpty { throw UniverseError.empty(folder) }
        let base = folder.hasSuffix("/") ? folder : folder + "/"
        let parsed = try parallel(files.count, workers: workers, control: control) { k in
            let path = base + files[k]
            return Result { try parse(try LocalFile.read(path), symbol: String(files[k].dropLast(4)), source: path) }
        }
        return assemble(name: name ?? (folder as NSString).lastPathComponent, files: files.map { base + $0 }, parsed)
    }

    /// Every symbol saved in the store (or those named), read on several connections at once.
    public static func load(store: Store, name: String, only: [String]? = nil, control: WorkControl = .none) throws -> Universe {
        let (members, failures) = try store.loadAll(only, control: control)
        return Universe(name: name, members: members, failures: failures.map { (file: $0.symbol, message: $0.message) })
    }

    /// Every `*.csv` object under `s3://bucket/prefix` (one level, like a folder).
    public static func load(s3 client: S3Client, url: String, name: String? = nil) throws -> Universe {
        let (bucket, key) = try S3Client.parse(url: url)
        let prefix = key.isEmpty || key.hasSuffix("/") ? key : key + "/"
        let objects = try client.list(bucket: bucket, prefix: prefix, delimiter: "/").objects
            .filter { $0.key.lowercased().hasSuffix(".csv") }
        if objects.isEmpty { throw UniverseError.empty(url) }
        let folderName = prefix.split(separator: "/").last.map(String.init) ?? bucket
        let files = objects.map { "s3://\(bucket)/\($0.key)" }
        let parsed = objects.enumerated().map { k, o in
            Result { try parse(try client.get(bucket: bucket, key: o.key), symbol: symbol(ofKey: o.key), source: files[k]) }
        }
        return assemble(name: name ?? folderName, files: files, parsed)
    }

    /// The symbol a file or object key names: its last path component without `.csv`.
    static func symbol(ofKey key: String) -> String {
        String((key.split(separator: "/").last.map(String.init) ?? key).dropLast(4))
    }

    /// Bars from one file's bytes; an empty file is a failure like a broken one.
    /// The bytes are parsed as they are; only a file that fails is checked for being
    /// UTF-8 at all, so the common case pays nothing for the better message.
    static func parse(_ data: Data, symbol: String, source: String) throws -> Bars {
        let bars: Bars
        do {
            bars = try data.withUnsafeBytes { raw in
                try BarsCSV.parse(bytes: raw.bindMemory(to: UInt8.self), name: symbol, source: source)
            }
        } catch {
            if String(validating: data, as: UTF8.self) == nil {
                throw LocalFile.Failure.unreadable(path: source, reason: "not UTF-8 text")
            }
            throw error
        }
        if bars.isEmpty { throw UniverseError.noRows }
        return bars
    }

    /// Members in file order (files come sorted) and the failures with their reasons.
    static func assemble(name: String, files: [String], _ parsed: [Result<Bars, Error>]) -> Universe {
        var u = Universe(name: name, members: [], failures: [])
        u.members.reserveCapacity(parsed.count)
        for (file, r) in zip(files, parsed) {
            switch r {
            case .success(let bars): u.members.append(bars)
            case .failure(let error):
                // Every reason names its file, as the CSV reader's do.
                let message = String(describing: error).split(whereSeparator: \.isNewline).joined(separator: " ")
                u.failures.append((file, message.hasPrefix(file) || message.contains(file + ":") ? message : "\(file): \(message)"))
            }
        }
        u.members.sort { $0.symbol < $1.symbol }
        return u
    }

    /// Runs `work(k)` for every k in 0..<count on `workers` threads, interleaved so each
    /// gets a like share, reporting progress after each item and stopping early (with
    /// `WorkCancelled`, nothing returned) when asked to. Results keep their order.
    static func parallel<T: Sendable>(_ count: Int, workers: Int, control: WorkControl,
                                      _ work: @Sendable (Int) -> T) throws -> [T] {
        let results = Mutex([T?](repeating: nil, count: count))
        let done = Atomic<Int>(0)
        let lanes = max(1, min(workers, count))
        DispatchQueue.concurrentPerform(iterations: lanes) { lane in
            for k in stride(from: lane, to: count, by: lanes) {
                if control.isCancelled { return }
                let r = work(k)
                results.withLock { $0[k] = r }
                control.progress?(done.add(1, ordering: .relaxed).newValue, count)
            }
        }
        try control.check()
        return results.withLock { r in
            defer { r = [] }
            return r.compactMap { $0 }
        }
    }
}

public enum UniverseError: Error, CustomStringConvertible, Equatable {
    case notAFolder(String)
    case empty(String)
    case noRows

    public var description: String {
        switch self {
        case let .notAFolder(p): return "no folder at \(p); give a folder of CSV files, one per symbol"
        case let .empty(p): return "no .csv files in \(p)"
        case .noRows: return "no rows"
        }
    }
}
