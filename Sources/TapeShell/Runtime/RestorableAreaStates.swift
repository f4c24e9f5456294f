import TapeCore
import TapeData

// What each area puts back when Ctrl-C cancels a command (see `Workspace.restore`).
// Kept beside the workspace rather than in each area's command file, so the fields a
// cancelled command may not leave half-changed are listed in one place.

extension BacktestState: RestorableAreaState {
    func savedState(generation: Int) -> () -> Void {
        let (result, statistics, optimization, walkForward) = (self.result, self.statistics, self.optimization, self.walkForward)
        return { [self] in
            (self.result, self.statistics, self.optimization, self.walkForward) = (result, statistics, optimization, walkForward)
        }
    }
}

extension ChartState: RestorableAreaState {
    func savedState(generation: Int) -> () -> Void {
        let (settings, chart, datasetName) = (self.settings, self.chart, self.datasetName)
        return { [self] in
            (self.settings, self.chart, self.datasetName) = (settings, chart, datasetName)
        }
    }
}

extension ChainState: RestorableAreaState {
    func savedState(generation: Int) -> () -> Void {
        let (chain, analysis, source, spot, underlying) = (self.chain, self.analysis, self.source, self.spot, self.underlying)
        return { [self] in
            (self.chain, self.analysis, self.source, self.spot, self.underlying) = (chain, analysis, source, spot, underlying)
        }
    }
}

extension DataSourcesState: RestorableAreaState {
    func savedState(generation: Int) -> () -> Void {
        let (storePath, universes) = (self.storePath, self.universes)
        return { [self] in
            (self.storePath, self.universes) = (storePath, universes)
        }
    }
}

/// A ledger a command traded on, and its account before that command first used it.
struct UsedLedger {
    let ledger: Ledger
    let before: Ledger.Checkpoint
    let generation: Int
}

extension PaperState: RestorableAreaState {
    /// Called each time a command gets its ledger: the first time in a command, the
    /// account is read (one query) as that command's undo point.
    func remember(_ ledger: Ledger, in workspace: Workspace) {
        let key = ObjectIdentifier(ledger)
        guard usedLedgers[key]?.generation != workspace.generation, let before = try? ledger.checkpoint() else { return }
        usedLedgers[key] = UsedLedger(ledger: ledger, before: before, generation: workspace.generation)
    }

    func savedState(generation: Int) -> () -> Void {
        let choice = brokerChoice
        return { [self] in
            brokerChoice = choice
            undoCreation(generation: generation)
        }
    }

    /// Takes back what the cancelled command traded, ledger by ledger. A rollback that
    /// fails (the file went away) leaves that ledger as the command left it.
    func undoCreation(generation: Int) {
        for used in usedLedgers.values where used.generation == generation {
            _ = try? used.ledger.rollBack(to: used.before)
        }
    }
}

extension Session {
    /// What a command may change of the session itself: the seed (and with it the chain
    /// that names charts) and which paper ledger it trades on.
    struct UndoPoint {
        fileprivate let seed: UInt64, chain: [UInt8]
        fileprivate let ledger: LedgerPolicy, chosenLedgerFile: String?
        fileprivate let openedLedger: (policy: LedgerPolicy, ledger: Ledger)?
    }

    func undoPoint() -> UndoPoint {
        UndoPoint(seed: seed, chain: charts.chainState, ledger: ledger, chosenLedgerFile: chosenLedgerFile, openedLedger: openedLedger)
    }

    func restore(_ p: UndoPoint) {
        seed = p.seed   // reseeds the chain, which is then put back as it was
        charts.restore(chain: p.chain)
        (ledger, chosenLedgerFile, openedLedger) = (p.ledger, p.chosenLedgerFile, p.openedLedger)
    }
}
