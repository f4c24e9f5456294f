import Foundation
import XCTest
@testable import TapeData

/// AWS's SigV4 test suite (docs.aws.amazon.com/general/latest/gr/signature-v4-test-suite.html,
/// as carried in aws-sdk-js-v3 packages/signature-v4/src/suite.fixture.ts): credentials
/// AKIDEXAMPLE, region us-east-1, service "service", 2015-08-30T12:36:00Z, empty payload.
final class SigV4Tests: XCTestCase {
    let signer = SigV4(accessKeyID: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
                       region: "us-east-1", service: "service")
    let host = ("host", "example.amazonaws.com")
    let date = ("x-amz-date", "20150830T123600Z")

    func sig(_ method: String = "GET", path: String = "/", query: [(String, String)] = [],
             extra: [(String, String)] = []) -> String {
        let a = signer.authorization(method: method, path: path, query: query, headers: [host] + extra + [date],
                                     payloadHash: SigV4.emptyPayloadHash)
        return String(a.split(separator: "=").last ?? "")
    }

    func testSuiteVectors() {
        XCTAssertEqual(sig(), "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31")   // get-vanilla
        XCTAssertEqual(sig(query: [("Param2", "value2"), ("Param1", "value1")]),
                       "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500")   // get-vanilla-query-order-key-case
        let unreserved = "-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
        XCTAssertEqual(sig(query: [(unreserved, unreserved)]),
                       "9c3e54bfcdf0b19771a7f523ee5669cdf59bc7cc0884027167c21bb143a40197")   // get-vanilla-query-unreserved
        XCTAssertEqual(sig(query: [("\u{1234}", "bar")]),
                       "2cdec8eed098649ff3a119c94853b13c643bcf08f8b0a1d91e12c9027818dd04")   // get-vanilla-utf8-query
        XCTAssertEqual(sig(path: "/\u{1234}"), "8318018e0b0f223aa2bbf98705b62bb787dc9c0e678f255a891fd03141be5d85")   // get-utf8
        XCTAssertEqual(sig(path: "/" + unreserved), "07ef7494c76fa4850883e2b006601f940f8a34d404d0cfa977f52a65bbf5f24f")   // get-unreserved
        XCTAssertEqual(sig(extra: [("My-Header1", "value1"), ("My-Header2", "\"a   b   c\"")]),
                       "acc3ed3afb60bb290fc8d2dd0098b9911fcaa05412b367055dee359757a9c736")   // get-header-value-trim
        XCTAssertEqual(sig(extra: [("My-Header1", "value2"), ("My-Header1", "value2"), ("My-Header1", "value1")]),
                       "c9d5ea9f3f72853aea855b47ea873832890dbdd183b4468f858259531a5138ea")   // get-header-key-duplicate
        XCTAssertEqual(sig("POST", query: [("@#$%^", ""), ("+", "/,?><`\";:\\|][{}")]),
                       "66c82657c86e26fb25238d0e69f011edc4c6df5ae71119d7cb98ed9b87393c1e")   // post-vanilla-query-nonunreserved
    }

    /// S3 documentation, "Signature calculations for the Authorization header", GET Object example.
    func testS3DocumentationGetObjectExample() {
        let s3 = SigV4(accessKeyID: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
                       region: "us-east-1", service: "s3")
        let auth = s3.authorization(method: "GET", path: "/test.txt", query: [],
                                    headers: [("Host", "examplebucket.s3.amazonaws.com"), ("Range", "bytes=0-9"),
                                              ("x-amz-content-sha256", SigV4.emptyPayloadHash),
                                              ("x-amz-date", "20130524T000000Z")],
                                    payloadHash: SigV4.emptyPayloadHash)
        XCTAssertEqual(auth, "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, "
            + "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, "
            + "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41")
    }

    func testAmzDate() {
        XCTAssertEqual(SigV4.amzDate(Date(timeIntervalSince1970: 1_440_938_160)), "20150830T123600Z")
    }
}
