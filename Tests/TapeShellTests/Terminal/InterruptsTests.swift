import Foundation
import Synchronization
import XCTest
@testable import TapeShell

final class InterruptsTests: XCTestCase {
    override func setUp() {
        Interrupts.installPromptHandler()
        Interrupts.endCommand()
    }

    override func tearDown() {
        Interrupts.endCommand()
    }

    /// The prompt needs a blocking read to fail with EINTR, which SA_RESTART would prevent.
    func testHandlerIsInstalledWithoutRestart() {
        var current = sigaction()
        XCTAssertEqual(sigaction(SIGINT, nil, &current), 0)
        XCTAssertEqual(current.sa_flags & Int32(SA_RESTART), 0)
        #if canImport(Glibc)
        let handler = unsafeBitCast(current.__sigaction_handler.sa_handler, to: Int.self)
        #else
        let handler = unsafeBitCast(current.__sigaction_u.__sa_handler, to: Int.self)
        #endif
        XCTAssertNotEqual(handler, unsafeBitCast(SIG_DFL, to: Int.self))
        XCTAssertNotEqual(handler, unsafeBitCast(SIG_IGN, to: Int.self))
    }

    func testSIGINTDuringACommandOnlySetsTheFlag() {
        Interrupts.beginCommand()
        XCTAssertFalse(Interrupts.cancelRequested)
        XCTAssertEqual(raise(SIGINT), 0)
        XCTAssertTrue(Interrupts.cancelRequested, "the process is still here and sees the request")
        Interrupts.endCommand()
        XCTAssertFalse(Interrupts.cancelRequested, "the next command starts clean")
    }

    func testBeginCommandForgetsACtrlCFromThePrompt() {
        XCTAssertEqual(raise(SIGINT), 0)
        Interrupts.beginCommand()
        XCTAssertFalse(Interrupts.cancelRequested)
    }

    /// A SIGINT while PlainLineReader blocks in read(2) gives `.interrupt`, not `.eof`, and
    /// lines already read are still delivered afterwards. The signal is re-sent until the
    /// read returns, so the test does not depend on when the read starts; if it never
    /// returns, the writer closes the pipe after 5 s and the test fails on `.eof`.
    func testInterruptedReadIsNotEndOfInput() {
        let pipe = Pipe()
        pipe.fileHandleForWriting.write(Data("first\npartial".utf8))
        let reader = PlainLineReader(fileHandle: pipe.fileHandleForReading)
        XCTAssertEqual(reader.read(prompt: ""), .line("first"))

        let target = pthread_self()
        let stop = StopFlag()
        let writer = pipe.fileHandleForWriting
        let sender = Thread {
            var attempts = 0
            while !stop.isSet && attempts < 100 {
                pthread_kill(target, SIGINT)
                usleep(50_000)
                attempts += 1
            }
            if attempts >= 100 { try? writer.close() }
        }
        sender.start()
        let result = reader.read(prompt: "")
        stop.set()
        XCTAssertEqual(result, .interrupt)
        XCTAssertFalse(Interrupts.cancelRequested, "the reader consumed the Ctrl-C")

        pipe.fileHandleForWriting.write(Data(" line\n".utf8))
        try? pipe.fileHandleForWriting.close()
        XCTAssertEqual(reader.read(prompt: ""), .line("partial line"))
        XCTAssertEqual(reader.read(prompt: ""), .eof)
    }
}

/// A flag shared with the signalling thread.
private final class StopFlag: Sendable {
    private let value = Atomic(false)

    var isSet: Bool { value.load(ordering: .acquiring) }
    func set() { value.store(true, ordering: .releasing) }
}
