import MarketData

/// One walk-forward fold as bar indices into the experiment's data (ends exclusive): training
/// on `trainStart..<testStart`, testing on `testStart..<testEnd`.
public struct FoldWindow: Sendable, Equatable {
    public var trainStart: Int
    public var testStart: Int
    public var testEnd: Int

    public init(trainStart: Int, testStart: Int, testEnd: Int) {
        self.trainStart = trainStart
        self.testStart = testStart
        self.testEnd = testEnd
    }
}

/// Cuts the data into walk-forward folds.
///
/// Semantics: the first test window starts `train` after the first bar; each next one starts
/// `step` after the previous one. A rolling fold trains on the `train` before its test window,
/// an anchored fold on everything from the first bar. A length in bars counts bars; a duration
/// counts time from the window's first bar (so gaps in the data shorten a window, never shift
/// it). Only folds whose whole test window lies inside the data are made.
public enum WalkForwardPlan {
    public static func folds(_ spec: WalkForwardSpec, timestamps ts: [Int64], timeframe: Timeframe) -> [FoldWindow] {
        guard !ts.isEmpty else { return [] }
        let dataEnd = ts[ts.count - 1] + timeframe.milliseconds
        func index(atOrAfter time: Int64) -> Int {
            var lo = 0, hi = ts.count
            while lo < hi {
                let mid = (lo + hi) >> 1
                if ts[mid] < time { lo = mid + 1 } else { hi = mid }
            }
            return lo
        }
        func advance(_ i: Int, _ length: WindowLength) -> Int {
            switch length {
            case let .bars(n): return i + n
            case let .duration(ms): return i < ts.count ? index(atOrAfter: ts[i] + ms) : ts.count + 1
            }
        }
        func fits(_ start: Int, _ length: WindowLength) -> Bool {
            guard start < ts.count else { return false }
            switch length {
            case let .bars(n): return start + n <= ts.count
            case let .duration(ms): return ts[start] + ms <= dataEnd
            }
        }
        func back(_ i: Int, _ length: WindowLength) -> Int {
            switch length {
            case let .bars(n): return max(0, i - n)
            case let .duration(ms): return index(atOrAfter: ts[i] - ms)
            }
        }
        var folds: [FoldWindow] = []
        var testStart = advance(0, spec.train)
        while fits(testStart, spec.test) {
            let trainStart = spec.mode == .rolling ? back(testStart, spec.train) : 0
            folds.append(FoldWindow(trainStart: trainStart, testStart: testStart, testEnd: min(advance(testStart, spec.test), ts.count)))
            let next = advance(testStart, spec.step)
            guard next > testStart else { break }
            testStart = next
        }
        return folds
    }
}
