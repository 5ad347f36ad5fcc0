extension TA {
    /// Triangular moving average: an SMA of an SMA (odd n: two SMAs of (n+1)/2; even n: SMAs of
    /// n/2 and n/2+1), i.e. weights 1,2,…,peak,…,2,1; first value at n−1.
    /// NaN: leading skipped, then *poison*.
    @inlinable
    public static func trima(_ x: [Double], period: Int) throws(IndicatorError) -> [Double] {
        var state = try TRIMA(period: period)
        return drive(x, &state)
    }
}

/// Streaming TRIMA: same numbers as `TA.trima`.
public struct TRIMA: SeriesIndicator {
    @usableFromInline var first: SMA
    @usableFromInline var second: SMA

    public init(period: Int) throws(IndicatorError) {
        try IndicatorError.require("TRIMA", "timeperiod", period, atLeast: 1)
        let half = (period + 1) / 2
        first = try SMA(period: half)
        second = try SMA(period: period % 2 == 0 ? half + 1 : half)
    }

    @inlinable
    public mutating func update(_ x: Double) -> Double {
        second.update(first.update(x))
    }
}
