import Testing
@testable import Reports

@Suite struct TickTests {
    // Nice steps worked by hand: rough = span / target, normalised into [1, 10), rounded to 1/2/5/10.
    @Test func niceTicksZeroToHundred() {
        // rough 20 → 2 × 10 → step 20.
        #expect(NiceTicks.values(min: 0, max: 100, target: 5) == [0, 20, 40, 60, 80, 100])
    }

    @Test func niceTicksFractions() {
        // span 0.74, rough 0.148 → 1.48 × 0.1 → step 0.1; first multiple ≥ 0.13 is 0.2.
        #expect(NiceTicks.values(min: 0.13, max: 0.87, target: 5) == [0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8])
        #expect(NiceTicks.ticks(min: 0.13, max: 0.87, target: 5).map(\.label) == ["0.2", "0.3", "0.4", "0.5", "0.6", "0.7", "0.8"])
    }

    @Test func niceTicksNegativeAndDomain() {
        // span 15.9, rough 3.18 → 5; multiples of 5 in [-3.7, 12.2] are 0, 5, 10; domain widens to [-5, 15].
        #expect(NiceTicks.values(min: -3.7, max: 12.2, target: 5) == [0, 5, 10])
        let d = NiceTicks.domain(min: -3.7, max: 12.2, target: 5)
        #expect(d.min == -5 && d.max == 15 && d.step == 5)
    }

