import TapeCore

/// Everything a session has built up: datasets, bindings, settings, and per-area state
/// (the last backtest, the chart being grown, a loaded option chain...).
public final class Workspace {
    public private(set) var datasets: [String: Dataset] = [:]
    /// Names in load order, for listing.
    public private(set) var datasetOrder: [String] = []
    public var currentName: String?
    /// `let` bindings keep the expression, not its value: a binding is a formula that is
    /// evaluated against whichever dataset is current where it is used, so
    /// `let fast = sma(close, 20)` means the same thing for SPY and for QQQ.
    /// Keys are lowercased: names are case-insensitive.
    public var bindings: [String: Expr] = [:]
    /// Which rules indicators follow where TA-Lib and TradingView differ (`set convention`).
    public var convention: Convention = .talib
    public var settings: [String: String] = [:]
    private var areaState: [ObjectIdentifier: AnyObject] = [:]

    public init() {}

    public var current: Dataset? { currentName.flatMap { datasets[$0] } }

    public func add(_ d: Dataset, makeCurrent: Bool = true) {
        let key = d.name.uppercased()
        if datasets[key] == nil { datasetOrder.append(key) }
        datasets[key] = d
        if makeCurrent { currentName = key }
    }

    public func dataset(_ name: String) -> Dataset? { datasets[name.uppercased()] }

    public func remove(_ name: String) {
        let key = name.uppercased()
        datasets[key] = nil
        datasetOrder.removeAll { $0 == key }
        if currentName == key { currentName = datasetOrder.last }
    }

    /// State owned by one area of the shell, created on first use. Keyed by type so
    /// areas cannot collide.
    public func state<T: AnyObject>(_ make: () -> T) -> T {
        let key = ObjectIdentifier(T.self)
        if let s = areaState[key] as? T { return s }
        let s = make()
        areaState[key] = s
        return s
    }

    public func resetState() { areaState = [:] }

    // MARK: - Undoing a cancelled command

    /// Counts checkpoints: the command running now is the one of the latest, so an area
    /// can tell what this command changed from what earlier ones did.
    public private(set) var generation = 0

    /// The workspace as it was before a command, to put back when Ctrl-C cancels it.
    public struct Checkpoint {
        fileprivate let datasets: [String: Dataset], datasetOrder: [String], currentName: String?
        fileprivate let bindings: [String: Expr], convention: Convention, settings: [String: String]
        fileprivate let areaState: [ObjectIdentifier: AnyObject]
        fileprivate let restoreAreas: [() -> Void]
        fileprivate let generation: Int
    }

    /// Cheap: the collections are copied on write, and each area saves a few fields.
    public func checkpoint() -> Checkpoint {
        generation += 1
        let g = generation
        return Checkpoint(datasets: datasets, datasetOrder: datasetOrder, currentName: currentName, bindings: bindings,
                          convention: convention, settings: settings, areaState: areaState,
                          restoreAreas: areaState.values.compactMap { ($0 as? RestorableAreaState)?.savedState(generation: g) },
                          generation: g)
    }

    /// Puts everything back as it was at `checkpoint`: areas created since are dropped,
    /// areas that existed get their saved fields back.
    public func restore(_ checkpoint: Checkpoint) {
        datasets = checkpoint.datasets
        datasetOrder = checkpoint.datasetOrder
        currentName = checkpoint.currentName
        bindings = checkpoint.bindings
        convention = checkpoint.convention
        settings = checkpoint.settings
        for (key, area) in areaState where checkpoint.areaState[key] == nil {
            (area as? RestorableAreaState)?.undoCreation(generation: checkpoint.generation)
        }
        areaState = checkpoint.areaState
        for restore in checkpoint.restoreAreas { restore() }
    }
}

/// An area's state that a cancelled command must not leave half-changed (the last
/// backtest, the chart being grown, the loaded chain, the universes). `savedState`
/// captures the fields by value and returns the closure that writes them back.
/// Open handles (stores, HTTP clients) are not saved: they hold no result of a command.
/// The paper ledger is a file: its area puts the account back through the ledger.
/// `generation` is the checkpoint's (`Workspace.generation`): the cancelled command's.
protocol RestorableAreaState: AnyObject {
    func savedState(generation: Int) -> () -> Void
    /// Called, instead, on an area the cancelled command created: it is dropped, but
    /// what it changed outside the workspace (a ledger file) must be put back first.
    func undoCreation(generation: Int)
}

extension RestorableAreaState {
    func undoCreation(generation: Int) {}
}

