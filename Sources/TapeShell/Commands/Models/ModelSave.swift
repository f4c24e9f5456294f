import Foundation
import TapeCore
import TapeData
import TapeModels

/// `model save NAME [to "FILE"]`: into the store (the content-addressed cache, under
/// `tape:model/NAME`, never evicted) or a file. The model's hash, printed and written to
/// the session header, is the SHA-256 of those bytes; inside them the payload carries its
/// own, which `model load` checks (ModelFile).
enum ModelSave {
    static let spec = CommandSpec(
        name: "save",
        summary: "keep a model in the store, or in a file, with its SHA-256",
        details: """
        model save m                  into the store; model load m brings it back
        model save m to "m.json"      a file (JSON: the model's bytes with their hash)
        A recorded session names the model's hash in its header (`# model: m sha256:...`),
        so replaying it loads exactly those bytes.
        """,
        effect: .changesState,
        options: [.path("to", "a file instead of the store")],
        arguments: [ArgumentSpec("NAME", .word, help: "a fitted model")],
        run: { c in
            guard case .word(let name)? = c.argument(0) else { throw TapeError("model save needs a model", span: c.span) }
            let state = ModelsState.of(c)
            let m = try state.model(name, span: c.positionals.first?.span)
            let payload = try c.modelCall(c.span) { try ModelArchive.encode(m) }
            let bytes = ModelFile.wrap(payload).bytes
            let hash = SHA256.hex(bytes)
            if let path = c.text("to") {
                try DataCommands.write(String(decoding: bytes, as: UTF8.self), to: path, span: c.optionSpan("to") ?? c.span, c)
                c.print("saved model \(m.name) to \(path): sha256 \(hash.prefix(12))…, \(bytes.count) bytes")
            } else {
                let store = try c.dataCall(c.span) { try c.dataSources.barStore(c) }
                _ = try c.dataCall(c.span) { try store.cachePut(url: ModelStore.key(m.name), body: bytes, fetchedAt: c.session.clock.now()) }
                c.print("saved model \(m.name) to the store: sha256 \(hash.prefix(12))…, \(bytes.count) bytes")
            }
            state.hashes[name.uppercased()] = hash
            c.session.recorder?.addHeader(ModelStore.header(name: m.name, hash: hash))
        })
}

/// `model load NAME [from "FILE"]`: back from the store or a file; a model whose bytes
/// fail their hash is refused.
enum ModelLoad {
    static let spec = CommandSpec(
        name: "load",
        summary: "bring a saved model back from the store or a file, refusing one that fails its hash",
        details: """
        model load m                  the latest model saved as m in the store
        model load m from "m.json"
        A replayed session loads the bytes its header names (`# model: m sha256:...`).
        """,
        effect: .changesState,
        options: [.path("from", "a file instead of the store")],
        arguments: [ArgumentSpec("NAME", .word, help: "the model's name")],
        run: { c in
            guard case .word(let name)? = c.argument(0) else { throw TapeError("model load needs a name", span: c.span) }
            let bytes: Data, source: String
            if let path = c.text("from") {
                let raw = try LoadSources.readFile(path, span: c.optionSpan("from"))
                c.shell.noteSourceFile(path: path, bytes: raw)
                bytes = Data(raw)
                source = path
            } else {
                bytes = try ModelStore.bytes(name, c)
                source = "the store's model \(name)"
            }
            let payload = try c.modelCall(c.optionSpan("from") ?? c.span, hint: "save the model again, or refit it") {
                try ModelFile.unwrap(bytes, source: source).payload
            }
            let hash = SHA256.hex(bytes)
            var m = try c.modelCall(c.span) { try ModelArchive.decode(payload) }
            m.name = name
            let state = ModelsState.of(c)
            state.models[name.uppercased()] = m
            state.validations[name.uppercased()] = nil
            state.hashes[name.uppercased()] = hash
            c.session.recorder?.addHeader(ModelStore.header(name: name, hash: hash))
            c.print("loaded model \(name): \(m.config.kind.rawValue) on \(m.features.count) features, label \(m.label.description), sha256 \(hash.prefix(12))…")
        })
}

/// Where models live in the store, and the session header line that pins one.
enum ModelStore {
    static func key(_ name: String) -> String { "tape:model/" + name.lowercased() }

    static func header(name: String, hash: String) -> String { "model: \(name.lowercased()) sha256:\(hash)" }

    /// Reads `model: NAME sha256:HEX` back.
    static func parseHeader(_ value: String) -> (name: String, hash: String)? {
        let parts = value.split(separator: " ")
        guard parts.count == 2, parts[1].hasPrefix("sha256:") else { return nil }
        let hex = String(parts[1].dropFirst(7)).lowercased()
        guard hex.count == 64, hex.allSatisfy(\.isHexDigit) else { return nil }
        return (String(parts[0]).lowercased(), hex)
    }

    /// The stored bytes: those the replayed file's header pins, else the latest saved.
    static func bytes(_ name: String, _ c: CommandContext) throws -> Data {
        let store = try c.dataCall(c.span) { try c.dataSources.barStore(c) }
        if let pinned = c.session.modelPins[name.lowercased()] {
            // A replay's own saves go to its scratch store; the recording's are in the user's.
            for s in [store, try c.dataCall(c.span) { try c.dataSources.cacheStore() }] {
                if let body = try c.dataCall(c.span, { try s.cacheBody(hash: pinned) }) { return body }
            }
            throw TapeError("this session loads model \(name) with sha256 \(pinned.prefix(12))…, which is not in this machine's store", span: c.span,
                            hint: "replay it where it was recorded, or save the model there first")
        }
        guard let latest = try c.dataCall(c.span, { try store.cacheLatest(url: key(name)) }) else {
            throw TapeError("no model named '\(name)' in the store", span: c.positionals.first?.span ?? c.span, hint: "save one first: model save \(name)")
        }
        return latest.body
    }
}
