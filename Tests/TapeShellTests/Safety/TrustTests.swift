import Foundation
import XCTest
@testable import TapeData
@testable import TapeShell

/// The rules of docs/SESSIONS.md, "Trust", one by one: where an untrusted session may
/// write, what it may expand, and which store and ledger it gets.
final class TrustTests: XCTestCase {
    var dir = ""
    override func setUpWithError() throws {
        dir = realPath(NSTemporaryDirectory() + "tape-trust-" + UUID().uuidString)
        for d in ["root", "root/sub", "outside"] {
            try FileManager.default.createDirectory(atPath: dir + "/" + d, withIntermediateDirectories: true)
        }
        try FileManager.default.createSymbolicLink(atPath: dir + "/root/link", withDestinationPath: dir + "/outside")
        try FileManager.default.createSymbolicLink(atPath: dir + "/root/file.csv", withDestinationPath: dir + "/outside/t.csv")
    }
    override func tearDown() { try? FileManager.default.removeItem(atPath: dir) }

    func realPath(_ p: String) -> String {
        try? FileManager.default.createDirectory(atPath: p, withIntermediateDirectories: true)
        return Session.realPath(p) ?? p
    }

    func session(trusted: Bool, allowed: Set<String> = []) -> Session {
        Session(mode: .script, seed: 1, clock: .fixed(0), terminal: .none, ledger: .scratch(snapshot: nil, copyOf: nil),
                network: .offline, trust: trusted ? .trusted(root: dir + "/root") : .untrusted(root: dir + "/root", allowedEnvironment: allowed))
    }

    func refusal(_ path: String) -> String? {
        do { _ = try session(trusted: false).writablePath(path, span: Span(3, 9)); return nil } catch {
            return (error as? TapeError)?.message ?? "\(error)"
        }
    }

