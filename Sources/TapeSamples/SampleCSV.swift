/// The CSV text of the real market data compiled into the `tape` binary, so `load SPY`
/// works with no files at hand, from a copied binary too.
///
/// Each sample is a plain file in `CSV/` (the source of truth; provenance and licences in
/// docs/DATA-SAMPLES.md) and a generated `Generated/SampleCSV+NAME.swift` holding it as
/// one raw string literal (scripts/embed-samples.py, `make samples`). Literals rather than
/// SwiftPM resources: a resource bundle has to sit beside the binary, so a copied `tape`
/// would lose its samples. A target of their own, so that TapeData's sources are its code
/// and 2.3 MB of text is compiled again only when a CSV file changes. Each literal holds its
/// file without the final newline. Parsing and the facts about each sample are TapeData's
/// `SampleData`.
public enum SampleCSV {}
