extension TA {
    /// Rolling z-score: (x − mean)/σ over the last n values including x, σ the population
    /// standard deviation; 0 on a flat window. First value at n − 1. NaN: leading skipped,
    /// then *poison*.
    @inlinable
    public static func zscore(_ x: [Double], period: Int = 20) throws(IndicatorError) -> [Double] {
        var state = try ZScore(period: period)
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