    func testAnUntrustedSessionWritesOnlyUnderItsFolder() throws {
        let s = session(trusted: false)
        XCTAssertEqual(try s.writablePath(dir + "/root/out.csv", span: nil), dir + "/root/out.csv")
        XCTAssertEqual(try s.writablePath(dir + "/root/sub/../sub/n.md", span: nil), dir + "/root/sub/n.md")
        XCTAssertEqual(refusal(dir + "/root/../outside/x.csv"),
                       "this session file may not write \(dir)/root/../outside/x.csv: an absolute path outside the session's folder")
        XCTAssertEqual(refusal(dir + "/root/link/x.csv"),
                       "this session file may not write \(dir)/root/link/x.csv: an absolute path outside the session's folder")
        XCTAssertEqual(refusal(dir + "/root/file.csv"), "this session file may not write \(dir)/root/file.csv: it is a symbolic link")
        XCTAssertEqual(refusal(dir + "/root/.bashrc"), "this session file may not write \(dir)/root/.bashrc: a hidden file or folder")
        XCTAssertEqual(refusal(dir + "/root/run.sh"),
                       "this session file may not write \(dir)/root/run.sh: a .sh file (allowed: csv, html, json, md, png, svg, tsv, txt)")
        XCTAssertEqual(refusal(dir + "/root/x.tape")?.contains("a .tape file"), true)
        XCTAssertEqual(refusal(dir + "/root/nowhere/x.csv"), "this session file may not write \(dir)/root/nowhere/x.csv: its folder does not exist")
        XCTAssertEqual(refusal("a\nb.csv"), "a file name cannot hold control characters (a line break, a tab, an escape)")
        do {
            _ = try s.writablePath("../../x.csv", span: Span(7, 20))
            XCTFail("a relative path out of the folder was allowed")
        } catch let e as TapeError {
            XCTAssertEqual(e.span, Span(7, 20))
            XCTAssertTrue(e.message.hasSuffix("'..' leads out of the session's folder"), e.message)
            XCTAssertEqual(e.hint?.hasSuffix("or run a file you wrote with tape --trust"), true)
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir + "/outside/x.csv"))
    }

    func testATrustedSessionWritesWhereTheUserSays() throws {
        let s = session(trusted: true)
        XCTAssertEqual(try s.writablePath(dir + "/outside/x.sh", span: nil), dir + "/outside/x.sh")
        XCTAssertEqual(try s.writablePath("../x.csv", span: nil), "../x.csv")
    }

    func testExportThroughASymlinkIsRefusedAtThePath() throws {
        let shell = Shell(output: CapturedOutput(), session: session(trusted: false))
        let out = shell.output as! CapturedOutput
        XCTAssertEqual(shell.run(line: "load SPY 2020-08-24..2020-08-28; export close to \"\(dir)/root/link/x.csv\""), .failed)
        let lines = out.take().drop { !$0.hasPrefix("error:") }
        XCTAssertEqual(lines.first?.hasPrefix("error: this session file may not write \(dir)/root/link/x.csv: an absolute path outside the session's folder — "), true)
        XCTAssertEqual(lines.last?.trimmingCharacters(in: .whitespaces).allSatisfy { $0 == "^" }, true)
        XCTAssertEqual(lines.last?.filter { $0 == "^" }.count, dir.count + 18)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir + "/outside"), [])
        XCTAssertEqual(shell.run(line: "export close to \"\(dir)/root/ok.csv\""), .ok)
        XCTAssertEqual(try String(contentsOfFile: dir + "/root/ok.csv", encoding: .utf8).split(separator: "\n").count, 6)
    }

    func testAColumnNameCannotForgeALine() throws {
        let shell = Shell(output: CapturedOutput(), session: session(trusted: false))
        XCTAssertEqual(shell.run(line: "load SPY 2020-08-24..2020-08-28; export close as \"a\\nrm -rf ~\\\",x\" to \"\(dir)/root/c.csv\""), .ok)
        let text = try String(contentsOfFile: dir + "/root/c.csv", encoding: .utf8)
        XCTAssertTrue(text.hasPrefix("date,\"a\nrm -rf ~\"\",x\"\n2020-08-24,"), text)
    }

    func testEnvironmentOnlyWhereAllowed() throws {
        setenv("TAPE_TRUST_TEST", "v4lue", 1)
        defer { unsetenv("TAPE_TRUST_TEST") }
        XCTAssertThrowsError(try session(trusted: false).environmentValue("TAPE_TRUST_TEST", span: nil)) {
            XCTAssertEqual("\($0)", "this session file may not read the environment variable TAPE_TRUST_TEST"
                           + " — allow it with tape --allow-env TAPE_TRUST_TEST FILE, or run a file you wrote with tape --trust")
        }
        XCTAssertEqual(try session(trusted: false, allowed: ["TAPE_TRUST_TEST"]).environmentValue("TAPE_TRUST_TEST", span: nil), "v4lue")
        XCTAssertEqual(try session(trusted: true).environmentValue("TAPE_TRUST_TEST", span: nil), "v4lue")
        // In a URL: refused before any request, and the value is in no message.
        let out = CapturedOutput()
        let s = session(trusted: false)
        s.network = .online
        let shell = Shell(output: out, session: s)
        XCTAssertEqual(shell.run(line: "load X from \"http://127.0.0.1:9/${TAPE_TRUST_TEST}.csv\""), .failed)
        XCTAssertEqual(out.take().first?.hasPrefix("error: this session file may not read the environment variable TAPE_TRUST_TEST — "), true)
    }

    func testSetStoreInAnUntrustedFileUsesACopy() throws {
        let real = dir + "/outside/store.db"
        let seed = Shell(output: CapturedOutput())
        XCTAssertEqual(seed.run(line: "set store \"\(real)\"; load SPY 2020-08-24..2020-08-26; save"), .ok)
        let before = try Data(contentsOf: URL(fileURLWithPath: real))
        let out = CapturedOutput()
        let shell = Shell(output: out, session: session(trusted: false))
        XCTAssertEqual(shell.run(line: "set store \"\(real)\"; load SPY 2020-08-24..2020-08-28; save SPY replace; symbols"), .ok)
        let lines = out.take()
        XCTAssertEqual(lines.last, "SPY        5  2020-08-24..2020-08-28  embedded sample (SPDR S&P 500 ETF, daily)", "\(lines)")
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: real)), before)
        XCTAssertEqual(try Store(path: real).load("SPY").count, 3)
    }

    func testAnotherProgramsDatabaseIsRefusedUnchanged() throws {
        let foreign = dir + "/outside/notes.db"
        let sqlite = Process()
        sqlite.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        sqlite.arguments = ["sqlite3", foreign, "CREATE TABLE notes(body TEXT); INSERT INTO notes VALUES('mine');"]
        try sqlite.run()
        sqlite.waitUntilExit()
        guard sqlite.terminationStatus == 0 else { throw XCTSkip("the sqlite3 shell is not installed") }
        let before = try Data(contentsOf: URL(fileURLWithPath: foreign))
        XCTAssertThrowsError(try Store(path: foreign)) {
            XCTAssertEqual("\($0)", "cannot open the store at \(foreign): it is another program's SQLite database (tables: notes), not Tape's")
        }
        XCTAssertThrowsError(try Ledger(path: foreign)) {
            XCTAssertEqual("\($0)", "ledger \(foreign): it is another program's SQLite database (tables: notes), not Tape's")
        }
        let text = dir + "/outside/bashrc"
        try Data("export PATH=$PATH\n".utf8).write(to: URL(fileURLWithPath: text))
        XCTAssertThrowsError(try Store(path: text)) { XCTAssertTrue("\($0)".hasSuffix("it is not a SQLite database"), "\($0)") }
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: foreign)), before)
        XCTAssertEqual(try String(contentsOfFile: text, encoding: .utf8), "export PATH=$PATH\n")
        XCTAssertFalse(FileManager.default.fileExists(atPath: foreign + "-wal"))
        // An empty file is a new store.
        _ = FileManager.default.createFile(atPath: dir + "/outside/new.db", contents: Data())
        XCTAssertNoThrow(try Store(path: dir + "/outside/new.db"))
    }
}
