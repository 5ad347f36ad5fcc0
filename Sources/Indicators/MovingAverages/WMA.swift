extension TA {
    /// Weighted moving average with weights 1…n (newest n): Σ wᵢxᵢ / (n(n+1)/2), from index n-1.
    /// Running weighted and plain sums as in TA-Lib. NaN: leading skipped, then *poison*.
    @inlinable
    public static func wma(_ x: [Double], period: Int) throws(IndicatorError) -> [Double] {
        var state = try WMA(period: period)
        return drive(x, &state)
    }
}

/// Streaming WMA: same numbers as `TA.wma`.
public struct WMA: SeriesIndicator {
    @usableFromInline var window: RingBuffer
    @usableFromInline var weighted = 0.0
    @usableFromInline var sum = 0.0
    @usableFromInline let n: Double
    @usableFromInline let divider: Double

    public init(period: Int) throws(IndicatorError) {
        try IndicatorError.require("WMA", "timeperiod", period, atLeast: 1)
        window = RingBuffer(capacity: period)
        n = Double(period)
        divider = Double(period * (period + 1) / 2)
    }

    @inlinable
    public mutating func update(_ x: Double) -> Double {
        if window.isFull {
            weighted += n * x - sum
            sum += x - window.oldest
        } else {
            if window.count == 0 && x.isNaN { return .nan }
            weighted += Double(window.count + 1) * x
            sum += x
        }
        window.push(x)
        return window.isFull ? weighted / divider : .nan
    }
}
