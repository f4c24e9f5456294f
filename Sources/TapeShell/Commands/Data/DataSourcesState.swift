import Foundation
import TapeCore
import TapeData

/// Per-session state of the data sources: which store file, the network stack and its
/// cache, and the universes loaded for `scan`.
///
/// In a replay (`--check`, `replay`) bars are saved to a scratch store, so checking a
/// session never changes the user's data; a store an untrusted session chooses with
/// `set store` is a scratch copy of that file (for the rest of this workspace: a
/// replayed file cannot point the user's own later `save` at a file of its choosing).
public final class DataSourcesState {
    /// The store chosen with `set store`; nil means the default location.
    public var storePath: String?
    /// Loaded universes by lower-case name (`load universe NAME from ...`).
    public var universes: [String: Universe] = [:]

    /// The file the last save or load from the store used (a scratch file in replays).
    public private(set) var lastBarStorePath: String?

    private var stores: [String: Store] = [:]
    private var scratchDir: String?
    /// Stores an untrusted session chose (the path it named -> the scratch copy used).
    private var copies: [String: String] = [:]
    private var client: CachingHTTPClient?
    private var recordedFetches = 0
    let cancellation = CancellationToken(external: { Interrupts.cancelRequested })

    public init() {}

    deinit {
        if let d = scratchDir { try? FileManager.default.removeItem(atPath: d) }
    }

    func open(_ path: String) throws -> Store {
        if let s = stores[path] { return s }
        // Upgrading an older file moves every bar once: Ctrl-C stops it, leaving the file as it was.
        let s = try Store(path: path, migration: WorkControl(cancel: Interrupts.cancelCheck))
        stores[path] = s
        return s
    }

    /// The store bars are saved to and loaded from.
    func barStore(_ c: CommandContext) throws -> Store {
        let path = barStorePath(c)
        lastBarStorePath = path
        return try open(path)
    }

    /// The bar store when its file exists, else nil: a query that only reads never creates one.
    func existingBarStore(_ c: CommandContext) throws -> Store? {
        FileManager.default.fileExists(atPath: barStorePath(c)) ? try barStore(c) : nil
    }

    private func barStorePath(_ c: CommandContext) -> String {
        if storePath == nil, c.session.replaysAFile { return scratch() + "/store.db" }
        return storePath.map { copies[$0] ?? $0 } ?? Store.defaultPath()
    }

    /// The store whose `http_cache` holds network bodies (the real one, in replays too).
    func cacheStore() throws -> Store { try open(storePath.map { copies[$0] ?? $0 } ?? Store.defaultPath()) }

    /// `set store "FILE"`: a trusted session uses FILE; an untrusted one a scratch copy of
    /// it (empty when FILE does not exist), so nothing it saves reaches the user's file.
    func choose(_ path: String, _ c: CommandContext) throws {
        if c.session.trust.trusted && copies[path] == nil {
            _ = try open(path)
        } else if copies[path] == nil {
            let copy = scratch() + "/store-\(copies.count + 1).db"
            for suffix in ["", "-wal"] where FileManager.default.fileExists(atPath: path + suffix) {
                try FileManager.default.copyItem(atPath: path + suffix, toPath: copy + suffix)
            }
            do {
                _ = try open(copy)
            } catch {
                try? FileManager.default.removeItem(atPath: copy)
                throw TapeError("\(error)".replacingOccurrences(of: copy, with: path))
            }
            copies[path] = copy
        }
        storePath = path
    }

    private func scratch() -> String {
        if let d = scratchDir { return d }
        let d = NSTemporaryDirectory() + "tape-replay-" + UUID().uuidString
        Paths.ensureDirectory(d)
        scratchDir = d
        return d
    }

    /// The HTTP stack: libcurl, retries, and the content-addressed cache. The session
    /// decides: bodies its file pins by hash always come from the cache; `--check` and
    /// notebooks are offline altogether.
    func http(_ c: CommandContext) throws -> CachingHTTPClient {
        cancellation.reset()
        let mode: CachingHTTPClient.Mode = c.session.network == .offline ? .offline : .online
        if let client {
            client.mode = mode
            client.pins = c.session.pins
            return client
        }
        let net = RetryingHTTPClient(base: CurlHTTPClient(cancellation: cancellation),
                                     policy: RetryPolicy(seed: c.session.seed), cancellation: cancellation)
        let made = CachingHTTPClient(base: net, store: try cacheStore(), mode: mode, pins: c.session.pins)
        client = made
        return made
    }

    /// Writes a `fetched:` header line for each body fetched since the last call, so the
    /// session file names every network input by hash.
    func recordFetches(_ c: CommandContext) {
        guard let client else { return }
        let all = client.fetched
        for f in all.dropFirst(recordedFetches) {
            c.session.recorder?.addHeader(CachingHTTPClient.headerEntry(url: f.url, hash: f.hash))
        }
        recordedFetches = all.count
    }
}

extension CommandContext {
    var dataSources: DataSourcesState { workspace.state { DataSourcesState() } }

    /// Runs a data-layer call, turning its one-line errors into errors at `span`.
    func dataCall<T>(_ span: Span?, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let e as TapeError {
            throw e
        } catch HTTPError.cancelled, is WorkCancelled {
            throw TapeError(Interrupts.message, span: span)
        } catch {
            throw TapeError(String(describing: error).split(whereSeparator: \.isNewline).joined(separator: " "), span: span)
        }
    }

    /// A progress line on the terminal (stderr) while a transfer runs; nothing when
    /// stderr is not a terminal or in a replay, so captured output stays deterministic.
    func transferProgress(_ what: String) -> HTTPProgress? {
        guard session.terminal.progress, !session.replaysAFile else { return nil }
        var lastShown = -1
        return { got, total in
            let text: String
            if let total, total > 0 {
                let pct = Int(100 * got / total)
                guard pct != lastShown else { return }
                lastShown = pct
                text = "\r\(what): \(pct)% of \(Self.bytes(total))"
            } else {
                let kb = Int(got / 65_536)
                guard kb != lastShown else { return }
                lastShown = kb
                text = "\r\(what): \(Self.bytes(got))"
            }
            StandardStreams.write(text + "\u{1B}[K", to: 2)
        }
    }

    /// Runs a long data operation with a progress line on the terminal (not in replays,
    /// so captured output stays deterministic) and the Ctrl-C flag as its cancel check.
    func withWork<T>(_ label: String, span: Span?, _ body: (WorkControl) throws -> T) throws -> T {
        let line = ProgressLine(label: label, enabled: session.terminal.progress && !session.replaysAFile)
        defer { line.finish() }
        return try dataCall(span) { try body(WorkControl(progress: { line.update($0, $1) }, cancel: Interrupts.cancelCheck)) }
    }

    func endProgress() {
        guard session.terminal.progress, !session.replaysAFile else { return }
        StandardStreams.write("\r\u{1B}[K", to: 2)
    }

    static func bytes(_ n: Int64) -> String {
        n >= 1_048_576 ? Format.fixed(Double(n) / 1_048_576, 1) + " MB" : Format.fixed(Double(n) / 1024, 0) + " kB"
    }
}
