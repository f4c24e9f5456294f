import Foundation
import TapeCore

/// AWS Signature Version 4 for a request without a body
/// (docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html).
///
/// Our own signer rather than libcurl's CURLOPT_AWS_SIGV4: curl 7.88 (Debian 12) does not
/// canonicalise query strings, so ListObjectsV2 (`?list-type=2&prefix=...`) is rejected
/// with SignatureDoesNotMatch by stores that check. Verified against AWS's published
/// SigV4 test suite and the S3 documentation's worked examples.
public struct SigV4 {
    public var accessKeyID: String
    public var secretAccessKey: String
    public var region: String
    public var service: String

    public init(accessKeyID: String, secretAccessKey: String, region: String, service: String) {
        self.accessKeyID = accessKeyID
        self.secretAccessKey = secretAccessKey
        self.region = region
        self.service = service
    }

    /// SHA-256 of an empty payload, the `x-amz-content-sha256` of every GET.
    public static let emptyPayloadHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

    /// The `Authorization` header value. `headers` must include `host` and `x-amz-date`
    /// (`YYYYMMDDTHHMMSSZ`); every header given is signed. `path` and `query` are raw
    /// (not yet percent-encoded).
    public func authorization(method: String, path: String, query: [(String, String)], headers: [(String, String)],
                              payloadHash: String) -> String {
        let (creq, signed) = SigV4.canonicalRequest(method: method, path: path, query: query, headers: headers,
                                                    payloadHash: payloadHash)
        let amzDate = headers.first { $0.0.lowercased() == "x-amz-date" }?.1 ?? ""
        let day = String(amzDate.prefix(8))
        let scope = "\(day)/\(region)/\(service)/aws4_request"
        let toSign = "AWS4-HMAC-SHA256\n\(amzDate)\n\(scope)\n" + SHA256.hex(Array(creq.utf8))
        var key = HMACSHA256.mac(key: Array(("AWS4" + secretAccessKey).utf8), message: Array(day.utf8))
        for part in [region, service, "aws4_request"] { key = HMACSHA256.mac(key: key, message: Array(part.utf8)) }
        let signature = HMACSHA256.mac(key: key, message: Array(toSign.utf8)).hexString
        return "AWS4-HMAC-SHA256 Credential=\(accessKeyID)/\(scope), SignedHeaders=\(signed), Signature=\(signature)"
    }

    /// The canonical request and the signed-headers list.
    static func canonicalRequest(method: String, path: String, query: [(String, String)], headers: [(String, String)],
                                 payloadHash: String) -> (String, String) {
        let uri = path.isEmpty ? "/" : path.split(separator: "/", omittingEmptySubsequences: false)
            .map { uriEncode(String($0)) }.joined(separator: "/")
        let encoded: [(String, String)] = query.map { (uriEncode($0.0), uriEncode($0.1)) }
        let sorted = encoded.sorted { (a: (String, String), b: (String, String)) -> Bool in
            a.0 != b.0 ? a.0 < b.0 : a.1 < b.1
        }
        let q = sorted.map { $0.0 + "=" + $0.1 }.joined(separator: "&")
        // Same-named headers join with commas; values are trimmed and inner runs of
        // spaces collapse to one.
        var merged: [String: [String]] = [:]
        for (name, value) in headers {
            let v = value.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
            merged[name.lowercased(), default: []].append(v)
        }
        let names = merged.keys.sorted()
        let canonicalHeaders = names.map { "\($0):\(merged[$0]?.joined(separator: ",") ?? "")\n" }.joined()
        let signed = names.joined(separator: ";")
        return ([method, uri, q, canonicalHeaders, signed, payloadHash].joined(separator: "\n"), signed)
    }

    /// RFC 3986 percent-encoding of everything but the unreserved characters, as SigV4
    /// requires (upper-case hex; space is %20, never '+').
    public static func uriEncode(_ s: String) -> String {
        var out = ""
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                 UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(b))
            default:
                out += String(format: "%%%02X", b)
            }
        }
        return out
    }

    /// `YYYYMMDDTHHMMSSZ` in UTC.
    public static func amzDate(_ date: Date) -> String {
        let t = Int64(date.timeIntervalSince1970.rounded(.down))
        let day = t >= 0 ? t / 86_400 : (t - 86_399) / 86_400
        let s = t - day * 86_400
        let (y, m, d) = CivilTime.civil(days: day)
        return String(format: "%04d%02d%02dT%02d%02d%02dZ", y, m, d, Int(s / 3600), Int(s / 60 % 60), Int(s % 60))
    }
}
