import Foundation
import TapeCore
import TapeData

/// The one owner of what a session is: its mode, file and stem, recorder, seed, clock,
/// terminal, and the policies for the ledger, the network, charts and trust. The entry
/// point (or the command that starts a nested replay) builds it; commands read it
/// through `CommandContext.session` and never ask `isatty` or a replay flag themselves.
///
/// Replay is a property of the session's effects, not of each command: a replay's seed,
/// network bodies, ledger and chart names come from the file it replays.
///
/// | mode        | seed         | network                | ledger                  | charts written to | trust     |
/// |-------------|--------------|------------------------|-------------------------|-------------------|-----------|
/// | interactive | new, header  | online, recorded       | the user's (snapshot)   | plots/            | trusted   |
/// | script      | file header  | pinned bodies, else on | scratch from snapshot   | plots/            | untrusted |
/// | replay      | file header  | pinned bodies, else on | scratch from snapshot   | plots/            | untrusted |
/// | check       | file header  | offline (cache only)   | scratch from snapshot   | scratch folder    | untrusted |
/// | notebook    | file header  | offline (cache only)   | scratch from snapshot   | notebook's folder | untrusted |
///
/// `-c '...'` is a trusted script; `--trust` makes a file trusted; `--ledger FILE` puts a
/// script on that ledger. See docs/SESSIONS.md.
public final class Session {
    public let mode: SessionMode
    /// For scripts: where the lines come from.
    public let source: ScriptSource?
    /// The session file being run, replayed or recorded to.
    public private(set) var file: String?
    /// The file's name without folder and extension (notebook titles).
    public private(set) var stem: String
    public var recorder: SessionRecorder? {
        didSet { if let r = recorder { file = r.path; stem = SessionFile.stem(ofPath: r.path) } }
    }
    /// The seed of every random choice (`set seed N`; the header's `seed:`).
    public var seed: UInt64 {
        didSet { charts.reseed(seed) }
    }
    public let clock: SessionClock
    public var terminal: TerminalCapabilities
    public var ledger: LedgerPolicy
    public var network: NetworkPolicy
    public var trust: TrustPolicy
    public let charts: ChartNaming
    /// Network bodies the replayed file names by hash (redacted URL -> SHA-256): always
    /// served from the cache, online or not.
    public var pins: [String: String] = [:]
    /// Ledger snapshots the replayed file names: `""` for the session's own ledger, else
    /// the file a `set ledger "FILE"` chose (header `ledger: "FILE" sha256:HEX`).
    public var ledgerSnapshots: [String: String] = [:]
    /// Models the replayed file loads, by lower-case name -> SHA-256 of the saved bytes
    /// (header `model: NAME sha256:HEX`): `model load` takes exactly those bytes.
    public var modelPins: [String: String] = [:]
    /// The ledger opened under `ledger` (see PaperState), and scratch folders to remove.
    var openedLedger: (policy: LedgerPolicy, ledger: Ledger)?
    /// The file `set ledger` chose, for the snapshot's header line.
    var chosenLedgerFile: String?
    var scratchFolders: [URL] = []
    /// The line reader while a person is typing (questions such as `lesson` read through
    /// it); nil in scripts and replays, where such commands run without asking.
    public var lineReader: LineReader?

    public init(mode: SessionMode, source: ScriptSource? = nil, file: String? = nil, seed: UInt64, clock: SessionClock,
                terminal: TerminalCapabilities, ledger: LedgerPolicy, network: NetworkPolicy, trust: TrustPolicy,
                charts: ChartNaming? = nil) {
        self.mode = mode
        self.source = source
        self.file = file
        self.stem = file.map(SessionFile.stem(ofPath:)) ?? "session"
        self.seed = seed
        self.clock = clock
        self.terminal = terminal
        self.ledger = ledger
        self.network = network
        self.trust = trust
        self.charts = charts ?? ChartNaming(seed: seed)
    }

    deinit {
        for f in scratchFolders { try? FileManager.default.removeItem(at: f) }
    }

