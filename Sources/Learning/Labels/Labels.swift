import MarketData

/// The label of every bar: `values[i]` (NaN when it cannot be computed from the bars at hand)
/// and `end[i]`, the last bar the label reads (`-1` where the value is NaN). Aligned with the
/// bar series it was computed from.
public struct Labels: Sendable, Equatable {
    public let spec: LabelSpec
    public let values: [Double]
    /// The label interval of bar `i` is `[i, end[i]]`; `-1` when the label is NaN.
    public let end: [Int]
    /// For triple-barrier labels, which barrier ended each event (nil for other kinds).
    public let barriers: [Barrier]?

    /// The barrier that ended a triple-barrier event (`unresolved` where the label is NaN).
    public enum Barrier: UInt8, Sendable, Equatable {
        case unresolved = 0, takeProfit, stopLoss, vertical
    }

    /// Computes `spec`'s labels on `bars`.
    public init(_ spec: LabelSpec, bars: BarSeries) throws(LearningError) {
        try spec.validate()
        self.spec = spec
        let n = bars.count
        var values = [Double](repeating: .nan, count: n)
        var end = [Int](repeating: -1, count: n)
        switch spec {
        case let .forwardReturn(h), let .forwardReturnSign(h):
            let sign = spec.task == .classification
            let close = bars.close
            for i in 0..<max(0, n - h) {
                let c0 = close[i], c1 = close[i + h]
                guard c0.isFinite, c1.isFinite, c0 > 0 else { continue }
                let r = c1 / c0 - 1
                values[i] = sign ? (r > 0 ? 1 : 0) : r
                end[i] = i + h
            }
            barriers = nil
        case let .tripleBarrier(tp, sl, maxBars):
            var hits = [Barrier](repeating: .unresolved, count: n)
            for i in 0..<n {
                guard let (value, last, barrier) = Self.tripleBarrier(at: i, bars: bars, takeProfit: tp, stopLoss: sl, maxBars: maxBars)
                else { continue }
                values[i] = value
                end[i] = last
                hits[i] = barrier
            }
            barriers = hits
        }
        self.values = values
        self.end = end
    }

    /// The event starting at bar `i`: nil when `close[i]` is not a positive price, or when no
    /// barrier is hit in the bars available and the vertical barrier lies beyond them.
    static func tripleBarrier(at i: Int, bars: BarSeries, takeProfit: Double, stopLoss: Double,
                              maxBars: Int) -> (value: Double, end: Int, barrier: Barrier)? {
        let c0 = bars.close[i]
        guard c0.isFinite, c0 > 0 else { return nil }
        let upper = c0 * (1 + takeProfit), lower = c0 * (1 - stopLoss)
        let last = i + maxBars
        var j = i + 1
        while j <= last, j < bars.count {
            if bars.low[j] <= lower { return (0, j, .stopLoss) }
            if bars.high[j] >= upper { return (1, j, .takeProfit) }
            j += 1
        }
        guard last < bars.count, bars.close[last].isFinite else { return nil }
        return (bars.close[last] > c0 ? 1 : 0, last, .vertical)
    }
}
