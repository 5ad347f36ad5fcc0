import Foundation
import Testing
import MarketData
import TestSupport

/// The calendar month (`1M`): case-sensitive spelling, exact month boundaries (checked against
/// Foundation's Gregorian calendar), resampling against a plain-Python reference, validation,
/// inference from a file and annualization.
@Suite struct MonthTimeframeTests {
    static let utc: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()

    static func ms(_ year: Int, _ month: Int, _ day: Int = 1, hour: Int = 0) -> Int64 {
        let date = utc.date(from: DateComponents(year: year, month: month, day: day, hour: hour))!
        return Int64((date.timeIntervalSince1970 * 1000).rounded())
    }

    @Test func spellingIsCaseSensitive() {
        #expect(Timeframe("1M") == .month1)
        #expect(Timeframe("1m") == .m1)
        #expect(Timeframe("1H") == nil)
        #expect(!Timeframe.month1.isFixedLength)
        #expect(Timeframe.matching(milliseconds: Timeframe.month1.milliseconds) == nil)
    }

    /// Every month from 1960 to 2100, leap Februaries and year ends included.
    @Test func monthBoundariesMatchTheGregorianCalendar() {
        for year in 1960...2100 {
            for month in 1...12 {
                let start = Self.ms(year, month)
                let next = month == 12 ? Self.ms(year + 1, 1) : Self.ms(year, month + 1)
                let middle = Self.ms(year, month, 15, hour: 13)
                #expect(Timeframe.month1.barOpen(containing: start) == start)
                #expect(Timeframe.month1.barOpen(containing: middle) == start)
                #expect(Timeframe.month1.barOpen(containing: next - 1) == start)
                #expect(Timeframe.month1.nextOpen(after: start) == next)
            }
        }
        #expect(Timeframe.month1.barsBetween(Self.ms(2023, 11), Self.ms(2024, 2)) == 3)
        #expect(Timeframe.h1.barsBetween(0, 3 * 3_600_000) == 3)
    }

    @Test func extremeTimesNeitherTrapNorMove() {
        for frame in Timeframe.allCases {
            #expect(frame.barOpen(containing: .max) == .max)
            #expect(frame.barOpen(containing: .min) == .min)
            #expect(frame.nextOpen(after: .max) == .max)
        }
    }

    @Test func aYearHasTwelveMonthsOnEveryCalendar() {
        #expect(TradingCalendar.alwaysOpen.periodsPerYear(.month1) == 12)
        #expect(TradingCalendar.weekdays.periodsPerYear(.month1) == 12)
    }

    /// Reference rows from Tests/Fixtures/resample/resample_1d_to_1M.py (plain Python, datetime).
    @Test func dailyToMonthlyMatchesThePythonReference() throws {
        let days = try Fixtures.bars("btcusdt_1d.csv")
        let expected = try CSVBarReader.read(path: Fixtures.url("resample/btcusdt_1d_to_1M.csv").path)
        #expect(expected.timeframe == .month1)   // inferred from the file's 28–31-day steps
        let months = try Resampler.resample(days, to: .month1)
        #expect(expected.count == 69)
        #expect(months.timeframe == .month1)
        #expect(months.ts == expected.ts)
        #expect(months.open == expected.open)
        #expect(months.high == expected.high)
        #expect(months.low == expected.low)
        #expect(months.close == expected.close)
        #expect(months.volume == expected.volume)
        #expect(throws: DataError.self) { try Resampler.resample(try Resampler.resample(days, to: .w1), to: .month1) }
    }

    @Test func validationCountsMissingMonthsAndMisalignedBars() throws {
        let ts = (0..<24).map { Self.ms(2022 + $0 / 12, $0 % 12 + 1) }
        func series(_ ts: [Int64]) -> BarSeries {
            BarSeries(instrument: Instrument(base: "BTC", quote: "USDT"), timeframe: .month1, ts: ts,
                      open: ts.map { _ in 10 }, high: ts.map { _ in 11 }, low: ts.map { _ in 9 },
                      close: ts.map { _ in 10 }, volume: ts.map { _ in 1 })
        }
        let clean = try BarValidator.validate(series(ts), policy: .warn).report
        #expect(clean.gaps == 0 && clean.missingBars == 0 && clean.misaligned == 0)

        var holed = ts
        holed.remove(at: 5); holed.remove(at: 5)     // June and July 2022
        let gap = try BarValidator.validate(series(holed), policy: .warn).report
        #expect(gap.gaps == 1)
        #expect(gap.missingBars == 2)

        let filled = try BarValidator.validate(series(holed), policy: .fillForward).bars
        #expect(filled.ts == ts)

        var shifted = ts
        shifted[3] += 86_400_000
        #expect(try BarValidator.validate(series(shifted), policy: .warn).report.misaligned == 1)
    }

    @Test func syntheticMonthlyBarsOpenOnTheFirst() throws {
        let bars = try SyntheticBars.generate(.gbm(drift: 0, volatility: 0.5), count: 30, timeframe: .month1, seed: 3,
                                              start: Self.ms(2024, 1))
        #expect(bars.ts == (0..<30).map { Self.ms(2024 + $0 / 12, $0 % 12 + 1) })
    }
}
