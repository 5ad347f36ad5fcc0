/// Mean and population variance of the last `period` values in O(1) per update, with
/// Welford's update extended to a sliding window (stable at prices of 1e5, unlike Σx² − (Σx)²/n).
///
/// NaN: leading skipped, then *poison*.
public struct RollingMoments: Sendable, Hashable {
    @usableFromInline var window: RingBuffer
    @usableFromInline var mean = 0.0
    @usableFromInline var m2 = 0.0
    @usableFromInline let n: Double

    /// Values in the window.
    @inlinable public var period: Int { window.capacity }

    public init(period: Int) throws(IndicatorError) {
        try IndicatorError.require("STDDEV", "timeperiod", period, atLeast: 1)
        window = RingBuffer(capacity: period)
        n = Double(period)
    }

    /// Adds one value; returns the window's mean and population variance (NaN until full).
    @inlinable
    public mutating func update(_ x: Double) -> (mean: Double, variance: Double) {
        if window.count == 0 && x.isNaN { return (.nan, .nan) }
        if window.isFull {
            let old = window.oldest
            let newMean = mean + (x - old) / n
            m2 += (x - old) * (x - newMean + old - mean)
            mean = newMean
        } else {
            let d = x - mean
            mean += d / Double(window.count + 1)
            m2 += d * (x - mean)
        }
        window.push(x)
        guard window.isFull else { return (.nan, .nan) }
        return (mean, m2 > 0 ? m2 / n : (m2.isNaN ? .nan : 0))
    }
}
