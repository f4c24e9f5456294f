import TapeCore

/// `paper config [SETTING [VALUE]]`: the simulator's costs, slippage and option model.
enum PaperConfig {
    static let spec = PaperSettingRows.spec(
        "config", summary: "show or set the simulator's costs, slippage, volume cap and option model",
        details: "paper config                        every setting, its value and meaning\npaper config commission_rate 0.1%\npaper config slippage_bp 1",
        PaperSettingRows.Table(noun: "setting", keys: BrokerConfig.keys, read: { $0.config.value($1) },
                               write: { try $0.setConfig($1, $2) }, reason: "Alpaca charges its own costs"))
}
