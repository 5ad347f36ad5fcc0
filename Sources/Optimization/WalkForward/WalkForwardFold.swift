import MarketData

/// One train/test split: train on bars `train`, test on bars `test` (indices of the series).
///
/// Semantics: train covers [trainStart, testStart) and test [testStart, testEnd) in time
/// (epoch ms of bar opens; `testEnd` is the open of the first bar after the test window, or
/// the end of the data); `train.upperBound <= test.lowerBound`, so no test bar is trained on.
public struct WalkForwardFold: Sendable, Hashable {
    public var index: Int
    public var train: Range<Int>
    public var test: Range<Int>
    public var trainStart: Int64
    public var testStart: Int64
    public var testEnd: Int64

    public init(index: Int, train: Range<Int>, test: Range<Int>, trainStart: Int64, testStart: Int64, testEnd: Int64) {
        self.index = index
        self.train = train
        self.test = test
        self.trainStart = trainStart
        self.testStart = testStart
        self.testEnd = testEnd
    }
}

/// Computes the folds of a walk-forward from bar timestamps (see `WalkForwardSettings`).
public enum WalkForwardWindows {
    /// The folds over bars of `timeframe` with open times `timestamps` (sorted); the data ends
    /// where the last bar closes (`Timeframe.nextOpen(after:)`, exact for months too).
    public static func folds(timestamps ts: [Int64], timeframe: Timeframe,
                             settings: WalkForwardSettings) throws(ValidationError) -> [WalkForwardFold] {
        try folds(timestamps: ts, dataEnd: ts.last.map(timeframe.nextOpen(after:)) ?? 0, settings: settings)
    }

    /// The folds over bars with open times `timestamps` (sorted) of length `barMilliseconds`.
    public static func folds(timestamps ts: [Int64], barMilliseconds: Int64,
                             settings: WalkForwardSettings) throws(ValidationError) -> [WalkForwardFold] {
        try folds(timestamps: ts, dataEnd: (ts.last ?? 0) + barMilliseconds, settings: settings)
    }

    private static func folds(timestamps ts: [Int64], dataEnd: Int64,
                              settings: WalkForwardSettings) throws(ValidationError) -> [WalkForwardFold] {
        try settings.validate()
        guard let first = ts.first, ts.last != nil else { throw .insufficientData("walk-forward needs bars, got none") }
        let anchored = settings.anchoring == .anchored
        var folds: [WalkForwardFold] = []
        switch (settings.train, settings.test, settings.step ?? settings.test) {
        case let (.bars(train), .bars(test), .bars(step)):
            var k = 0
            // Checked arithmetic: lengths come from specs and may be as large as Int.max.
            while let offset = checked(k, times: step),
                  let b = checked(train, plus: offset),
                  let c = checked(b, plus: test), c <= ts.count {
                let a = anchored ? 0 : offset
                folds.append(WalkForwardFold(index: folds.count, train: a..<b, test: b..<c, trainStart: ts[a], testStart: ts[b],
                                             testEnd: c < ts.count ? ts[c] : dataEnd))
                k += 1
            }
        case let (.milliseconds(train), .milliseconds(test), .milliseconds(step)):
            var k: Int64 = 0
            while let offset = checked(k, times: step),
                  let b = checked(first, plus: train).flatMap({ checked($0, plus: offset) }),
                  let c = checked(b, plus: test), c <= dataEnd {
                let a = anchored ? first : first + offset     // ≤ b, which did not overflow
                let ia = index(atOrAfter: a, ts), ib = index(atOrAfter: b, ts), ic = index(atOrAfter: c, ts)
                if ia < ib && ib < ic {
                    folds.append(WalkForwardFold(index: folds.count, train: ia..<ib, test: ib..<ic, trainStart: a, testStart: b, testEnd: c))
                }
                k += 1
            }
        default:
            preconditionFailure("validate() checked that the spans are of one kind")
        }
        guard !folds.isEmpty else {
            throw .insufficientData("\(ts.count) bars hold no complete walk-forward fold (train \(settings.train), test \(settings.test))")
        }
        return folds
    }

    /// `a × b`, or nil when it overflows.
    static func checked<T: FixedWidthInteger>(_ a: T, times b: T) -> T? {
        let (r, overflow) = a.multipliedReportingOverflow(by: b)
        return overflow ? nil : r
    }

    /// `a + b`, or nil when it overflows.
    static func checked<T: FixedWidthInteger>(_ a: T, plus b: T) -> T? {
        let (r, overflow) = a.addingReportingOverflow(b)
        return overflow ? nil : r
    }

    /// First index whose timestamp is ≥ `time`.
    static func index(atOrAfter time: Int64, _ ts: [Int64]) -> Int {
        var lo = 0, hi = ts.count
        while lo < hi {
            let mid = (lo + hi) >> 1
            if ts[mid] < time { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}
