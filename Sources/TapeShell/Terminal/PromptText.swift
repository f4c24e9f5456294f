/// Prepares a prompt for libedit. libedit counts every byte of the prompt as a column
/// unless it is enclosed in a pair of marker characters (EL_PROMPT_ESC), so a coloured
/// prompt would make it place the cursor and wrap long lines wrongly. This wraps each
/// ANSI escape sequence in such a pair, so callers may pass any prompt.
enum PromptText {
    /// SOH (0x01), the marker bash and readline use for the same purpose; it cannot
    /// appear in a printable prompt.
    static let invisibleMark: UInt8 = 0x01

    /// `prompt` with every CSI sequence (ESC [ parameters final-byte, ECMA-48 5.4) and
    /// every other two-byte ESC sequence enclosed in `invisibleMark`s. Stray markers in
    /// the input are dropped, so they cannot unbalance the pairs.
    static func markingEscapes(_ prompt: String) -> String {
        let bytes = Array(prompt.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 8)
        var i = 0
        while i < bytes.count {
            let byte = bytes[i]
            if byte == invisibleMark {
                i += 1
                continue
            }
            guard byte == 0x1B else {
                out.append(byte)
                i += 1
                continue
            }
            var end = i + 1
            if end < bytes.count, bytes[end] == UInt8(ascii: "[") {
                end += 1
                // Parameter and intermediate bytes are 0x20...0x3F; the final byte ends it.
                while end < bytes.count, (0x20...0x3F).contains(bytes[end]) { end += 1 }
                if end < bytes.count, (0x40...0x7E).contains(bytes[end]) { end += 1 }
            } else if end < bytes.count {
                end += 1
            }
            out.append(invisibleMark)
            out.append(contentsOf: bytes[i..<end])
            out.append(invisibleMark)
            i = end
        }
        return String(decoding: out, as: UTF8.self)
    }
}
