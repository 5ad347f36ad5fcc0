import Testing
import Foundation
import MarketData
import TestSupport

@Suite struct ResamplerTests {
    /// Reference rows from Tests/Fixtures/resample/resample_1m_to_1h.py (plain Python, csv module).
    @Test func oneMinuteToOneHourMatchesThePythonReference() throws {
        let minutes = try Fixtures.bars("btcusdt_1m.csv")
        let expected = try CSVBarReader.read(path: Fixtures.url("resample/btcusdt_1m_to_1h.csv").path, timeframe: .h1)
        let hours = try Resampler.resample(minutes, to: .h1)
        #expect(expected.count == 504)
        #expect(hours.ts == expected.ts)
        #expect(hours.open == expected.open)
        #expect(hours.high == expected.high)
        #expect(hours.low == expected.low)
        #expect(hours.close == expected.close)
        #expect(hours.volume == expected.volume)   // same summation order → identical doubles
    }

    // Hand-computed case: 15m bars from 00:15 to 01:15 resampled to 1h.
    //   00:15 O10 H12 L9  C11 V1
    //   00:30 O11 H15 L10 C14 V2
    //   00:45 O14 H14 L8  C9  V3    → 00:00 bar: O10 H15 L8 C9 V6 (complete: it reaches 01:00)
    //   01:00 O9  H10 L7  C8  V4
    //   01:15 O8  H9  L6  C6  V5    → 01:00 bar: O9 H10 L6 C6 V9, incomplete (01:30–02:00 missing)
    static let q: Int64 = 900_000
    static let bars = BarSeries(instrument: Instrument(base: "BTC", quote: "USDT"), timeframe: .m15,
                                ts: [q, 2 * q, 3 * q, 4 * q, 5 * q], open: [10, 11, 14, 9, 8], high: [12, 15, 14, 10, 9],
                                low: [9, 10, 8, 7, 6], close: [11, 14, 9, 8, 6], volume: [1, 2, 3, 4, 5])

    @Test func handComputedCaseDropsTheTrailingIncompleteBar() throws {
        let hourly = try Resampler.resample(Self.bars, to: .h1)
        #expect(hourly.ts == [0])
        #expect(hourly.open == [10] && hourly.high == [15] && hourly.low == [8] && hourly.close == [9] && hourly.volume == [6])
        let all = try Resampler.resample(Self.bars, to: .h1, keepIncomplete: true)
        #expect(all.ts == [0, 3_600_000])
        #expect(all.open == [10, 9] && all.high == [15, 10] && all.low == [8, 6] && all.close == [9, 6] && all.volume == [6, 9])
    }

    @Test func refusesFinerOrNonMultipleTargets() {
        #expect(throws: DataError.self) { try Resampler.resample(Self.bars, to: .m5) }
        let fiveMinute = BarSeries(instrument: Self.bars.instrument, timeframe: .m5, ts: [0], open: [1], high: [1], low: [1], close: [1], volume: [1])
        #expect(throws: Never.self) { try Resampler.resample(fiveMinute, to: .m15) }
    }

    /// Weekly bars start on Monday 00:00 UTC: 2024-01-01 was a Monday (epoch 1_704_067_200_000).
    @Test func weeksStartOnMonday() throws {
        let day: Int64 = 86_400_000
        let monday: Int64 = 1_704_067_200_000
        let days = (0..<14).map { monday - 2 * day + Int64($0) * day }     // Saturday before … two weeks on
        let bars = BarSeries(instrument: Self.bars.instrument, timeframe: .d1, ts: days, open: days.map { _ in 1 },
                             high: days.map { _ in 2 }, low: days.map { _ in 0.5 }, close: days.map { _ in 1 }, volume: days.map { _ in 1 })
        let weekly = try Resampler.resample(bars, to: .w1, keepIncomplete: true)
        #expect(weekly.ts == [monday - 7 * day, monday, monday + 7 * day])
        #expect(weekly.volume == [2, 7, 5])
    }
}
