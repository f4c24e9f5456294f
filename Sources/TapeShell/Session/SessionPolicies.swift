import Foundation
import TapeCore

/// What a session runs: a person at the prompt, a file, or a replay of a recorded one.
/// Commands never ask which; they ask the session's policies (ledger, network, trust,
/// terminal, charts), which the mode sets once.
public enum SessionMode: String, Sendable {
    /// A person typing at the prompt: live effects, recorded.
    case interactive
    /// `tape FILE`, `tape -c '...'`, commands piped on stdin.
    case script
    /// `replay "FILE"` at the prompt: the file's commands in this workspace.
    case replay
    /// `tape --check FILE` and `tape --update FILE`.
    case check
    /// `tape notebook FILE` and the `notebook` command.
    case notebook

    /// Every mode but the prompt replays a file: it honours the file's seed, serves the
    /// network bodies it recorded from the cache, and trades on a scratch ledger.
    public var replaysAFile: Bool { self != .interactive }
}

/// Where a script's lines come from (only for scripts: it decides trust and naming).
public enum ScriptSource: Sendable, Equatable {
    case file(String)
    /// `tape -c '...'`: typed by the user on the command line, so trusted.
    case commandLine
    /// Lines piped on stdin: as untrusted as a file.
    case standardInput
}

/// The paper ledger a session trades on.
public enum LedgerPolicy: Sendable, Equatable {
    /// The user's own ledger (the prompt's default, or `--ledger FILE`).
    case user(path: String)
    /// A scratch ledger that is removed when the session ends. It starts from the
    /// snapshot with this SHA-256 (kept in the cache beside network bodies) when the
    /// recorded session named one, else from an empty account; `copyOf` starts it as a
    /// copy of another ledger file (`set ledger` in an untrusted file).
    case scratch(snapshot: String?, copyOf: String?)

    public var isScratch: Bool { if case .scratch = self { return true }; return false }
}

/// Where network bodies come from.
public enum NetworkPolicy: Sendable, Equatable {
    /// Fetch, and keep every body in the content-addressed cache.
    case online
    /// Only the cache: `--check`, `--update` and notebooks never touch the network.
    case offline
}

/// What a session's commands may do beyond its workspace (docs/SESSIONS.md, "Trust").
/// Commands typed at the prompt are trusted; a file is not, unless the user says so
/// with `--trust`.
public struct TrustPolicy: Sendable, Equatable {
    public var trusted: Bool
    /// The folder an untrusted session may write under (besides `plots/`): the session
    /// file's own folder.
    public var root: String
    /// Environment variables an untrusted file may expand with `${NAME}`.
    public var allowedEnvironment: Set<String>

    public static func trusted(root: String = ".") -> TrustPolicy {
        TrustPolicy(trusted: true, root: root, allowedEnvironment: [])
    }

    public static func untrusted(root: String, allowedEnvironment: Set<String> = []) -> TrustPolicy {
        TrustPolicy(trusted: false, root: root, allowedEnvironment: allowedEnvironment)
    }
}

/// The session's clock: the wall clock while live; the recorded start time in a replay,
/// so anything stamped with "now" reads the same as when the session was recorded.
public struct SessionClock: Sendable {
    /// Seconds since 1970, UTC.
    public let now: @Sendable () -> Int64
    /// The time the session started (written to the header as `recorded:`).
    public let start: Int64

    public static func system() -> SessionClock {
        let t = Int64(Date().timeIntervalSince1970)
        return SessionClock(now: { Int64(Date().timeIntervalSince1970) }, start: t)
    }

    /// A clock that stands at `time`.
    public static func fixed(_ time: Int64) -> SessionClock {
        SessionClock(now: { time }, start: time)
    }

    /// `2026-11-23T01:50:00`, the header's form.
    public var startText: String { CivilTime.format(start, forceTime: true) }

    /// Reads the header's `recorded:` value back.
    public static func parse(_ text: String) -> Int64? { CivilTime.parse(Substring(text)) }
}

/// What the terminal can do, measured once by the entry point. Replays and scripts get
/// `.none`, so what they print never depends on the terminal they ran in.
public struct TerminalCapabilities: Sendable, Equatable {
    /// Both stdin and stdout are a terminal: line editing, prompts, questions.
    public var interactive: Bool
    /// Where progress lines may go (stderr is a terminal).
    public var progress: Bool
    /// Colours in text output.
    public var colour: Bool
    public var columns: Int
    public var rows: Int
    /// The terminal answered the sixel query (pictures in the terminal).
    public var sixel: Bool

    public init(interactive: Bool, progress: Bool, colour: Bool, columns: Int, rows: Int, sixel: Bool) {
        self.interactive = interactive
        self.progress = progress
        self.colour = colour
        self.columns = columns
        self.rows = rows
        self.sixel = sixel
    }

    /// No terminal: 100 columns by 30 rows, the size scripts and replays lay text out for.
    public static let none = TerminalCapabilities(interactive: false, progress: false, colour: false,
                                                  columns: Terminal.defaultSize.columns, rows: Terminal.defaultSize.rows,
                                                  sixel: false)

    /// The process's own terminal, measured now.
    public static func measure() -> TerminalCapabilities {
        let size = Terminal.size
        return TerminalCapabilities(interactive: Terminal.isInteractive, progress: isatty(2) == 1, colour: isatty(1) == 1,
                                    columns: size.columns, rows: size.rows, sixel: false)
    }
}
