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
}

