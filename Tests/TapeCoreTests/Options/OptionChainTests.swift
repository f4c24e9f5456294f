import Foundation
import TapeTestSupport
import XCTest
@testable import TapeCore

final class OptionChainTests: XCTestCase {
    let spot = 100.0, rate = 0.03, q = 0.01
    let quoteDate = "2024-01-15"
    let expiries = [("2024-02-14", 30.0), ("2024-04-14", 90.0), ("2025-01-14", 365.0)]
    let strikes = [70.0, 80, 90, 95, 100, 105, 110, 120, 130]

    /// The smile the synthetic chain is priced from: σ(K) = 0.2 + 0.3·ln(K/F)² − 0.05·ln(K/F).
    func trueVol(_ k: Double, forward f: Double) -> Double {
        let m = log(k / f)
        return 0.2 + 0.3 * m * m - 0.05 * m
    }

    /// CSV of model prices ± a half-spread (so the mid is the model price), columns
    /// deliberately in a different order plus an extra column.
    func syntheticCSV() throws -> String {
        var lines = ["strike,type,bid,volume,ask,expiration,underlying,quote_date"]
        for (expiry, days) in expiries {
            let t = days / 365
            let f = spot * exp((rate - q) * t)
            for k in strikes {
                for type in OptionType.allCases {
                    let p = try BlackScholes.price(type, spot: spot, strike: k, years: t, rate: rate,
                                                   dividendYield: q, vol: trueVol(k, forward: f))
                    let half = min(0.05, p / 4)
                    lines.append("\(k),\(type == .call ? "C" : "P"),\(p - half),17,\(p + half),\(expiry),XYZ,\(quoteDate)")
                }
            }
        }
        return lines.joined(separator: "\n")
    }

    func testRecoversTheVolsTheChainWasBuiltFrom() throws {
        let chain = try OptionChain.parse(csv: syntheticCSV())
        XCTAssertEqual(chain.quotes.count, 3 * 9 * 2)
        XCTAssertTrue(chain.rejected.isEmpty)
        let a = try chain.analyze(spot: spot, rate: rate, dividendYield: q)
        for row in a.rows {
            XCTAssertEqual(row.years, Double(row.quote.days) / 365)
            let f = spot * exp((rate - q) * row.years)
            assertClose(row.iv, trueVol(row.quote.strike, forward: f), rel: 1e-8, "\(row.quote.type) K=\(row.quote.strike) d=\(row.quote.days)")
            XCTAssertTrue(row.notes.isEmpty, "\(row.notes)")
        }
        XCTAssertEqual(a.smiles.count, 3)
        XCTAssertEqual(a.smiles.map(\.points.count), [9, 9, 9])
        // ATM term structure: linear interpolation of the true smile at the forward.
        XCTAssertEqual(a.termStructure.count, 3)
        for smile in a.smiles {
            let f = smile.forward
            let below = strikes.last { $0 <= f } ?? 0, above = strikes.first { $0 > f } ?? 0
            let expected = trueVol(below, forward: f) + (trueVol(above, forward: f) - trueVol(below, forward: f))
                * (f - below) / (above - below)
            assertClose(smile.atmVol, expected, rel: 1e-8, "ATM at \(smile.years)")
            for p in smile.points {
                XCTAssertEqual(p.otm, p.strike < f ? p.putIV : p.callIV)
            }
        }
        XCTAssertTrue(a.parityViolations.isEmpty, "model prices obey parity")
    }

    func testNotesInsteadOfCrashes() throws {
        let csv = """
        quote_date,underlying,expiration,type,strike,bid,ask
        2024-01-15,XYZ,2024-02-14,call,120,0,0.05
        2024-01-15,XYZ,2024-02-14,put,100,3.0,2.5
        2024-01-15,XYZ,2024-02-14,call,80,5.0,5.2
        2024-01-15,XYZ,2024-02-14,put,100,150,160
        2024-01-15,XYZ,2024-01-15,call,100,1,1.2
        2024-01-15,XYZ,2024-02-14,call,abc,1,1.2
        2024-01-15,XYZ,2024-02-14,straddle,100,1,1.2
        2024-01-15,XYZ,not-a-date,call,100,1,1.2
        2024-01-15,XYZ,2024-02-14,call
        """
        let chain = try OptionChain.parse(csv: csv)
        XCTAssertEqual(chain.quotes.count, 5)
        XCTAssertEqual(chain.rejected.map(\.line), [7, 8, 9, 10])
        XCTAssertEqual(chain.rejected.first?.reason, "strike \"abc\" is not a number")
        let rows = try chain.analyze(spot: 100, rate: 0.03, dividendYield: 0.01).rows
        XCTAssertEqual(rows[0].notes, [.zeroBid])
        XCTAssertFalse(rows[0].iv.isNaN, "a zero bid still has a mid")
        XCTAssertEqual(rows[1].notes, [.crossedQuote])
        XCTAssertTrue(rows[1].iv.isNaN)
        XCTAssertEqual(rows[2].notes, [.belowIntrinsic])
        XCTAssertEqual(rows[3].notes, [.aboveMaximum])
        XCTAssertEqual(rows[4].notes, [.expired])
    }

    func testMissingColumnIsOneClearError() {
        XCTAssertThrowsError(try OptionChain.parse(csv: "quote_date,underlying,expiration,type,strike,bid\n")) {
            XCTAssertEqual("\($0)", "chain CSV header lacks column ask (has: quote_date, underlying, expiration, type, strike, bid)")
        }
    }

    /// A call quoted 0.50 too rich against its put is reported with that excess (less the spreads).
    func testParityViolationDetected() throws {
        let t = 30.0 / 365
        let c = try BlackScholes.price(.call, spot: 100, strike: 100, years: t, rate: 0.03, dividendYield: 0.01, vol: 0.2)
        let p = try BlackScholes.price(.put, spot: 100, strike: 100, years: t, rate: 0.03, dividendYield: 0.01, vol: 0.2)
        let csv = """
        quote_date,underlying,expiration,type,strike,bid,ask
        2024-01-15,XYZ,2024-02-14,call,100,\(c + 0.49),\(c + 0.51)
        2024-01-15,XYZ,2024-02-14,put,100,\(p - 0.01),\(p + 0.01)
        """
        let a = try OptionChain.parse(csv: csv).analyze(spot: 100, rate: 0.03, dividendYield: 0.01)
        XCTAssertEqual(a.parityViolations.count, 1)
        XCTAssertEqual(a.parityViolations.first?.excess ?? 0, 0.48, accuracy: 1e-9)
    }

    /// Chains read with the one CSV reader: quoted cells, a short row rejected with its
    /// line (not the whole file), a broken quote naming file and line.
    func testQuotedCellsShortRowsAndBrokenQuotes() throws {
        let csv = """
        quote_date,underlying,expiration,type,strike,bid,ask
        2024-01-02,"SPX, index",2024-02-16,call,100,5.0,5.2

        2024-01-02,SPX,2024-02-16,put,100
        """
        let chain = try OptionChain.parse(csv: csv, source: "chain.csv")
        XCTAssertEqual(chain.quotes.map(\.underlying), ["SPX, index"])
        XCTAssertEqual(chain.rejected.map(\.line), [4])
        XCTAssertEqual(chain.rejected.map(\.reason), ["missing bid"])
        XCTAssertThrowsError(try OptionChain.parse(csv: "quote_date,underlying\n\"x", source: "chain.csv")) {
            XCTAssertEqual("\($0)", "chain.csv:2: unterminated quoted field (column 1)")
        }
    }
}
