/// Masks the parts of a URL that can hold secrets before it is shown or stored: the
/// user-info part (`user:password@`) and the values of query parameters whose names
/// are credentials (API keys, tokens, presigned-URL signatures). Pagination cursors such
/// as `page_token` are kept: they are not secrets and tell pages apart in the cache.
public enum URLRedaction {
    static let secretNames: Set<String> = [
        "key", "apikey", "api_key", "api-key", "token", "access_token", "auth", "secret", "password",
        "sig", "signature", "x-amz-signature", "x-amz-credential", "x-amz-security-token",
        "apca_api_key_id", "apca_api_secret_key",
    ]

    /// Every URL in a line of text (`scheme://` up to a space, quote or bracket) redacted:
    /// what a person typed is stored this way in history, session files, error messages
    /// and notebooks, so a key pasted into a URL never reaches a file.
    public static func redactURLs(in text: String) -> String {
        guard text.contains("://") else { return text }
        var out = ""
        var rest = Substring(text)
        while let scheme = rest.range(of: "://") {
            // The scheme: letters, digits, + - . right before "://".
            var start = scheme.lowerBound
            while start > rest.startIndex {
                let c = rest[rest.index(before: start)]
                guard c.isLetter || c.isNumber || c == "+" || c == "-" || c == "." else { break }
                start = rest.index(before: start)
            }
            let end = rest[scheme.upperBound...].firstIndex { $0 == " " || $0 == "\"" || $0 == "'" || $0 == ")" || $0 == "\t" || $0 == "<" || $0 == ">" } ?? rest.endIndex
            out += rest[..<start]
            out += redact(String(rest[start..<end]))
            rest = rest[end...]
        }
        return out + rest
    }

    public static func redact(_ url: String) -> String {
        var s = Substring(url)
        var out = ""
        if let scheme = s.range(of: "://") {
            out += s[..<scheme.upperBound]
            s = s[scheme.upperBound...]
            let authorityEnd = s.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? s.endIndex
            if let at = s[..<authorityEnd].lastIndex(of: "@") {
                out += "***@"
                s = s[s.index(after: at)...]
            }
        }
        guard let q = s.firstIndex(of: "?") else { return out + s }
        out += s[...q]
        var rest = s[s.index(after: q)...]
        var fragment: Substring = ""
        if let h = rest.firstIndex(of: "#") { fragment = rest[h...]; rest = rest[..<h] }
        let parts = rest.split(separator: "&", omittingEmptySubsequences: false).map { p -> String in
            guard let eq = p.firstIndex(of: "=") else { return String(p) }
            let name = p[..<eq].lowercased()
            return secretNames.contains(name) ? String(p[...eq]) + "***" : String(p)
        }
        return out + parts.joined(separator: "&") + fragment
    }
}
