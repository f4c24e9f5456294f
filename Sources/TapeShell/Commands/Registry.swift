/// Where each area of the shell registers what it adds: one line per entry, so that
/// areas developed in parallel merge without conflicts (.gitattributes: merge=union).
extension CommandTable {
    /// Every command of every area.
    public static func standard() -> CommandTable {
        var specs: [CommandSpec] = []
        specs += CoreCommands.all
        specs += DataCommands.all
        specs += SessionCommands.all
        specs += OptionsCommands.all
        specs += BacktestCommands.all
        specs += ChartCommands.all
        specs += StoreCommands.all
        specs += PaperCommands.all
        specs += LessonCommands.all
        specs += ScanCommands.all
        return CommandTable(specs)
    }
}

extension Settings {
    /// Every setting of `set`.
    public static var all: [SettingSpec] {
        var list: [SettingSpec] = []
        list.append(seed)
        list.append(convention)
        list.append(ChartCommands.setting)
        list.append(StoreCommands.storeSetting)
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
        list += BacktestCommands.exporters
        return list
    }
}
