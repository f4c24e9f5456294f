import Foundation
import TapeData
import TapeModels

/// A saved model: the archive's bytes (ModelArchive) with their SHA-256 in front, as one
/// JSON object whose `model` member is those bytes verbatim:
///
///     {"sha256":"<64 hex>","model":{...}}
///
/// so a file (or a store entry) that was changed or damaged is refused before anything
/// in it is used. `.json`, so an untrusted session may write one where it may write.
enum ModelFile {
    static func wrap(_ payload: Data) -> (bytes: Data, hash: String) {
        let hash = SHA256.hex(payload)
        var out = Data("{\"sha256\":\"\(hash)\",\"model\":".utf8)
        out.append(payload)
        out.append(Data("}\n".utf8))
        return (out, hash)
    }

    /// The payload, after checking it against the hash in front of it.
    static func unwrap(_ bytes: Data, source: String) throws -> (payload: Data, hash: String) {
        let prefix = Array("{\"sha256\":\"".utf8), middle = Array("\",\"model\":".utf8)
        let b = [UInt8](bytes)
        let hexStart = prefix.count, hexEnd = hexStart + 64
        guard b.count > hexEnd + middle.count + 1, Array(b[0..<prefix.count]) == prefix,
              Array(b[hexEnd..<(hexEnd + middle.count)]) == middle else {
            throw ModelError.corrupt("\(source) is not a Tape model file")
        }
        let hash = String(decoding: b[hexStart..<hexEnd], as: UTF8.self).lowercased()
        var end = b.count
        while end > 0, b[end - 1] == UInt8(ascii: "\n") || b[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        guard end > hexEnd + middle.count, b[end - 1] == UInt8(ascii: "}") else {
            throw ModelError.corrupt("\(source) is not a Tape model file (it is cut short)")
        }
        let payload = Data(b[(hexEnd + middle.count)..<(end - 1)])
        guard SHA256.hex(payload) == hash else {
            throw ModelError.corrupt("\(source) fails its hash (sha256 \(hash.prefix(12))… expected): it was changed or damaged after it was saved")
        }
        return (payload, hash)
    }
}
