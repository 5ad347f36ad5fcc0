import Testing
@testable import Optimization

@Suite struct WalkForwardFoldTests {
    typealias V = Validation

    static func ranges(_ folds: [WalkForwardFold]) -> [[Int]] {
        folds.map { [$0.train.lowerBound, $0.train.upperBound, $0.test.lowerBound, $0.test.upperBound] }
    }

    @Test func rollingByBars() throws {
        // n = 20, train 8, test 4, step 4: trains start at 0, 4, 8; the fourth fold would test [20, 24).
        let ts = V.bars(hours: Array(0..<20)).ts
        let folds = try WalkForwardWindows.folds(timestamps: ts, barMilliseconds: V.hour,
                                                 settings: WalkForwardSettings(train: .bars(8), test: .bars(4)))
        #expect(Self.ranges(folds) == [[0, 8, 8, 12], [4, 12, 12, 16], [8, 16, 16, 20]])
        #expect(folds.map(\.index) == [0, 1, 2])
        #expect(folds[0].trainStart == V.t0 && folds[0].testStart == V.t0 + 8 * V.hour && folds[0].testEnd == V.t0 + 12 * V.hour)
        #expect(folds[2].testEnd == V.t0 + 20 * V.hour)    // end of data: last open + one bar
    }

    /// Lengths at the edge of the integers (a spec may give Int.max bars or 10^18 ms) end the
    /// fold search with "no complete fold" instead of overflowing.
    @Test(arguments: [
        WalkForwardSettings(train: .bars(.max), test: .bars(.max)),
        WalkForwardSettings(train: .bars(4), test: .bars(4), step: .bars(.max)),
        WalkForwardSettings(train: .bars(.max - 1), test: .bars(2), anchoring: .anchored),
        WalkForwardSettings(train: .milliseconds(.max), test: .milliseconds(.max)),
        WalkForwardSettings(train: .milliseconds(V.hour), test: .milliseconds(V.hour), step: .milliseconds(.max / 2)),
    ])
    func hugeLengthsFindNoFoldWithoutOverflowing(_ settings: WalkForwardSettings) {
        let ts = V.bars(hours: Array(0..<20)).ts
        #expect(throws: ValidationError.self) {
            let folds = try WalkForwardWindows.folds(timestamps: ts, barMilliseconds: V.hour, settings: settings)
            // A huge step still allows the first fold; there must be no second.
            if folds.count == 1 { throw ValidationError.insufficientData("one fold") }
        }
    }

    @Test func anchoredByBars() throws {
        let ts = V.bars(hours: Array(0..<20)).ts
        let folds = try WalkForwardWindows.folds(timestamps: ts, barMilliseconds: V.hour,
                                                 settings: WalkForwardSettings(train: .bars(8), test: .bars(4), anchoring: .anchored))
        #expect(Self.ranges(folds) == [[0, 8, 8, 12], [0, 12, 12, 16], [0, 16, 16, 20]])
    }

    @Test func unequalLengthsAndLastPartialFoldDropped() throws {
        // n = 23, train 6, test 3, step 5: [0,6)/[6,9), [5,11)/[11,14), [10,16)/[16,19);
        // [15,21)/[21,24) runs past bar 22 and is dropped; bars 9-10, 14-15 and 19-22 are untested.
        let ts = V.bars(hours: Array(0..<23)).ts
        let folds = try WalkForwardWindows.folds(timestamps: ts, barMilliseconds: V.hour,
                                                 settings: WalkForwardSettings(train: .bars(6), test: .bars(3), step: .bars(5)))
        #expect(Self.ranges(folds) == [[0, 6, 6, 9], [5, 11, 11, 14], [10, 16, 16, 19]])
    }

    @Test func rollingByDuration() throws {
        // 20 hourly bars, train 6 h, test 3 h, step 3 h: fold k trains [3k, 3k + 6) h and tests
        // [3k + 6, 3k + 9) h while 3k + 9 <= 20 (data end = last open + 1 h): k = 0...3.
        let ts = V.bars(hours: Array(0..<20)).ts
        let settings = WalkForwardSettings(train: .milliseconds(6 * V.hour), test: .milliseconds(3 * V.hour))
        let folds = try WalkForwardWindows.folds(timestamps: ts, barMilliseconds: V.hour, settings: settings)
        #expect(Self.ranges(folds) == [[0, 6, 6, 9], [3, 9, 9, 12], [6, 12, 12, 15], [9, 15, 15, 18]])
        #expect(folds[3].testStart == V.t0 + 15 * V.hour && folds[3].testEnd == V.t0 + 18 * V.hour)
    }

    @Test func durationWindowsFollowTimeAcrossGaps() throws {
        // Hours 7 and 8 are missing: fold 0 tests [6 h, 9 h) = hour 6 only (index 6); fold 1 trains
        // [3 h, 9 h) = hours 3-6 (indices 3..<7) and tests [9 h, 12 h) = indices 7..<10.
        let hours = Array(0..<20).filter { $0 != 7 && $0 != 8 }
        let ts = V.bars(hours: hours).ts
        let settings = WalkForwardSettings(train: .milliseconds(6 * V.hour), test: .milliseconds(3 * V.hour))
        let folds = try WalkForwardWindows.folds(timestamps: ts, barMilliseconds: V.hour, settings: settings)
        #expect(Self.ranges(folds).prefix(2) == [[0, 6, 6, 7], [3, 7, 7, 10]])
        #expect(folds.count == 4)
    }

    @Test func anchoredByDuration() throws {
        let ts = V.bars(hours: Array(0..<12)).ts
        let settings = WalkForwardSettings(train: .milliseconds(4 * V.hour), test: .milliseconds(4 * V.hour), anchoring: .anchored)
        let folds = try WalkForwardWindows.folds(timestamps: ts, barMilliseconds: V.hour, settings: settings)
        #expect(Self.ranges(folds) == [[0, 4, 4, 8], [0, 8, 8, 12]])
    }

    @Test func badSettingsAreRefused() {
        let ts = V.bars(hours: Array(0..<20)).ts
        func folds(_ s: WalkForwardSettings) throws { _ = try WalkForwardWindows.folds(timestamps: ts, barMilliseconds: V.hour, settings: s) }
        #expect(throws: ValidationError.self) { try folds(WalkForwardSettings(train: .bars(8), test: .bars(4), step: .bars(2))) }
        #expect(throws: ValidationError.self) { try folds(WalkForwardSettings(train: .bars(8), test: .milliseconds(V.hour))) }
        #expect(throws: ValidationError.self) { try folds(WalkForwardSettings(train: .bars(0), test: .bars(4))) }
        #expect(throws: ValidationError.insufficientData("20 bars hold no complete walk-forward fold (train 16 bars, test 8 bars)")) {
            try folds(WalkForwardSettings(train: .bars(16), test: .bars(8)))
        }
    }
}
