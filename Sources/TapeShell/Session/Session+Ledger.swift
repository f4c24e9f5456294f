import Foundation
import TapeCore
import TapeData

/// The paper ledger a session trades on, opened by its `LedgerPolicy`.
///
/// - The user's ledger (the prompt, `--ledger FILE`): opened in place. A recorded
///   session snapshots it when it first opens it, keeps the bytes in the cache under
///   their SHA-256 and names the hash in its header (`ledger: sha256:HEX`), so a replay
///   can start from the same account.
/// - A scratch ledger (every replay of a file): a new file in a folder removed with the
///   session, started from the snapshot the file names, from a copy of a ledger an
///   untrusted file chose with `set ledger`, or empty.
extension Session {
    public func openLedger(cache: () throws -> Store) throws -> Ledger {
        if let (policy, opened) = openedLedger, policy == self.ledger { return opened }
        let ledger: Ledger
        switch self.ledger {
        case .user(let path):
            Paths.ensureDirectory((path as NSString).deletingLastPathComponent)
            ledger = try Ledger(path: path, pricer: BlackScholesPricer.pricer)
            if let recorder {
                let bytes = try ledger.snapshot()
                let hash = try cache().cachePut(url: "tape:ledger-snapshot", body: bytes, fetchedAt: clock.now())
                recorder.addHeader(Session.ledgerHeader(file: chosenLedgerFile ?? "", hash: hash))
            }
        case .scratch(let snapshot, let copyOf):
            let path = try scratchFolder("ledger").appendingPathComponent("paper.sqlite").path
            if let snapshot {
                guard let bytes = try cache().cacheBody(hash: snapshot) else {
                    throw TapeError("this session started from a paper ledger (sha256 \(snapshot.prefix(12))…) that is not in this machine's cache",
                                    hint: "replay it where it was recorded, or delete its `# ledger:` header line to start from an empty account")
                }
                ledger = try Ledger.restore(bytes, to: path, pricer: BlackScholesPricer.pricer)
            } else if let copyOf, FileManager.default.fileExists(atPath: copyOf) {
                // The bytes are copied, never opened in place: opening runs migrations and
                // switches the journal mode, which would change the user's file.
                for suffix in ["", "-wal"] where FileManager.default.fileExists(atPath: copyOf + suffix) {
                    try FileManager.default.copyItem(atPath: copyOf + suffix, toPath: path + suffix)
                }
                do {
                    ledger = try Ledger(path: path, pricer: BlackScholesPricer.pricer)
                } catch {
                    throw TapeError("\(error)".replacingOccurrences(of: path, with: copyOf))
                }
            } else {
                ledger = try Ledger(path: path, pricer: BlackScholesPricer.pricer)
            }
        }
        openedLedger = (self.ledger, ledger)
        return ledger
    }

    /// `set ledger "FILE"`: a trusted session trades on FILE itself; an untrusted one on a
    /// scratch copy (or, replaying a recording, on the snapshot the recording kept).
    public func chooseLedger(_ file: String) {
        chosenLedgerFile = file
        if trust.trusted && (mode == .interactive || mode == .script) {
            ledger = .user(path: file)
        } else if let hash = ledgerSnapshots[file] {
            ledger = .scratch(snapshot: hash, copyOf: nil)
        } else {
            ledger = .scratch(snapshot: nil, copyOf: file)
        }
        openedLedger = nil
    }
}
