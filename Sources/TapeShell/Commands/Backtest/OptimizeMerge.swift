import Foundation
import TapeCore
import TapeData

/// `optimize merge FILE...`: joins the shard files of one search (`optimize ... shard
/// I/N`) into the result one machine would have printed: the same trials table, best
/// parameters, deflated Sharpe ratio over every trial of every shard, and heatmap. A
/// file of another search (other strategy, ranges, method, engine settings or data) is
/// refused with what differs; so are a missing or repeated shard.
enum OptimizeMerge {
    static let spec = CommandSpec(
        name: "merge",
        summary: "join the shard files of one search into its whole result",
        details: """
        optimize merge "s1.json" "s2.json" "s3.json" "s4.json"
        The result is the one a single machine computes: trials, best parameters, the
        deflated Sharpe ratio over every trial, and the heatmap of a two-parameter search.
        Backtest the best parameters afterwards to see its trades and equity.
        """,
        effect: .changesState,
        options: [.count("show", "trials shown, best first (default 10)", bounds: .from(1, to: 1_000))],
        arguments: [ArgumentSpec("FILE", .path, variadic: true, help: "shard files written by optimize ... shard I/N")],
        run: run)

    static func run(_ c: CommandContext) throws {
        guard !c.positionals.isEmpty else { throw TapeError("optimize merge needs the shard files", span: c.span, hint: "usage: \(c.spec.usage)") }
        var files: [(file: ShardFile, path: String, span: Span)] = []
        for (k, e) in c.positionals.enumerated() {
            guard case .word(let path)? = c.argument(k) else { throw TapeError("expected a file name in quotes", span: e.span) }
            let bytes = try LoadSources.readFile(path, span: e.span)
            let file: ShardFile
            do {
                file = try OptimizeShard.decoder.decode(ShardFile.self, from: Data(bytes))
            } catch {
                throw TapeError("\(path) is not a shard file of optimize ... shard I/N", span: e.span)
            }
            guard file.format == ShardFile.format else {
                throw TapeError("\(path) is a shard file of another Tape (\(file.format))", span: e.span, hint: "run every shard with the same Tape")
            }
            files.append((file, path, e.span))
        }
        let first = files[0]
        for f in files.dropFirst() where f.file.search != first.file.search {
            let differs = zip(first.file.about, f.file.about).first { $0 != $1 }
            throw TapeError("\(f.path) is a shard of another search than \(first.path)", span: f.span,
                            hint: differs.map { "they differ in: \($0.0.prefix(120)) / \($0.1.prefix(120))" } ?? "run every shard with the same command")
        }
        let merged: OptimizationResult
        do {
            merged = try Optimizer.merge(files.map { ($0.file.shard, $0.file.result) })
        } catch let e as Optimizer.MergeError {
            throw TapeError("\(e)", span: c.span, hint: "merge every shard 1..N of the search once")
        }
        c.workspace.state { BacktestState() }.optimization = merged
        let about = first.file
        _ = OptimizeCommand.report(c, merged, title: "\(about.dataset) \(about.strategy) (\(files.count) shards)", fixed: about.fixed)
        if let heatmap = HeatmapChart(merged) { try ChartCommands.show(.heatmap(heatmap), c) }
    }
}
