import TapeCore

/// The headline sets of a session (`load news NAME from FILE`), by lower-case name.
final class NewsState {
    struct NewsSet {
        let name: String
        let source: String
        let headlines: [Headline]

        /// The headlines about `symbol`, or all of them when none names it (a file about
        /// one company need not repeat its symbol to match the dataset's name).
        func about(_ symbol: String) -> [Headline] {
            let mine = headlines.filter { $0.symbol.caseInsensitiveCompare(symbol) == .orderedSame }
            return mine.isEmpty ? headlines : mine
        }
    }

    var sets: [String: NewsSet] = [:]

    static func of(_ w: Workspace) -> NewsState { w.state { NewsState() } }

    /// The set `name`, or an error at `span` listing the loaded ones.
    func named(_ name: String, span: Span) throws -> NewsSet {
        guard let s = sets[name.lowercased()] else {
            throw TapeError("no news named '\(name)'", span: span,
                            hint: Suggest.hint(name, in: sets.values.map(\.name)) ?? "load it first: load news \(name) from \"headlines.csv\"")
        }
        return s
    }
}