    /// A new folder removed with the session (scratch ledgers and stores).
    public func scratchFolder(_ purpose: String) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tape-\(purpose)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        scratchFolders.append(dir)
        return dir
    }

    /// True in every replay of a file (`tape FILE`, `replay`, `--check`, notebooks); not
    /// at the prompt, nor for `tape -c` and piped lines, which are typed, not recorded.
    public var replaysAFile: Bool {
        if mode == .script, let source, case .file = source { return true }
        return mode != .script && mode.replaysAFile
    }

    /// Whether questions may be asked and answered (a person at a terminal).
    public var canAsk: Bool { mode == .interactive && lineReader != nil }

    // MARK: Building sessions

    /// A person at the prompt: a seed from the clock unless given, the user's ledger
    /// (or `ledger`), online, trusted.
    public static func interactive(seed: UInt64? = nil, ledger: String? = nil, terminal: TerminalCapabilities = .measure()) -> Session {
        let clock = SessionClock.system()
        return Session(mode: .interactive, seed: seed ?? UInt64(clock.start % 1_000_000), clock: clock, terminal: terminal,
                       ledger: .user(path: ledger ?? Self.defaultLedgerPath()), network: .online,
                       trust: .trusted(root: FileManager.default.currentDirectoryPath))
    }

    /// `tape -c` and piped stdin: no file header to replay; `-c` is trusted (the user
    /// typed it), piped lines are not.
    public static func script(_ source: ScriptSource, seed: UInt64? = nil, ledger: String? = nil, trusted: Bool = false,
                              allowedEnvironment: Set<String> = []) -> Session {
        let root = FileManager.default.currentDirectoryPath
        return Session(mode: .script, source: source, seed: seed ?? 1, clock: .system(), terminal: .none,
                       ledger: ledger.map { .user(path: $0) } ?? .scratch(snapshot: nil, copyOf: nil), network: .online,
                       trust: trusted || source == .commandLine
                           ? .trusted(root: root) : .untrusted(root: root, allowedEnvironment: allowedEnvironment))
    }

    /// A replay of the session file `parsed` read from `path`: its seed, its clock, the
    /// network bodies and ledger snapshot its header names.
    public static func replaying(_ parsed: SessionFile, path: String, mode: SessionMode, seed: UInt64? = nil,
                                 ledger: String? = nil, trusted: Bool = false, allowedEnvironment: Set<String> = [],
                                 terminal: TerminalCapabilities = .none, charts: ChartNaming? = nil) -> Session {
        let recordedSeed = parsed.headerValues("seed").first.flatMap(UInt64.init)
        let recordedClock = parsed.headerValues("recorded").first.flatMap(SessionClock.parse)
        var snapshots: [String: String] = [:]
        for v in parsed.headerValues("ledger") {
            if let (file, hash) = Self.parseLedgerHeader(v), snapshots[file] == nil { snapshots[file] = hash }
        }
        let snapshot = snapshots[""]
        let folder = (path as NSString).deletingLastPathComponent
        let root = (folder.isEmpty ? FileManager.default.currentDirectoryPath : folder as String)
        let s = Session(mode: mode, source: mode == .script ? .file(path) : nil, file: path,
                        seed: seed ?? recordedSeed ?? 1,
                        clock: recordedClock.map(SessionClock.fixed) ?? .system(), terminal: terminal,
                        ledger: ledger.map { .user(path: $0) } ?? .scratch(snapshot: snapshot, copyOf: nil),
                        network: mode == .check || mode == .notebook ? .offline : .online,
                        trust: trusted ? .trusted(root: root) : .untrusted(root: root, allowedEnvironment: allowedEnvironment),
                        charts: charts)
        s.ledgerSnapshots = snapshots
        for v in parsed.headerValues("fetched") {
            if let (url, hash) = CachingHTTPClient.parseHeaderEntry(v) { s.pins[url] = hash }
        }
        for v in parsed.headerValues("model") {
            if let (name, hash) = ModelStore.parseHeader(v), s.modelPins[name] == nil { s.modelPins[name] = hash }
        }
        return s
    }

    /// `~/.local/state/tape/paper.sqlite` (XDG_STATE_HOME respected).
    public static func defaultLedgerPath() -> String { Paths.stateDirectory() + "/paper.sqlite" }

    /// The header line naming the ledger a session started from: `ledger: sha256:HEX`
    /// for its own ledger, `ledger: "FILE" sha256:HEX` for one chosen with `set ledger`.
    public static func ledgerHeader(file: String = "", hash: String) -> String {
        file.isEmpty ? "ledger: sha256:\(hash)" : "ledger: \"\(file)\" sha256:\(hash)"
    }

    /// Reads a `ledger:` header value back as (file, hash); file is "" for the session's own.
    static func parseLedgerHeader(_ value: String) -> (String, String)? {
        let v = value.trimmingCharacters(in: .whitespaces)
        guard let r = v.range(of: "sha256:", options: .backwards) else { return nil }
        let hex = String(v[r.upperBound...]).lowercased()
        guard hex.count == 64, hex.allSatisfy(\.isHexDigit) else { return nil }
        var file = v[..<r.lowerBound].trimmingCharacters(in: .whitespaces)
        if file.hasPrefix("\""), file.hasSuffix("\""), file.count >= 2 { file = String(file.dropFirst().dropLast()) }
        return (file, hex)
    }
}
