import Foundation
import TapeCore
import TapeData

/// `broker [sim|alpaca]`: where this session's paper orders go (docs/PAPER.md, "Alpaca").
///
/// Who may choose what:
/// - a file that is not trusted (`tape FILE`, piped input, `replay`, `--check`,
///   notebooks) may not choose Alpaca at all: it trades on the simulator and a scratch
///   ledger;
/// - Alpaca's paper endpoint: the prompt, `tape -c`, and files run with `--trust`;
/// - any other endpoint trades real money: only a command typed at the prompt, and only
///   with `TAPE_ALLOW_LIVE_TRADING=1` in the environment Tape was started with, which no
///   session file can set.
enum BrokerCommand: Command {
    static let liveSwitch = AlpacaPaperClient.Config.liveTradingSwitch

    static let spec = CommandSpec(
        name: "broker", usage: "broker [sim|alpaca]",
        summary: "choose where paper orders go: the simulated broker (default) or Alpaca's paper account",
        details: """
        broker            show the current broker
        broker sim        the simulated broker and its SQLite ledger (default)
        broker alpaca     Alpaca's paper API: needs APCA_API_KEY_ID and APCA_API_SECRET_KEY
                          (APCA_API_BASE_URL defaults to https://paper-api.alpaca.markets);
                          refused in files that are not trusted. Another base URL trades real
                          money: only at the prompt, with TAPE_ALLOW_LIVE_TRADING=1 set.
        """,
        effect: .changesState,
        arguments: [ArgumentSpec("BROKER", .choice(["sim", "alpaca"]), optional: true, help: "where paper orders go")],
        run: run)

    static func run(_ c: CommandContext) throws {
        let state = PaperState.of(c)
        guard case .word(let choice)? = c.argument(0) else {
            if let a = state.alpaca(c) {
                c.print("broker: alpaca " + (a.client.config.isPaperEndpoint ? "" : "LIVE ") + "(\(URLRedaction.redact(a.client.config.baseURL)))")
            } else {
                c.print("broker: sim (ledger \(state.ledgerLabel(c)))")
            }
            return
        }
        let span = c.positionals.first?.span ?? c.span
        guard choice == "alpaca" else {
            state.choose(nil, c)
            return c.print("broker: sim")
        }
        if !c.session.trust.trusted {
            throw TapeError("broker alpaca is not available when running a session file: files never send orders",
                            span: span, hint: "type it at the prompt, or run a file you trust with tape --trust FILE")
        }
        // Checking a file or rendering its notebook reproduces what it printed; it never
        // sends an order, trusted or not.
        if c.session.mode == .check || c.session.mode == .notebook {
            throw TapeError("broker alpaca is not available in --check or a notebook: they only replay", span: span,
                            hint: "run the file itself with tape --trust FILE to send its orders")
        }
        let config = try PaperState.call(c, at: span) { try AlpacaPaperClient.Config.fromEnvironment() }
        let shown = URLRedaction.redact(config.baseURL)
        if !config.isPaperEndpoint {
            try allowLive(c, span: span, shown: shown)
        }
        state.choose(AlpacaPaperBroker(AlpacaPaperClient(http: CurlPaperHTTP(), config: config)), c)
        c.print(config.isPaperEndpoint ? "broker: alpaca (\(shown))" : "broker: alpaca LIVE (\(shown)): orders trade real money")
    }

    /// A base URL other than the paper endpoint trades real money: allowed only for a
    /// command typed at the prompt, with the switch set in the process's environment.
    static func allowLive(_ c: CommandContext, span: Span, shown: String) throws {
        let switched = ProcessInfo.processInfo.environment[liveSwitch] == "1"
        guard c.session.mode == .interactive, switched else {
            throw TapeError("APCA_API_BASE_URL is \(shown), not Alpaca's paper endpoint: orders there trade real money",
                            span: span,
                            hint: c.session.mode != .interactive
                                ? "live trading is only for commands typed at the prompt; for paper trading unset APCA_API_BASE_URL"
                                : "to trade real money start tape with \(liveSwitch)=1; for paper trading unset APCA_API_BASE_URL")
        }
    }
}
