import Foundation

/// Where an S3-compatible store is and how to sign for it, from the same environment
/// variables the AWS CLI reads.
public struct S3Config: Sendable {
    /// Scheme, host and port, e.g. `http://127.0.0.1:8333` or `https://s3.eu-west-1.amazonaws.com`.
    public var endpoint: String
    public var region: String
    public var accessKeyID: String
    public var secretAccessKey: String
    public var sessionToken: String?

    public init(endpoint: String, region: String, accessKeyID: String, secretAccessKey: String, sessionToken: String? = nil) {
        var e = endpoint
        while e.hasSuffix("/") { e.removeLast() }
        self.endpoint = e
        self.region = region
        self.accessKeyID = accessKeyID
        self.secretAccessKey = secretAccessKey
        self.sessionToken = sessionToken
    }

    /// AWS_ENDPOINT_URL_S3 (the service-specific override wins, as in the AWS SDKs), else
    /// AWS_ENDPOINT_URL, else AWS's own regional endpoint; region from AWS_REGION, else
    /// AWS_DEFAULT_REGION, else us-east-1; credentials AWS_ACCESS_KEY_ID,
    /// AWS_SECRET_ACCESS_KEY and optional AWS_SESSION_TOKEN.
    public static func fromEnvironment(_ env: [String: String] = ProcessInfo.processInfo.environment) throws -> S3Config {
        func v(_ k: String) -> String? { env[k].flatMap { $0.isEmpty ? nil : $0 } }
        let missing = ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"].filter { v($0) == nil }
        if !missing.isEmpty { throw S3Error.missingCredentials(missing) }
        let region = v("AWS_REGION") ?? v("AWS_DEFAULT_REGION") ?? "us-east-1"
        let endpoint = v("AWS_ENDPOINT_URL_S3") ?? v("AWS_ENDPOINT_URL") ?? "https://s3.\(region).amazonaws.com"
        guard let c = URLComponents(string: endpoint), let scheme = c.scheme, ["http", "https"].contains(scheme),
              let host = c.host, !host.isEmpty else { throw S3Error.badEndpoint(endpoint) }
        return S3Config(endpoint: endpoint, region: region, accessKeyID: v("AWS_ACCESS_KEY_ID") ?? "",
                        secretAccessKey: v("AWS_SECRET_ACCESS_KEY") ?? "", sessionToken: v("AWS_SESSION_TOKEN"))
    }

    /// `host[:port]` as the Host header and signature carry it.
    var hostHeader: String {
        let c = URLComponents(string: endpoint)
        let host = c?.host ?? ""
        return c?.port.map { "\(host):\($0)" } ?? host
    }

    /// Any path the endpoint itself carries (a store mounted under a prefix).
    var basePath: String {
        let p = URLComponents(string: endpoint)?.path ?? ""
        return p == "/" ? "" : p
    }

    var origin: String {
        guard let c = URLComponents(string: endpoint), let scheme = c.scheme else { return endpoint }
        return "\(scheme)://\(hostHeader)"
    }
}

public enum S3Error: Error, CustomStringConvertible, Equatable {
    case missingCredentials([String])
    case badEndpoint(String)
    case badURL(String)
    case badListing(String)

    public var description: String {
        switch self {
        case let .missingCredentials(names):
            return "S3 needs credentials: set " + names.joined(separator: " and ")
                + " (and AWS_ENDPOINT_URL for a self-hosted store)"
        case let .badEndpoint(e):
            return "AWS_ENDPOINT_URL \"\(URLRedaction.redact(e))\" is not an http(s) URL with a host"
        case let .badURL(u):
            return "\"\(u)\" is not an s3:// URL; write s3://BUCKET/KEY"
        case let .badListing(detail):
            return "the store sent an unreadable object listing: \(detail)"
        }
    }
}
