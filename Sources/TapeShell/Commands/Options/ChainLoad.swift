import Foundation
import TapeCore

/// `chain load "file.csv" spot S rate R [div Q]`: reads the quotes and computes every
/// row's implied vol, the smiles and the parity checks once, for the other subcommands.
enum ChainLoad {
    static let spec = CommandSpec(
        name: "load",
        usage: "chain load \"file.csv\" spot S rate R [div Q]",
        summary: "read an option chain from a CSV file and compute its implied vols",
        details: """
        columns (any order): quote_date, underlying, expiration, type, strike, bid, ask;
        IV from the mid price, t = calendar days / 365, European exercise assumed.
        """,
        effect: .changesState,
        options: [
            .money("spot", "price of the underlying when the quotes were taken", bounds: .positive, required: true, placeholder: "S"),
            .rate("rate", "risk-free rate, continuously compounded", bounds: .from(-1, to: 1), required: true, placeholder: "R"),
            .rate("div", "dividend yield, continuously compounded", bounds: .from(-1, to: 1), placeholder: "Q"),
        ],
        arguments: [ArgumentSpec("FILE", .path, help: "the chain's CSV file")],
        run: run)

    static func run(_ c: CommandContext) throws {
        guard case .word(let file)? = c.argument(0) else {
            throw TapeError("chain load needs a file path in quotes", span: c.span, hint: "usage: \(c.spec.usage)")
        }
        let fileSpan = c.positionals.first?.span ?? c.span
        let spot = try c.required("spot"), rate = try c.required("rate")
        let bytes = try LoadSources.readFile(file, span: fileSpan)
        guard let text = String(bytes: bytes, encoding: .utf8) else {
            throw TapeError("\(file) is not UTF-8 text", span: fileSpan)
        }
        c.shell.noteSourceFile(path: file, bytes: bytes)
        let state = c.workspace.state { ChainState() }
        let chain: OptionChain, analysis: ChainAnalysis
        do {
            chain = try OptionChain.parse(csv: text, source: file)
            analysis = try chain.analyze(spot: spot, rate: rate, dividendYield: c.value("div") ?? 0)
        } catch let e as OptionError {
            throw TapeError(e.description, span: fileSpan)
        } catch let e as CSVError {
            throw TapeError(e.description, span: fileSpan)
        }
        state.chain = chain
        state.analysis = analysis
        state.source = file
        state.spot = spot
        state.rate = rate
        state.dividendYield = c.value("div") ?? 0
        state.underlying = chain.quotes.first?.underlying ?? ""
        let withIV = analysis.rows.filter { !$0.iv.isNaN }.count
        c.print("\(chain.quotes.count) quotes, \(analysis.smiles.count) expiries, \(withIV) with an implied vol"
                + (chain.rejected.isEmpty ? "" : ", \(chain.rejected.count) rows skipped (first: line \(chain.rejected[0].line): \(chain.rejected[0].reason))"))
    }
}
