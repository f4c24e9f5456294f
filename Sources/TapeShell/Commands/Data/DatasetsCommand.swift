import TapeCore
import TapeData

/// `datasets`: the loaded datasets, the current one marked.
enum DatasetsCommand: Command {
    static let spec = CommandSpec(
        name: "datasets", summary: "list the loaded datasets (* marks the current one)", effect: .query,
        arguments: [], run: run)

    static func run(_ c: CommandContext) throws {
        guard !c.workspace.datasetOrder.isEmpty else {
            c.print("no datasets loaded (embedded samples: \(SampleData.names.joined(separator: ", ")))")
            return
        }
        var t = TextTable(["", "name", "bars", "range", "source"])
        for key in c.workspace.datasetOrder {
            guard let d = c.workspace.datasets[key] else { continue }
            t.add([key == c.workspace.currentName ? "*" : "", d.name, String(d.bars.count), d.range, d.source])
        }
        c.print(table: t)
    }
}
