import Testing
import Foundation
@testable import Reports

@Suite struct FiguresTests {
    static func ms(_ y: Int, _ m: Int, _ d: Int) -> Int64 { CivilDate(year: y, month: m, day: d).epochMilliseconds }

    @Test func monthlyReturnsByCalendarMonth() {
        // Jan: 120/100 − 1 = +20%; Feb: 108/120 − 1 = −10%; March has no bars; Apr: 81/108 − 1 = −25%.
        let ts = [Self.ms(2021, 1, 1), Self.ms(2021, 1, 15), Self.ms(2021, 1, 31), Self.ms(2021, 2, 10),
                  Self.ms(2021, 2, 28), Self.ms(2021, 4, 2)]
        let equity: [Double] = [100, 110, 120, 90, 108, 81]
        let months = Figures.monthlyReturns(ts: ts, equity: equity)
        #expect(months.map(\.month) == [1, 2, 4])
        #expect(months.allSatisfy { $0.year == 2021 })
        #expect(abs(months[0].value - 0.20) < 1e-12)
        #expect(abs(months[1].value - -0.10) < 1e-12)
        #expect(abs(months[2].value - -0.25) < 1e-12)
        #expect(Figures.monthlyReturns(ts: [], equity: []).isEmpty)
    }

    @Test func monthlyReturnsAcrossYearEnd() {
        // Dec 31 23:00 belongs to December; Jan 1 00:00 to January: 105/100 − 1, 84/105 − 1 = −20%.
        let ts = [Self.ms(2020, 12, 1), Self.ms(2020, 12, 31) + 23 * 3_600_000, Self.ms(2021, 1, 1)]
        let months = Figures.monthlyReturns(ts: ts, equity: [100, 105, 84])
        #expect(months.map { "\($0.year)-\($0.month)" } == ["2020-12", "2021-1"])
        #expect(abs(months[0].value - 0.05) < 1e-12 && abs(months[1].value - -0.2) < 1e-12)
    }

    @Test func drawdownFromRunningPeak() {
        // Peaks 100, 120, 120, 130, 130: 90/120 − 1 = −25%, 65/130 − 1 = −50%.
        #expect(Figures.drawdown(equity: [100, 120, 90, 130, 65]) == [0, 0, -0.25, 0, -0.5])
        let withNaN = Figures.drawdown(equity: [100, .nan, 50])
        #expect(withNaN[0] == 0 && withNaN[1].isNaN && withNaN[2] == -0.5)
    }

    @Test func rollingSharpeHandWorked() {
        // Returns +10%, −10%, +10%, +10%. Window 3 at bars 3 and 4: {0.1, −0.1, 0.1} (either order):
        // mean 1/30, sample variance (2·(1/15)² + (2/15)²)/2 = 1/75, sd 0.11547; × √4 → 0.57735 = 1/√3.
        let equity: [Double] = [100, 110, 99, 108.9, 119.79]
        let s = Figures.rollingSharpe(equity: equity, window: 3, periodsPerYear: 4)
        #expect(s.count == 5)
        #expect(s[0].isNaN && s[1].isNaN && s[2].isNaN)
        #expect(abs(s[3] - 1 / 3.0.squareRoot()) < 1e-9)
        #expect(abs(s[4] - 1 / 3.0.squareRoot()) < 1e-9)
    }

    @Test func rollingSharpeConstantReturnsIsNaN() {
        let equity = (0..<50).map { 100 * pow(1.01, Double($0)) }
        let sharpe = Figures.rollingSharpe(equity: equity, window: 10, periodsPerYear: 365)
        #expect(sharpe.allSatisfy { $0.isNaN })
    }

    @Test func rollingSharpeSlidingMatchesDirect() {
        // Against a direct two-pass computation on every window, over a long deterministic series.
        let equity: [Double] = (0..<400).map { (i: Int) -> Double in
            let t = Double(i)
            return 100 + 10 * sin(t / 9) + t * 0.05
        }
        let window = 20
        let s = Figures.rollingSharpe(equity: equity, window: window, periodsPerYear: 365)
        let annualiser = 365.0.squareRoot()
        for i in window..<equity.count {
            var r: [Double] = []
            for j in (i - window + 1)...i { r.append(equity[j] / equity[j - 1] - 1) }
            let mean: Double = r.reduce(0, +) / Double(window)
            var squares = 0.0
            for v in r { squares += (v - mean) * (v - mean) }
            let sd: Double = (squares / Double(window - 1)).squareRoot()
            let expected: Double = mean / sd * annualiser
            #expect(abs(s[i] - expected) < 1e-8)
        }
    }
}
