extension TA {
    /// Highest value of the last n (TA-Lib MAX); first value at n − 1. NaN rule *window*.
    @inlinable
    public static func max(_ x: [Double], period: Int = 30) throws(IndicatorError) -> [Double] {
        var state = try RollingExtremum(period: period, maximum: true)
        return x.map { state.update($0).value }
    }

    /// Lowest value of the last n (TA-Lib MIN); first value at n − 1. NaN rule *window*.
    @inlinable
    public static func min(_ x: [Double], period: Int = 30) throws(IndicatorError) -> [Double] {
        var state = try RollingExtremum(period: period, maximum: false)
        return x.map { state.update($0).value }
    }

    /// Rolling z-score: (x − mean)/σ over the last n values including x, σ the population
    /// standard deviation; 0 on a flat window. First value at n − 1. NaN: leading skipped,
    /// then *poison*.
    @inlinable
    public static func zscore(_ x: [Double], period: Int = 20) throws(IndicatorError) -> [Double] {
        var state = try ZScore(period: period)
        return drive(x, &state)
    }

    /// Rolling percentile rank in percent: 100·(#less + (#equal + 1)/2)/n of x among the last n
    /// values including itself (equal to 100 × pandas `rolling(n).rank(pct=True)`); first value
    /// at n − 1. O(n) per bar. NaN: NaN while a NaN is in the window.
    @inlinable
    public static func percentileRank(_ x: [Double], period: Int = 20) throws(IndicatorError) -> [Double] {
        var state = try PercentileRank(period: period)
        return drive(x, &state)
    }
}

/// Streaming rolling z-score: same numbers as `TA.zscore`.
public struct ZScore: SeriesIndicator {
    @usableFromInline var moments: RollingMoments

    public init(period: Int = 20) throws(IndicatorError) {
        try IndicatorError.require("ZSCORE", "timeperiod", period, atLeast: 1)
        moments = try RollingMoments(period: period)
    }

    @inlinable
    public mutating func update(_ x: Double) -> Double {
        let (mean, variance) = moments.update(x)
        if variance.isNaN { return .nan }
        let sigma = variance.squareRoot()
        return sigma <= 1e-14 * Swift.abs(mean) ? 0 : (x - mean) / sigma
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
