import TapeCore

/// `paper risk [RULE [VALUE]]`: the pre-trade rules and circuit breakers every broker's
/// orders meet (docs/RISK.md): kept in the session's ledger, checked by the simulator
/// itself and by the front Tape puts before Alpaca.
enum PaperRisk {
    static let spec = PaperSettingRows.spec(
        "risk", summary: "show or set a risk rule checked before every order",
        details: "paper risk                          every rule, its value and meaning\npaper risk max_order_notional 5000\npaper risk daily_loss_limit_pct none   switch a limit off\npaper risk restricted_symbols GME,AMC  underlyings that may only be reduced\nThe same rules judge orders to the simulator and to Alpaca (docs/RISK.md).",
        PaperSettingRows.Table(noun: "rule", keys: RiskConfig.keys, read: { $0.risk.value($1) },
                               write: { try $0.setRisk($1, $2) }, reason: ""))
}