    @Test func niceTicksLargeNumbersGetSeparatorsOrSuffixes() {
        // span 124,000, rough 24,800 → 2.48 × 10^4 → step 20,000.
        #expect(NiceTicks.ticks(min: 1_000, max: 125_000, target: 5).map(\.label)
                == ["20,000", "40,000", "60,000", "80,000", "100,000", "120,000"])
        // rough 1,000,000 → step 1M.
        #expect(NiceTicks.ticks(min: 0, max: 3_000_000, target: 3).map(\.label) == ["0", "1M", "2M", "3M"])
        #expect(NiceTicks.ticks(min: -20, max: 0, target: 4, suffix: "%").map(\.label) == ["-20%", "-15%", "-10%", "-5%", "0%"])
    }

    @Test func niceTicksDegenerateRange() {
        // min == max is widened by 10% of |value| each side: [45, 55], rough 2 → step 2.
        #expect(NiceTicks.values(min: 50, max: 50, target: 5) == [46, 48, 50, 52, 54])
        #expect(NiceTicks.values(min: 0, max: 0, target: 4) == [-1, -0.5, 0, 0.5, 1])
    }

    @Test func logTicksUpToThreeDecadesUse125() {
        #expect(LogTicks.values(min: 1, max: 1_000) == [1, 2, 5, 10, 20, 50, 100, 200, 500, 1_000])
        #expect(LogTicks.values(min: 3, max: 70) == [5, 10, 20, 50])
        #expect(LogTicks.ticks(min: 0.01, max: 1).map(\.label) == ["0.01", "0.02", "0.05", "0.1", "0.2", "0.5", "1"])
    }

    @Test func logTicksManyDecadesUseDecades() {
        // log10(30000 / 0.5) = 4.78 decades > 3 → decades 1 … 10^4 (0.1 lies below 0.5).
        #expect(LogTicks.values(min: 0.5, max: 30_000, target: 6) == [1, 10, 100, 1_000, 10_000])
        // 12 decades with target 6 → every second decade.
        #expect(LogTicks.values(min: 1, max: 1e12, target: 6) == [1, 1e2, 1e4, 1e6, 1e8, 1e10, 1e12])
        #expect(LogTicks.values(min: -1, max: 10).isEmpty)
        // log10(2,500,000 / 4,000) = 2.8 decades → 1-2-5 ticks; labels follow each value's own
        // magnitude, so only a million and up get the M suffix.
        #expect(LogTicks.ticks(min: 4_000, max: 2_500_000, target: 6).map(\.label)
                == ["5,000", "10,000", "20,000", "50,000", "100,000", "200,000", "500,000", "1M", "2M"])
    }

    @Test func logTicksUnderOneDecadeFallBackToLinear() {
        // 100…300: span 200, target 5 → step 50.
        #expect(LogTicks.values(min: 100, max: 300, target: 6) == [100, 150, 200, 250, 300])
    }

    @Test func civilDatesRoundTrip() {
        #expect(CivilDate.days(year: 1970, month: 1, day: 1) == 0)
        #expect(CivilDate.days(year: 2021, month: 1, day: 1) == 18_628)          // 1,609,459,200,000 ms / 86,400,000
        #expect(CivilDate.days(year: 2024, month: 2, day: 29) == 19_723 + 31 + 28) // 2024-01-01 is day 19,723
        #expect(CivilDate.days(year: 1969, month: 12, day: 31) == -1)
        let d = CivilDate(epochMilliseconds: 1_735_686_000_000)                    // 2024-12-31T23:00Z
        #expect(d == CivilDate(year: 2024, month: 12, day: 31, hour: 23, minute: 0))
        for day in stride(from: Int64(-800_000), to: 800_000, by: 997) {
            let c = CivilDate.civil(fromDays: day)
            #expect(CivilDate.days(year: c.year, month: c.month, day: c.day) == day)
        }
    }

    static func ms(_ y: Int, _ m: Int, _ d: Int, _ h: Int = 0, _ min: Int = 0) -> Int64 {
        CivilDate(year: y, month: m, day: d, hour: h, minute: min).epochMilliseconds
    }

    // The interval is the candidate nearest (in ratio) to span / target.
    @Test func dateTicksYears() {
        // 10 years / 6 ≈ 609 days: 1 year is 1.67× too short, 2 years 1.2× too long → 2-year steps on even years.
        let ticks = DateTicks.ticks(from: Self.ms(2015, 1, 1), to: Self.ms(2024, 12, 31), target: 6)
        #expect(ticks.map(\.label) == ["2016", "2018", "2020", "2022", "2024"])
        #expect(ticks.map(\.value) == [2016, 2018, 2020, 2022, 2024].map { Double(Self.ms($0, 1, 1)) })
    }

    @Test func dateTicksMonthsShowYearWhereItChanges() {
        // 181 days / 6 ≈ 30.2 days → monthly (30.4 days).
        let ticks = DateTicks.ticks(from: Self.ms(2021, 1, 1), to: Self.ms(2021, 7, 1), target: 6)
        #expect(ticks.map(\.label) == ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul"])
        #expect(ticks.map(\.context) == ["2021", nil, nil, nil, nil, nil, nil])
        let quarterly = DateTicks.ticks(from: Self.ms(2020, 11, 15), to: Self.ms(2022, 2, 1), target: 6)
        // 443 days / 6 ≈ 74 days: 2 months (60.9 days, ratio 1.21) beats 3 months (91.3, ratio 1.23)
        // → odd months from January.
        #expect(quarterly.map(\.label) == ["Jan", "Mar", "May", "Jul", "Sep", "Nov", "Jan"])
        #expect(quarterly.map(\.context) == ["2021", nil, nil, nil, nil, nil, "2022"])
        // 730 days / 6 ≈ 122 days: 3 months (ratio 1.33) beats 6 months (1.5) → Jan/Apr/Jul/Oct.
        let twoYears = DateTicks.ticks(from: Self.ms(2021, 1, 1), to: Self.ms(2023, 1, 1), target: 6)
        #expect(twoYears.map(\.label) == ["Jan", "Apr", "Jul", "Oct", "Jan", "Apr", "Jul", "Oct", "Jan"])
    }

    @Test func dateTicksWeeksStartOnMonday() {
        // 60 days / 6 = 10 days: 14 days (ratio 1.4) beats 7 (1.43) → 2-week steps; 2021-01-11 was a Monday.
        let ticks = DateTicks.ticks(from: Self.ms(2021, 1, 1), to: Self.ms(2021, 3, 2), target: 6)
        #expect(ticks.map(\.label) == ["11 Jan", "25 Jan", "8 Feb", "22 Feb"])
        #expect(ticks.first?.context == "2021")
    }

    @Test func dateTicksHoursAndMinutes() {
        // One day / 4 = 6 hours → 6-hour steps.
        let hours = DateTicks.ticks(from: Self.ms(2021, 3, 5), to: Self.ms(2021, 3, 6), target: 4)
        #expect(hours.map(\.label) == ["00:00", "06:00", "12:00", "18:00", "00:00"])
        #expect(hours.map(\.context) == ["5 Mar", nil, nil, nil, "6 Mar"])
        // Two hours / 6 = 20 minutes: 15 minutes (ratio 1.33) beats 30 (1.5) → quarter hours from 10:15.
        let minutes = DateTicks.ticks(from: Self.ms(2021, 3, 5, 10, 7), to: Self.ms(2021, 3, 5, 12, 7), target: 6)
        #expect(minutes.map(\.label) == ["10:15", "10:30", "10:45", "11:00", "11:15", "11:30", "11:45", "12:00"])
        // 21 days / 8 ≈ 2.6 days: 2 days (ratio 1.3) beats a week (2.7) → every other day from the epoch.
        let days = DateTicks.ticks(from: Self.ms(2023, 3, 1), to: Self.ms(2023, 3, 22), target: 8)
        // 2023-03-01 is day 19,417 (odd), so even days start on 2 Mar.
        #expect(days.map(\.label) == ["2 Mar", "4 Mar", "6 Mar", "8 Mar", "10 Mar", "12 Mar", "14 Mar", "16 Mar", "18 Mar", "20 Mar", "22 Mar"])
        #expect(days.first?.context == "2023")
    }
}
