import Foundation
import Testing
import Analytics
import MarketData
@testable import Experiments

@Suite struct OverfittingTests {
    @Test func equityIsCompoundedToUTCDays() {
        let hour: Int64 = 3_600_000, day: Int64 = 86_400_000
        // Day 0: 22:00, 23:00; day 1: 00:00, 05:00, 23:00; day 2: 00:00.
        let daily = Overfitting.dailyReturns(timestamps: [22 * hour, 23 * hour, day, day + 5 * hour, day + 23 * hour, 2 * day],
                                             equity: [101, 102, 99, 105, 110, 99], initialCash: 100, timeframe: .h1)
        // 102/100 − 1, 110/102 − 1, 99/110 − 1.
        let expected: [Double] = [102.0 / 100 - 1, 110.0 / 102 - 1, 99.0 / 110 - 1]
        #expect(daily == expected)
        // Daily bars are used as they are.
        let expectedDaily: [Double] = [110.0 / 100 - 1, 99.0 / 110 - 1, 0]
        #expect(Overfitting.dailyReturns(timestamps: [0, day, 2 * day], equity: [110, 99, 99], initialCash: 100, timeframe: .d1)
                == expectedDaily)
    }

    @Test func onlyGridsOfSixteenTrialsWithinTheCapKeepDailyReturns() throws {
        let bars = BarSeries(instrument: Instrument(base: "BTC", quote: "USDT"), timeframe: .h1,
                             ts: [0, 86_400_000 * 99], open: [1, 1], high: [1, 1], low: [1, 1], close: [1, 1], volume: [1, 1])
        #expect(Overfitting.applies(kind: .grid, trials: 16, bars: bars))
        #expect(!Overfitting.applies(kind: .grid, trials: 15, bars: bars))
        #expect(!Overfitting.applies(kind: .random, trials: 100, bars: bars))
        // 100 days × 80 001 trials exceeds 8 000 000 values.
        #expect(Overfitting.applies(kind: .grid, trials: 80_000, bars: bars))
        #expect(!Overfitting.applies(kind: .grid, trials: 80_001, bars: bars))
    }
}
