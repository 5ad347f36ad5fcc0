extension TA {
    /// Rolling percentile rank in percent: 100·(#less + (#equal + 1)/2)/n of x among the last n
    /// values including itself (equal to 100 × pandas `rolling(n).rank(pct=True)`); first value
    /// at n − 1. O(n) per bar. NaN: NaN while a NaN is in the window.
    @inlinable
    public static func percentileRank(_ x: [Double], period: Int = 20) throws(IndicatorError) -> [Double] {
        var state = try PercentileRank(period: period)
        return drive(x, &state)
    }
}

/// Streaming rolling percentile rank: same numbers as `TA.percentileRank`.
public struct PercentileRank: SeriesIndicator {
    @usableFromInline var window: RingBuffer

    public init(period: Int = 20) throws(IndicatorError) {
        try IndicatorError.require("PERCENTRANK", "timeperiod", period, atLeast: 1)
        window = RingBuffer(capacity: period)
    }

    @inlinable
    public mutating func update(_ x: Double) -> Double {
        window.push(x)
        guard window.isFull else { return .nan }
        var less = 0.0, equal = 0.0
        for k in 0..<window.count {
            let v = window.back(k)
            if v.isNaN { return .nan }
            if v < x { less += 1 } else if v == x { equal += 1 }
        }
        return 100 * (less + (equal + 1) / 2) / Double(window.count)
    }
}
