import TapeCore
import TapeSamples

/// What one embedded dataset is and where it came from, for `datasets` and the docs.
public struct SampleInfo: Sendable, Equatable {
    /// The name `load` takes, upper case (`SPY`, `SPX_1MIN`).
    public let name: String
    /// What the series is, in a few words (`S&P 500 index (^GSPC), daily`).
    public let title: String
    /// Where the file came from (repository, path, commit).
    public let source: String
    public let licence: String
    /// First and last bar, as written in the file.
    public let range: String
    public let rows: Int
    /// Adjustments, time zone and quirks a person should know before trusting a result.
    public let notes: String
}

/// Real market data compiled into the binary, so `load SPY` works with no files at hand.
///
/// Only files whose licence allows redistribution are embedded (docs/DATA-SAMPLES.md).
/// The CSV text is TapeSamples' `SampleCSV` (generated from the CSV files in
/// Sources/TapeSamples/CSV); it is parsed only when a dataset is asked for.
public enum SampleData {
    /// Every embedded dataset's name, in the order `datasets` lists them.
    public static let names: [String] = catalog.map(\.info.name)

    /// The bars of an embedded dataset (name matched ignoring case), nil when there is
    /// no such sample. Throws only if the embedded text were corrupt, which the tests rule out.
    public static func bars(_ name: String) throws -> Bars? {
        guard let entry = entry(name) else { return nil }
        return try BarsCSV.parse(text: entry.csv, name: entry.info.name, source: "sample \(entry.info.name)")
    }

    public static func info(_ name: String) -> SampleInfo? {
        entry(name)?.info
    }

    /// The embedded CSV text itself (name matched ignoring case).
    public static func csv(_ name: String) -> String? {
        entry(name)?.csv
    }

    private static func entry(_ name: String) -> (info: SampleInfo, csv: String)? {
        let key = name.uppercased()
        return catalog.first { $0.info.name == key }
    }

    private static let yahooMplfinance = "mplfinance licence (permissive, matplotlib-style); prices originate from Yahoo Finance"

    /// Facts copied from the shared data's PROVENANCE.md.
    private static let catalog: [(info: SampleInfo, csv: String)] = [
        (SampleInfo(name: "SPY", title: "SPDR S&P 500 ETF, daily",
                    source: "GitHub twopirllc/pandas-ta, data/SPY_D.csv (commit b465491)",
                    licence: "MIT", range: "1999-11-01 to 2020-08-28", rows: 5241,
                    notes: "Raw, unadjusted (SPY never split; dividends not adjusted). Prices before 2001 are in 1/16 and 1/32 fractions, some cut to 4 decimals. No adj_close."),
         SampleCSV.SPY),
        (SampleInfo(name: "AAPL", title: "Apple Inc., daily",
                    source: "GitHub matplotlib/mplfinance, examples/data/yahoofinance-AAPL-20040819-20180120.csv (commit 493811d)",
                    licence: yahooMplfinance, range: "2004-08-19 to 2018-01-19", rows: 3379,
                    notes: "Yahoo style: open/high/low/close split-adjusted only (2005 2:1, 2014 7:1); adj_close also dividend-adjusted."),
         SampleCSV.AAPL),
        (SampleInfo(name: "GOOG", title: "Alphabet (Google), daily",
                    source: "GitHub matplotlib/mplfinance, examples/data/yahoofinance-GOOG-20040819-20180120.csv (commit 493811d)",
                    licence: yahooMplfinance, range: "2004-08-19 to 2018-01-19", rows: 3379,
                    notes: "Split-adjusted for the 2014 class-C split (~2:1), so the 2004 close is 49.85, not 100.34. Pre-2014 history is the original Google share. adj_close equals close (no dividends)."),
         SampleCSV.GOOG),
        (SampleInfo(name: "SPX", title: "S&P 500 index (^GSPC), daily",
                    source: "PyPI package arch 8.0.0, arch/data/sp500/sp500.csv.gz",
                    licence: "NCSA (package); prices originate from Yahoo Finance", range: "1999-01-04 to 2018-12-31", rows: 5031,
                    notes: "adj_close equals close. Volume is the index's reported share volume."),
         SampleCSV.SPX),
        (SampleInfo(name: "SPX_1MIN", title: "S&P 500 index, 1-minute bars, 4 sessions",
                    source: "GitHub matplotlib/mplfinance, examples/data/SP500_NOV2019_IDay.csv (commit 493811d)",
                    licence: "mplfinance licence (permissive, matplotlib-style); data provider not stated",
                    range: "2019-11-05T09:30:00 to 2019-11-08T15:59:00", rows: 1563,
                    notes: "Times are US/Eastern wall clock, 09:30-15:59. Volume is 0 everywhere (an index has none)."),
         SampleCSV.SPX_1MIN),
        (SampleInfo(name: "BTCUSD_1H", title: "Bitcoin in US dollars on Coinbase, hourly",
                    source: "GitHub tensortrade-org/tensortrade, examples/data/Coinbase_BTCUSD_1h.csv (commit d58afba); data by CryptoDataDownload (www.cryptodatadownload.com)",
                    licence: "Apache-2.0 (repository); CryptoDataDownload asks for attribution",
                    range: "2017-07-01T11:00:00 to 2019-10-17T09:00:00", rows: 20111,
                    notes: "Times are UTC. Complete hourly grid, no gaps. Volume is in BTC (fractional). 28 hours have volume 0, 30 bars are flat."),
         SampleCSV.BTCUSD_1H),
    ]
}
