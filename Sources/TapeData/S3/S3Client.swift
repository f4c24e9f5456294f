import Foundation
import TapeCore

/// GET object and ListObjectsV2 on an S3-compatible store, signed with SigV4.
///
/// Path-style addressing (`endpoint/bucket/key`) throughout: self-hosted stores
/// (SeaweedFS, MinIO, Ceph) expect it and AWS still serves it, whereas virtual-host
/// style needs wildcard DNS a local store rarely has.
public struct S3Client {
    public let http: HTTPClient
    public let config: S3Config
    /// The signing clock; injected so a test can sign at a fixed instant.
    public var now: () -> Date = { Date() }

    public init(http: HTTPClient, config: S3Config) {
        self.http = http
        self.config = config
    }

    /// One object listed: key, size in bytes, last-modified text as the store sent it.
    public struct Object: Equatable, Sendable {
        public var key: String
        public var size: Int64
        public var lastModified: String
    }

    public struct Listing: Equatable, Sendable {
        public var objects: [Object] = []
        /// "Folders" under the prefix when listing with a delimiter.
        public var prefixes: [String] = []
    }

    /// Splits `s3://bucket/key/with/slashes` into bucket and key (key may be empty).
    public static func parse(url: String) throws -> (bucket: String, key: String) {
        guard url.hasPrefix("s3://") else { throw S3Error.badURL(url) }
        let rest = url.dropFirst(5)
        let bucket = rest.prefix { $0 != "/" }
        // Bucket names: 3-63 of letters, digits, '-', '.', '_' (AWS allows fewer; stores allow these).
        guard (1...63).contains(bucket.count),
              bucket.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-._".contains($0)) })
        else { throw S3Error.badURL(url) }
        return (String(bucket), String(rest.dropFirst(bucket.count + 1)))
    }

    /// Listing pages followed at most (a million keys at S3's 1000 per page).
    public static let maxListPages = 1000

    /// The object's bytes. `validate` checks them before a caching client keeps them.
    public func get(bucket: String, key: String, progress: HTTPProgress? = nil,
                    validate: (@Sendable (Data) throws -> Void)? = nil) throws -> Data {
        var r = request(path: "/\(bucket)/\(key)", query: [])
        r.validate = validate
        return try http.get(r, progress: progress).body
    }

    /// Every object under `prefix` (following continuation tokens); with a delimiter
    /// (usually "/") deeper keys are rolled up into `prefixes`, like a folder listing.
    public func list(bucket: String, prefix: String, delimiter: String? = nil) throws -> Listing {
        var all = Listing()
        var token: String?
        var pages = 0
        repeat {
            var query = [("list-type", "2"), ("prefix", prefix)]
            if let d = delimiter { query.append(("delimiter", d)) }
            if let t = token { query.append(("continuation-token", t)) }
            var r = request(path: "/\(bucket)", query: query)
            r.validate = { body in _ = try S3ListParser.parse(body) }
            let page = try S3ListParser.parse(try http.get(r, progress: nil).body)
            all.objects += page.listing.objects
            all.prefixes += page.listing.prefixes
            token = page.next
            pages += 1
            if token != nil, pages >= Self.maxListPages {
                throw S3Error.badListing("more than \(Self.maxListPages) pages; the store keeps returning a token")
            }
        } while token != nil
        return all
    }

    /// A signed GET: path and query are raw; both are encoded exactly as signed.
    func request(path: String, query: [(String, String)]) -> HTTPRequest {
        let fullPath = config.basePath + path
        let date = SigV4.amzDate(now())
        var headers: [(String, String)] = [("host", config.hostHeader), ("x-amz-content-sha256", SigV4.emptyPayloadHash),
                                           ("x-amz-date", date)]
        if let token = config.sessionToken { headers.append(("x-amz-security-token", token)) }
        let signer = SigV4(accessKeyID: config.accessKeyID, secretAccessKey: config.secretAccessKey,
                           region: config.region, service: "s3")
        let auth = signer.authorization(method: "GET", path: fullPath, query: query, headers: headers,
                                        payloadHash: SigV4.emptyPayloadHash)
        let encodedPath = fullPath.split(separator: "/", omittingEmptySubsequences: false)
            .map { SigV4.uriEncode(String($0)) }.joined(separator: "/")
        let q = query.map { SigV4.uriEncode($0.0) + "=" + SigV4.uriEncode($0.1) }.joined(separator: "&")
        return HTTPRequest(url: config.origin + encodedPath + (q.isEmpty ? "" : "?" + q),
                           headers: headers.map { (name: $0.0, value: $0.1) } + [(name: "Authorization", value: auth)],
                           credentialHint: "check AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN, AWS_REGION)")
    }
}
