/// `chain`: an option chain read from a CSV file, and what it shows: implied vols by
/// strike (the smile) and by expiry (term structure, surface), put-call parity and the
/// quotes that cannot be trusted. Each subcommand is a declaration in a file of its own.
enum ChainCommand: Command {
    static let spec = CommandSpec(
        name: "chain",
        summary: "load an option chain and show implied vols, smiles, the ATM term structure and parity checks",
        details: """
        chain load "chain.csv" spot 100 rate 4% div 1%
        chain smile 2
        """,
        effect: .changesState,
        subcommands: [ChainLoad.spec, ChainSmile.spec, ChainSurface.spec, ChainTerm.spec, ChainParity.spec, ChainNotes.spec, ChainSave.spec])
}
