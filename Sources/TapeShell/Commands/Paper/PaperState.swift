import TapeCore
import TapeData

/// Which broker the `paper` subcommands reach: the simulator on the session's ledger
/// (its `LedgerPolicy` says which file; see `Session.openLedger`), or Alpaca after
/// `broker alpaca`.
///
/// The choice belongs to the session that made it. The workspace is shared with a
/// `replay` run inside that session, but the replay is a session of its own, so it
/// trades on the simulator and its scratch ledger even while the prompt's orders go to
/// Alpaca.
final class PaperState {
    private var alpaca: AlpacaPaperBroker?
    private weak var alpacaSession: Session?
    /// Each ledger a command traded on, with its account before that command first used
    /// it, so a command Ctrl-C cancels can be taken back (see RestorableAreaStates.swift).
    var usedLedgers: [ObjectIdentifier: UsedLedger] = [:]

    static func of(_ c: CommandContext) -> PaperState { c.workspace.state { PaperState() } }

    /// Alpaca, when this session chose it.
    func alpaca(_ c: CommandContext) -> AlpacaPaperBroker? {
        alpacaSession === c.session ? alpaca : nil
    }

    /// `broker alpaca` (a broker) or `broker sim` (nil), for this session only.
    func choose(_ broker: AlpacaPaperBroker?, _ c: CommandContext) {
        if broker == nil && alpacaSession !== c.session { return }
        alpaca = broker
        alpacaSession = broker == nil ? nil : c.session
    }

    /// The broker this session trades with. Alpaca is put behind the pre-trade checks
    /// (`GuardedBroker`): the rules of `paper risk` judge its orders before they leave
    /// Tape, with the session's ledger as the journal of its refusals and halts.
    /// `livePrice` prices symbols from a live stream before the loaded data's closes.
    func broker(_ c: CommandContext, livePrice: (@Sendable (String) -> Double?)? = nil) throws -> any PaperBroker {
        let market = Self.market(c)
        if let a = alpaca(c) {
            let journal = try ledger(c)
            let config = try PaperState.call(c) { try journal.broker().config }
            let closes = Self.lastCloses(c)
            return GuardedBroker(a, journal: journal, market: market, pricer: BlackScholesPricer.pricer,
                                 optionVolatility: config.optionVolatility, optionRate: config.optionRate,
                                 lastPrices: { livePrice?($0.uppercased()) ?? closes[$0.uppercased()] }, now: c.session.clock.now)
        }
        return LedgerBroker(try ledger(c), market: market)
    }

    /// Recent returns of the loaded datasets, for the correlation limit.
    static func market(_ c: CommandContext) -> PreTradeMarket {
        PreTradeMarket.series(c.workspace.datasetOrder.compactMap { c.workspace.dataset($0)?.bars })
    }

    /// Each loaded dataset's last close: the price of a symbol Alpaca holds none of.
    static func lastCloses(_ c: CommandContext) -> [String: Double] {
        var out: [String: Double] = [:]
        for name in c.workspace.datasetOrder {
            guard let b = c.workspace.dataset(name)?.bars, let last = b.close.last(where: { $0.isFinite && $0 > 0 }) else { continue }
            out[b.symbol.uppercased()] = last
        }
        return out
    }

    /// The simulator's ledger, for what only the simulator has (its clock, risk rules,
    /// costs, reset and check); under Alpaca, a one-line error saying why not.
    func simulated(_ c: CommandContext, because reason: String) throws -> Ledger {
        if alpaca(c) != nil {
            throw TapeError("\(c.spec.fullName) works on the simulated broker only: \(reason)", span: c.span,
                            hint: "switch with: broker sim")
        }
        return try ledger(c)
    }

    func ledger(_ c: CommandContext) throws -> Ledger {
        do {
            let ledger = try c.session.openLedger(cache: { try c.dataSources.cacheStore() })
            remember(ledger, in: c.workspace)
            return ledger
        } catch let e as TapeError {
            throw TapeError(e.message, span: e.span ?? c.span, hint: e.hint)
        } catch {
            throw TapeError("\(error)", span: c.span, hint: "give another file with: tape --ledger FILE")
        }
    }

    func ledgerLabel(_ c: CommandContext) -> String {
        switch c.session.ledger {
        case .user(let path): return path
        case .scratch(let snapshot?, _): return "scratch, from the recorded start sha256:\(snapshot.prefix(12))…"
        case .scratch(nil, let copy?): return "scratch copy of \(copy)"
        case .scratch: return "scratch"
        }
    }

    /// Runs a broker call; its errors (a rule's rejection, a ledger or Alpaca failure, an
    /// unknown order) become one-line errors pointing at `span`, else at the command.
    static func call<T>(_ c: CommandContext, at span: Span? = nil, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let e as TapeError {
            throw e
        } catch {
            throw TapeError("\(error)", span: span ?? c.span)
        }
    }
}

extension PaperState {
    /// The broker choice, put back when Ctrl-C cancels the command that changed it
    /// (see RestorableAreaStates.swift).
    var brokerChoice: (broker: AlpacaPaperBroker?, session: Session?) {
        get { (alpaca, alpacaSession) }
        set { (alpaca, alpacaSession) = newValue }
    }
}
