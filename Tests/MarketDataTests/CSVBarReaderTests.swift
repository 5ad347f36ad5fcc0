import Testing
import Foundation
import MarketData
import TestSupport

@Suite struct CSVBarReaderTests {
    /// Row counts and ranges come from datasets/README.md (counted independently of this code).
    @Test func readsBundledHourlyBitcoin() throws {
        let bars = try Fixtures.bars("btcusdt_1h.csv")
        #expect(bars.count == 61_246)
        #expect(bars.timeframe == .h1)
        #expect(bars.instrument.symbol == "BTCUSDT")
        #expect(bars.ts.first == 1_514_764_800_000)            // 2018-01-01T00:00Z
        #expect(bars.ts.last == 1_735_686_000_000)             // 2024-12-31T23:00Z
        #expect(bars.open[0] == 13715.65 && bars.close[0] == 13529.01)
    }

    @Test func slicesByTime() throws {
        let bars = try Fixtures.bars("btcusdt_1d.csv")
        let start: Int64 = 1_609_459_200_000                    // 2021-01-01
        let end: Int64 = 1_640_995_200_000                      // 2022-01-01
        let year = bars.slice(from: start, to: end)
        #expect(year.count == 365)
        #expect(year.ts.first == start)
    }

    @Test func malformedRowNamesFileLineAndColumn() {
        let text = "timestamp,open,high,low,close,volume\n1,2,3,1,2,5\n2,2,abc,1,2,5\n"
        #expect(throws: DataError.malformed(path: "x.csv", line: 3, column: "high", expected: "a number", found: "abc")) {
            try CSVBarReader.parse(Data(text.utf8), path: "x.csv", timeframe: .h1, instrument: Instrument(base: "BTC", quote: "USDT"))
        }
    }
}
