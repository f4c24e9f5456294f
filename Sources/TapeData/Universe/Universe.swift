import Foundation
import TapeCore

/// A named set of price series loaded together, for `scan`. A file that cannot be read
/// is reported in `failures` and skipped: one broken file must not hide 500 good ones.
public struct Universe {
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

    /// Every `*.csv` directly inside `folder`; the file name (without `.csv`) is the symbol.
    /// The universe's name defaults to the folder's last component.
    public static func load(folder: String, name: String? = nil) throws -> Universe {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDir), isDir.boolValue else {
            throw UniverseError.notAFolder(folder)
        }
        let files = try FileManager.default.contentsOfDirectory(atPath: folder)
            .filter { $0.lowercased().hasSuffix(".csv") }.sorted()
        if files.isEmpty { throw UniverseError.empty(folder) }
        let base = folder.hasSuffix("/") ? folder : folder + "/"
        return build(name: name ?? (folder as NSString).lastPathComponent, files: files.map { f in
            (file: base + f, symbol: String(f.dropLast(4)), read: {
                guard let text = String(data: try LocalFile.read(base + f), encoding: .utf8) else {
                    throw LocalFile.Failure.unreadable(path: base + f, reason: "not UTF-8 text")
                }
                return text
            })
        })
    }

    /// Every `*.csv` object under `s3://bucket/prefix` (one level, like a folder).
    public static func load(s3 client: S3Client, url: String, name: String? = nil) throws -> Universe {
        let (bucket, key) = try S3Client.parse(url: url)
        let prefix = key.isEmpty || key.hasSuffix("/") ? key : key + "/"
        let objects = try client.list(bucket: bucket, prefix: prefix, delimiter: "/").objects
            .filter { $0.key.lowercased().hasSuffix(".csv") }
        if objects.isEmpty { throw UniverseError.empty(url) }
        let folderName = prefix.split(separator: "/").last.map(String.init) ?? bucket
        return build(name: name ?? folderName, files: objects.map { o in
            let file = String(o.key.split(separator: "/").last ?? Substring(o.key))
            return (file: "s3://\(bucket)/\(o.key)", symbol: String(file.dropLast(4)), read: {
                String(decoding: try client.get(bucket: bucket, key: o.key), as: UTF8.self)
            })
        })
    }

    static func build(name: String, files: [(file: String, symbol: String, read: () throws -> String)]) -> Universe {
        var u = Universe(name: name, members: [], failures: [])
        for f in files {
            do {
                let bars = try BarsCSV.parse(text: try f.read(), name: f.symbol, source: f.file)
                if bars.isEmpty { u.failures.append((f.file, "no rows")) } else { u.members.append(bars) }
            } catch {
                let message = String(describing: error).split(whereSeparator: \.isNewline).joined(separator: " ")
                u.failures.append((f.file, message))
            }
        }
        u.members.sort { $0.symbol < $1.symbol }
        return u
    }
}

public enum UniverseError: Error, CustomStringConvertible, Equatable {
    case notAFolder(String)
    case empty(String)

    public var description: String {
        switch self {
        case let .notAFolder(p): return "no folder at \(p); give a folder of CSV files, one per symbol"
        case let .empty(p): return "no .csv files in \(p)"
        }
    }
}
