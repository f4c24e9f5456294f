import Foundation
import TapeTestSupport
import XCTest
@testable import TapeCore

final class ImpliedVolatilityBatchTests: XCTestCase {
    /// vollib's cases fed through the batch as a file: each row's implied_vol equals
    /// vollib's iv (1e-9 relative), and the four rows vollib rejects carry an iv_error
    /// instead of stopping the batch. Where vollib gives 0 (no time value left in doubles)
    /// the batch, like `iv`, gives a positive volatility that reprices the row within 4 ulps.
    func testEveryVollibRowThroughTheBatch() throws {
        let url = Repository.fixtures("options/iv_cases.csv")
        let text = try String(contentsOf: url, encoding: .utf8)
        let result = try ImpliedVolatilityBatch.run(csv: text)
        XCTAssertEqual(result.rows, 296)
        XCTAssertEqual(result.failed, 4)
        let lines = result.csv.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let header = try XCTUnwrap(lines.first)
        XCTAssertEqual(header.suffix(2), ["implied_vol", "iv_error"])
        let ref = try XCTUnwrap(header.firstIndex(of: "iv")), refError = try XCTUnwrap(header.firstIndex(of: "error"))
        let got = header.count - 2, gotError = header.count - 1
        for row in lines.dropFirst() {
            XCTAssertEqual(row.count, header.count)
            if !row[refError].isEmpty {
                XCTAssertTrue(row[got].isEmpty, "\(row)")
                XCTAssertTrue(row[gotError].hasPrefix("price "), "\(row)")
                continue
            }
            let expected = try XCTUnwrap(Double(row[ref])), iv = try XCTUnwrap(Double(row[got]), "\(row)")
            if expected == 0 {
                XCTAssertGreaterThan(iv, 0, "\(row)")
                let column = { (name: String) throws -> Double in try XCTUnwrap(Double(row[try XCTUnwrap(header.firstIndex(of: name))])) }
                let price = try column("price")
                let again = try BlackScholes.price(row[try XCTUnwrap(header.firstIndex(of: "type"))] == "call" ? .call : .put,
                                                   spot: column("spot"), strike: column("strike"), years: column("t_years"),
                                                   rate: column("rate"), dividendYield: column("div_yield"), vol: iv)
                XCTAssertLessThanOrEqual(abs(again - price), 4 * price.ulp, "\(row)")
            } else {
                XCTAssertEqual(iv, expected, accuracy: 1e-9 * expected, "\(row)")
            }
            XCTAssertEqual(row[gotError], "")
        }
    }

    func testHeaderAndCellErrors() throws {
        XCTAssertThrowsError(try ImpliedVolatilityBatch.run(csv: "type,spot,strike,days,rate\n")) { error in
            XCTAssertEqual("\(error)", "iv CSV header lacks column price (has: type, spot, strike, days, rate)")
        }
        let r = try ImpliedVolatilityBatch.run(csv: "type,price,spot,strike,days,rate\nput,x,100,95,30,0.04\nfoo,1,100,95,30,0.04\n")
        XCTAssertEqual(r.failed, 2)
        XCTAssertEqual(r.csv, """
            type,price,spot,strike,days,rate,implied_vol,iv_error
            put,x,100,95,30,0.04,,price "x" is not a number
            foo,1,100,95,30,0.04,,type must be call or put

            """)
    }
}
