/// Where each area of the shell registers what it adds, one entry per line.
/// Commands declared one per file (`enum NAME: Command`) are registered by
/// Registry+Generated.swift instead; the lists below shrink as areas move there.
extension CommandTable {
    /// Every command of every area.
    public static func standard() -> CommandTable {
        var entries: [(area: String, spec: CommandSpec)] = []
        entries += generated
        return CommandTable(entries)
    }
}

extension Settings {
    /// Every setting of `set`.
    public static var all: [SettingSpec] {
        var list: [SettingSpec] = []
        list.append(seed)
        list.append(convention)
        list.append(digits)
        list.append(LedgerSetting.setting)
        list.append(plot)
        list.append(StoreSetting.setting)
        return list
    }
}

extension LoadSources {
    /// Every source `load NAME from SOURCE` can read.
    public static var all: [LoadSource] {
        var list: [LoadSource] = []
        list.append(file)
        list += NetworkSources.all
        return list
    }
}

/// Named results `export NAME to FILE` writes.
public enum Exporters {
    public static var all: [ExporterSpec] {
        var list: [ExporterSpec] = []
        list += BacktestExporters.all
        list.append(FeaturesCommand.exporter)
        return list
    }
}
