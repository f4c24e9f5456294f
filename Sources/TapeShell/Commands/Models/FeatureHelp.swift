import TapeCore
import TapeModels

/// `help feature NAME` (one feature) and `help feature` (the catalogue by family).
enum FeatureHelp {
    static func lines(_ name: String?, span: Span?, width: Int) throws -> [String] {
        guard let name else {
            var out = ["\(FeatureCatalogue.all.count) features; `help feature NAME` explains one, `features SYMBOL set FAMILY` builds a family:"]
            for family in FeatureFamily.allCases {
                let names = FeatureCatalogue.all.filter { $0.family == family }.map(\.name)
                out += HelpText.wrap("\(family.rawValue) (\(names.count)): " + names.joined(separator: ", "), width: width, indent: "  ", rest: "    ")
            }
            out += HelpText.wrap("leaky (\(LeakyFeatures.all.count), look ahead on purpose): " + LeakyFeatures.all.map(\.name).joined(separator: ", "),
                                 width: width, indent: "  ", rest: "    ")
            return out
        }
        guard let f = FeatureCatalogue.named(name) ?? LeakyFeatures.all.first(where: { $0.name == name.lowercased() }) else {
            throw TapeError("no feature named '\(name)'", span: span,
                            hint: Suggest.hint(name, in: FeatureCatalogue.names + LeakyFeatures.all.map(\.name)) ?? "list them: help feature")
        }
        let leaky = LeakyFeatures.all.contains { $0.name == f.name }
        var out = ["feature \(f.name) (\(leaky ? "leaky set" : f.family.rawValue))"]
        out += HelpText.wrap(f.summary, width: width, indent: "  ")
        out += HelpText.wrap("formula: " + f.formula, width: width, indent: "  ", rest: "    ")
        out.append("  first value at bar \(f.warmup) (the bars before it are warm-up, NaN)")
        out.append(leaky ? "  LOOKS AHEAD: its value at a bar uses later bars (docs/MODELS.md)"
                         : "  uses its bar and earlier bars only (tested: Tests/TapeModelsTests/FeatureCatalogueTests)")
        return out
    }
}
