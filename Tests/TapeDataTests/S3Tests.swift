import Foundation
import TapeTestSupport
import XCTest
@testable import TapeData

/// Runs Tests/Servers/s3_server.py: a real SeaweedFS S3 gateway on loopback ports that
/// verifies SigV4 signatures against its own credentials.
/// A real SeaweedFS S3 gateway (from PyPI, checking signatures) behind s3_server.py.
final class S3Server: Sendable {
    let server: LoopbackServer
    let work: TempDir
    var port: Int { server.port }

    init(files: [String]) throws {
        let weed = Repository.path(".build/venv-s3/bin/weed")
        guard FileManager.default.isExecutableFile(atPath: weed) else {
            throw XCTSkip("SeaweedFS is not installed: run Tests/Servers/setup-s3.sh (make unit does)")
        }
        work = try TempDir()
        server = try LoopbackServer(script: "s3_server.py", arguments: [weed, work.path, S3Tests.accessKey, S3Tests.secretKey, "tape-test"] + files,
                                    skipIfMissing: false)
    }

    func stop() {
        server.stop()
        work.remove()
    }
}

final class S3Tests: XCTestCase {
    static let accessKey = "TAPETESTACCESSKEY"
    static let secretKey = "tape-test-secret-KEY/xyz"
    static let fixtures = Repository.fixtures("universe").path + "/"

    /// The server and a folder with an awkward file name, started at the first test's
    /// request and stopped when the class is done.
    static let started = Result { () throws -> (server: S3Server, spaced: TempDir) in
        let dir = try TempDir()
        try FileManager.default.copyItem(atPath: fixtures + "ADBE.csv", toPath: dir.path + "/A B+C.csv")
        return (try S3Server(files: [fixtures + "AAPL.csv", fixtures + "ADBE.csv", dir.path + "/A B+C.csv"]), dir)
    }
    static var server: S3Server? { try? started.get().server }

    override class func tearDown() {
        if case .success(let s) = started { s.server.stop(); s.spaced.remove() }
    }

    func client(access: String = S3Tests.accessKey, secret: String = S3Tests.secretKey) throws -> S3Client {
        if case .failure(let e) = S3Tests.started { throw e }
        guard let port = S3Tests.server?.port else { throw XCTSkip("no S3 server") }
        let config = try S3Config.fromEnvironment(["AWS_ENDPOINT_URL": "http://127.0.0.1:\(port)",
                                                   "AWS_ACCESS_KEY_ID": access, "AWS_SECRET_ACCESS_KEY": secret])
        let token = CancellationToken()
        return S3Client(http: RetryingHTTPClient(base: CurlHTTPClient(cancellation: token), cancellation: token,
                                                 sleep: { _ in }), config: config)
    }

    func size(_ name: String) throws -> Int64 {
        (try FileManager.default.attributesOfItem(atPath: S3Tests.fixtures + name)[.size] as? NSNumber)?.int64Value ?? -1
    }

    func testListAndGetWithRightCredentials() throws {
        let c = try client()
        let listing = try c.list(bucket: "tape-test", prefix: "universe/")
        XCTAssertEqual(listing.objects.map(\.key), ["universe/A B+C.csv", "universe/AAPL.csv", "universe/ADBE.csv"])
        XCTAssertEqual(listing.objects.map(\.size), [try size("ADBE.csv"), try size("AAPL.csv"), try size("ADBE.csv")])
        XCTAssertEqual(try c.list(bucket: "tape-test", prefix: "", delimiter: "/").prefixes, ["universe/"])
        XCTAssertEqual(try c.list(bucket: "tape-test", prefix: "universe/AA").objects.map(\.key), ["universe/AAPL.csv"])
        let body = try c.get(bucket: "tape-test", key: "universe/AAPL.csv")
        XCTAssertEqual(body, try Data(contentsOf: URL(fileURLWithPath: S3Tests.fixtures + "AAPL.csv")))
        XCTAssertEqual(try c.get(bucket: "tape-test", key: "universe/A B+C.csv"),
                       try Data(contentsOf: URL(fileURLWithPath: S3Tests.fixtures + "ADBE.csv")))
    }

    func testWrongSecretIsRejectedClearlyWithoutLeakingIt() throws {
        let c = try client(secret: "not-the-secret-123")
        XCTAssertThrowsError(try c.get(bucket: "tape-test", key: "universe/AAPL.csv")) { e in
            let text = "\(e)"
            XCTAssertEqual(text, "HTTP 403 SignatureDoesNotMatch from http://127.0.0.1:\(S3Tests.server?.port ?? 0)/tape-test/universe/AAPL.csv: "
                + "the secret key does not match the access key (or the clock is off by minutes); "
                + "check AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN, AWS_REGION)")
            XCTAssertFalse(text.contains("not-the-secret-123") || text.contains(S3Tests.secretKey), text)
        }
        XCTAssertThrowsError(try c.list(bucket: "tape-test", prefix: "universe/")) {
            XCTAssertTrue("\($0)".hasPrefix("HTTP 403 SignatureDoesNotMatch"), "\($0)")
        }
        XCTAssertThrowsError(try client(access: "UNKNOWNKEY").get(bucket: "tape-test", key: "universe/AAPL.csv")) {
            XCTAssertTrue("\($0)".hasPrefix("HTTP 403 InvalidAccessKeyId from "), "\($0)")
        }
    }

