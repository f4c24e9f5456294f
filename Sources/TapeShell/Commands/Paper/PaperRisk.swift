import TapeCore

/// `paper risk [RULE [VALUE]]`: the simulator's pre-trade risk rules (docs/PAPER.md).
enum PaperRisk {
    static let spec = PaperSettingRows.spec(
        "risk", summary: "show or set a risk rule checked before every order",
        details: "paper risk                          every rule, its value and meaning\npaper risk max_order_notional 5000\npaper risk daily_loss_limit_pct none   switch a limit off",
        PaperSettingRows.Table(noun: "rule", keys: RiskConfig.keys, read: { $0.risk.value($1) },
                               write: { try $0.setRisk($1, $2) }, reason: "Alpaca applies its own risk checks"))
}
