import Foundation
import Indicators
import Testing

/// The indicators the TA-Lib fixture does not cover, against values worked out by hand
/// (the arithmetic is written next to each expectation).
@Suite("Hand-computed values")
struct HandComputedTests {
    func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-12 * max(1, abs(b)) }

    @Test func rollingMaxAndMin() throws {
        let x: [Double] = [3, 1, 4, 1, 5, 9, 2, 6]
        let highest = try TA.max(x, period: 3), lowest = try TA.min(x, period: 3)
        #expect(highest[..<2].allSatisfy(\.isNaN) && lowest[..<2].allSatisfy(\.isNaN))
        #expect(Array(highest[2...]) == [4, 4, 5, 9, 9, 9])
        #expect(Array(lowest[2...]) == [1, 1, 1, 1, 2, 2])
    }

    @Test func zscoreUsesThePopulationDeviation() throws {
        // window 1,2,3,4: mean 2.5, variance (2.25 + 0.25 + 0.25 + 2.25)/4 = 1.25, z(4) = 1.5/√1.25.
        let z = try TA.zscore([1, 2, 3, 4, 2], period: 4)
        #expect(z[..<3].allSatisfy { $0.isNaN })
        #expect(close(z[3], 1.5 / 1.25.squareRoot()))
        // window 2,3,4,2: mean 2.75, variance (0.5625 + 0.0625 + 1.5625 + 0.5625)/4 = 0.6875, z(2) = −0.75/√0.6875.
        #expect(close(z[4], -0.75 / 0.6875.squareRoot()))
    }

    @Test func percentileRankAveragesTies() throws {
        // window 1,3,2,3 at 3: 2 below, 2 equal → (2 + (2+1)/2)/4 = 87.5 %; window 3,2,3,0 at 0: (0 + 1)/4 = 25 %.
        let r = try TA.percentileRank([1, 3, 2, 3, 0], period: 4)
        #expect(r[..<3].allSatisfy(\.isNaN) && r[3] == 87.5 && r[4] == 25)
    }

    @Test func logReturns() throws {
        let one = try TA.logReturns([100, 110, 99])
        #expect(one[0].isNaN && close(one[1], log(1.1)) && close(one[2], log(0.9)))
        let two = try TA.logReturns([100, 110, 99], period: 2)
        #expect(two[..<2].allSatisfy(\.isNaN) && close(two[2], log(0.99)))
        #expect(try TA.logReturns([100, 0, 5])[1...].allSatisfy(\.isNaN))
    }

    @Test func linearRegressionValueAndSlope() throws {
        // y = 1,3,2,5 at x = 0…3: x̄ = 1.5, ȳ = 2.75, Sxy = 2.625 − 0.125 − 0.375 + 3.375 = 5.5, Sxx = 5,
        // slope 1.1, value at x = 3: 2.75 + 1.1·1.5 = 4.4. Next window 3,2,5,4: ȳ = 3.5, Sxy = 3, slope 0.6,
        // value 3.5 + 0.6·1.5 = 4.4.
        let y: [Double] = [1, 3, 2, 5, 4]
        let value = try TA.linearRegression(y, period: 4), slope = try TA.linearRegressionSlope(y, period: 4)
        #expect(value[..<3].allSatisfy { $0.isNaN })
        #expect(close(value[3], 4.4) && close(value[4], 4.4))
        #expect(close(slope[3], 1.1) && close(slope[4], 0.6))
    }

    @Test func betaIsTheSlopeOfReal1OnReal0() throws {
        // real0 returns 0.1, −0.1, 0, 0.1; real1 returns 2·r + 0.01 → beta exactly 2 over any window
        // where real0's returns vary.
        let r0: [Double] = [0.1, -0.1, 0, 0.1]
        var p0: [Double] = [100], p1: [Double] = [50]
        for r in r0 {
            p0.append(p0.last! * (1 + r))
            p1.append(p1.last! * (1 + 2 * r + 0.01))
        }
        let b4 = try TA.beta(p0, p1, period: 4)
        #expect(b4[..<4].allSatisfy(\.isNaN) && abs(b4[4] - 2) < 1e-9)
        let b2 = try TA.beta(p0, p1, period: 2)
        #expect(abs(b2[2] - 2) < 1e-9 && abs(b2[4] - 2) < 1e-9)
    }

    @Test func volumeProfileSpreadsVolumeOverTheBarRange() throws {
        // Bars (H, L, V): (12, 10, 100), (11, 10, 50), (14, 12, 30). Range 10…14 in 4 bins of width 1.
        // Bar 1 covers [10, 12]: 50 in bin 0, 50 in bin 1. Bar 2 covers [10, 11]: 50 in bin 0.
        // Bar 3 covers [12, 14]: 15 in bin 2, 15 in bin 3. Totals 100, 50, 15, 15; POC = bin 0's center 10.5.
        let high: [Double] = [12, 11, 14], low: [Double] = [10, 10, 12], volume: [Double] = [100, 50, 30]
        let profile = try VolumeProfile(high: high, low: low, volume: volume, range: 0..<3, bins: 4)
        #expect(profile.lowerBound == 10 && profile.binWidth == 1)
        #expect(profile.volumes == [100, 50, 15, 15])
        #expect(profile.pointOfControl == 10.5)
        // Rolling over 2 bars: bars 2–3 span 10…14: bar 2 → 50 in bin 0; bar 3 → 15 + 15 in bins 2, 3; POC 10.5.
        // A flat bar puts its whole volume in one bin.
        let poc = try TA.volumeProfilePOC(high: high, low: low, volume: volume, period: 2, bins: 4)
        #expect(poc[0].isNaN && poc[2] == 10.5)
        let flat = try VolumeProfile(high: [5, 5], low: [5, 5], volume: [1, 2], range: 0..<2, bins: 3)
        #expect(flat.volumes == [3, 0, 0] && flat.pointOfControl == 5)
    }

    @Test func sessionVWAPResetsAtMidnightUTC() throws {
        // Bars at 22:00 and 23:00 of day 0, then 00:00 of day 1. tp = (H+L+C)/3.
        let hour: Int64 = 3_600_000
        let ts = [22 * hour, 23 * hour, 24 * hour]
        let v = try TA.vwapSession(timestamp: ts, high: [12, 15, 30], low: [9, 9, 24], close: [9, 12, 27], volume: [1, 3, 2])
        // tp: 10, 12, 27. Day 0: 10; (10·1 + 12·3)/4 = 11.5. Day 1 restarts: 27.
        #expect(v == [10, 11.5, 27])
        let rolling = try TA.vwapRolling(high: [12, 15, 30], low: [9, 9, 24], close: [9, 12, 27], volume: [1, 3, 2], period: 2)
        // (12·3 + 27·2)/5 = 18 at bar 2.
        #expect(rolling[0].isNaN && rolling[1] == 11.5 && rolling[2] == 18)
    }

    @Test func movingAverageTypesAreSelectable() throws {
        // WMA(3) of 1,2,3 = (1 + 4 + 9)/6 = 14/6; TRIMA(4) of 1…4 = weights 1,2,2,1 → (1 + 4 + 6 + 4)/6 = 15/6.
        #expect(close(try TA.ma([1, 2, 3], period: 3, type: .wma)[2], 14.0 / 6))
        #expect(close(try TA.ma([1, 2, 3, 4], period: 4, type: .trima)[3], 15.0 / 6))
        #expect(close(try TA.ma([1, 2, 3, 4], period: 4, type: .sma)[3], 2.5))
    }
}