    func testUniverseFromABucketPrefix() throws {
        let u = try Universe.load(s3: try client(), url: "s3://tape-test/universe")
        XCTAssertEqual(u.name, "universe")
        XCTAssertEqual(u.members.map(\.symbol), ["A B+C", "AAPL", "ADBE"])
        XCTAssertEqual(u.members.map(\.count), [1259, 1259, 1259])
        XCTAssertTrue(u.failures.isEmpty)
    }

    func testMissingObjectIs404() throws {
        // Outside the assertion, so a missing SeaweedFS skips the test instead of failing it.
        let s3 = try client()
        XCTAssertThrowsError(try s3.get(bucket: "tape-test", key: "universe/NOPE.csv")) {
            XCTAssertTrue("\($0)".hasPrefix("HTTP 404 Not Found: "), "\($0)")
        }
    }
}

/// Environment, URL and XML handling that needs no server.
final class S3ConfigTests: XCTestCase {
    func testEnvironmentPrecedenceAndMissingCredentials() throws {
        let base = ["AWS_ACCESS_KEY_ID": "a", "AWS_SECRET_ACCESS_KEY": "b"]
        XCTAssertEqual(try S3Config.fromEnvironment(base).endpoint, "https://s3.us-east-1.amazonaws.com")
        var env = base
        env["AWS_DEFAULT_REGION"] = "eu-west-1"
        XCTAssertEqual(try S3Config.fromEnvironment(env).endpoint, "https://s3.eu-west-1.amazonaws.com")
        env["AWS_REGION"] = "eu-central-1"
        env["AWS_ENDPOINT_URL"] = "http://localhost:9000/"
        let c = try S3Config.fromEnvironment(env)
        XCTAssertEqual(c.region, "eu-central-1")
        XCTAssertEqual(c.endpoint, "http://localhost:9000")
        XCTAssertEqual(c.hostHeader, "localhost:9000")
        env["AWS_ENDPOINT_URL_S3"] = "https://minio.example.test"
        XCTAssertEqual(try S3Config.fromEnvironment(env).endpoint, "https://minio.example.test")
        XCTAssertThrowsError(try S3Config.fromEnvironment(["AWS_ACCESS_KEY_ID": "a"])) {
            XCTAssertEqual("\($0)", "S3 needs credentials: set AWS_SECRET_ACCESS_KEY (and AWS_ENDPOINT_URL for a self-hosted store)")
        }
        env["AWS_ENDPOINT_URL_S3"] = "ftp://x"
        XCTAssertThrowsError(try S3Config.fromEnvironment(env)) { XCTAssertEqual($0 as? S3Error, .badEndpoint("ftp://x")) }
    }

    func testS3URLs() throws {
        XCTAssertTrue(try S3Client.parse(url: "s3://bucket/a/b.csv") == ("bucket", "a/b.csv"))
        XCTAssertTrue(try S3Client.parse(url: "s3://bucket") == ("bucket", ""))
        XCTAssertThrowsError(try S3Client.parse(url: "https://x/y"))
        XCTAssertThrowsError(try S3Client.parse(url: "s3:///key"))
    }

    func testSessionTokenIsSentAndSigned() throws {
        let config = S3Config(endpoint: "http://127.0.0.1:1", region: "us-east-1", accessKeyID: "AK", secretAccessKey: "SK",
                              sessionToken: "TOKEN")
        let r = S3Client(http: CannedHTTPClient([:]), config: config).request(path: "/b/k", query: [("prefix", "a b")])
        XCTAssertEqual(r.url, "http://127.0.0.1:1/b/k?prefix=a%20b")
        XCTAssertTrue(r.headers.contains { $0.name == "x-amz-security-token" && $0.value == "TOKEN" })
        let auth = r.headers.first { $0.name == "Authorization" }?.value ?? ""
        XCTAssertTrue(auth.contains("SignedHeaders=host;x-amz-content-sha256;x-amz-date;x-amz-security-token"), auth)
    }

    /// The ListObjectsV2 response example in the S3 API reference, trimmed to two objects.
    func testParsesListObjectsV2Answer() throws {
        let xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
              <Name>bucket</Name><Prefix/><KeyCount>2</KeyCount><MaxKeys>1000</MaxKeys><IsTruncated>true</IsTruncated>
              <NextContinuationToken>1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wm36Hy4vbOwM=</NextContinuationToken>
              <Contents><Key>my-image.jpg</Key><LastModified>2009-10-12T17:50:30.000Z</LastModified>
                <ETag>"fba9dede5f27731c9771645a39863328"</ETag><Size>434234</Size><StorageClass>STANDARD</StorageClass></Contents>
              <Contents><Key>my-third-image.jpg</Key><LastModified>2009-10-12T17:50:30.000Z</LastModified>
                <ETag>"1b2cf535f27731c974343645a3985328"</ETag><Size>64994</Size><StorageClass>STANDARD</StorageClass></Contents>
              <CommonPrefixes><Prefix>photos/</Prefix></CommonPrefixes>
            </ListBucketResult>
            """
        let (listing, next) = try S3ListParser.parse(Data(xml.utf8))
        XCTAssertEqual(listing.objects, [.init(key: "my-image.jpg", size: 434_234, lastModified: "2009-10-12T17:50:30.000Z"),
                                         .init(key: "my-third-image.jpg", size: 64_994, lastModified: "2009-10-12T17:50:30.000Z")])
        XCTAssertEqual(listing.prefixes, ["photos/"])
        XCTAssertEqual(next, "1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wm36Hy4vbOwM=")
        XCTAssertThrowsError(try S3ListParser.parse(Data("<Error><Code>x</Code></Error>".utf8)))
    }
}
