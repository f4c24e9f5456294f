import TapeCore
import TapeData

// What each area puts back when Ctrl-C cancels a command (see `Workspace.restore`).
// Kept beside the workspace rather than in each area's command file, so the fields a
// cancelled command may not leave half-changed are listed in one place.

extension BacktestState: RestorableAreaState {
    func savedState() -> () -> Void {
        let (result, statistics, optimization, walkForward) = (self.result, self.statistics, self.optimization, self.walkForward)
        return { [self] in
            (self.result, self.statistics, self.optimization, self.walkForward) = (result, statistics, optimization, walkForward)
        }
    }
}

extension ChartState: RestorableAreaState {
    func savedState() -> () -> Void {
        let (settings, writer, chart, datasetName) = (self.settings, self.writer, self.chart, self.datasetName)
        return { [self] in
            (self.settings, self.writer, self.chart, self.datasetName) = (settings, writer, chart, datasetName)
        }
    }
}

extension OptionsCommands.ChainState: RestorableAreaState {
    func savedState() -> () -> Void {
        let (chain, analysis, source, spot, underlying) = (self.chain, self.analysis, self.source, self.spot, self.underlying)
        return { [self] in
            (self.chain, self.analysis, self.source, self.spot, self.underlying) = (chain, analysis, source, spot, underlying)
        }
    }
}

extension DataSourcesState: RestorableAreaState {
    func savedState() -> () -> Void {
        let (storePath, universes, pins) = (self.storePath, self.universes, self.pins)
        return { [self] in
            (self.storePath, self.universes, self.pins) = (storePath, universes, pins)
        }
    }
}

extension PaperState: RestorableAreaState {
    /// The ledger as it was: when it was open, its account now; when the command opens
    /// it, the account at that moment (`openedCheckpoint`). Reading the account is one
    /// query, so this runs before every command once a paper command has run.
    func savedState() -> () -> Void {
        let alpaca = self.alpaca
        let before = try? open?.checkpoint()
        return { [self] in
            self.alpaca = alpaca
            guard let ledger = open, let target = before ?? openedCheckpoint else { return }
            _ = try? ledger.rollBack(to: target)
        }
    }

    func undoCreation() {
        guard let ledger = open, let target = openedCheckpoint else { return }
        _ = try? ledger.rollBack(to: target)
    }
}
