extension TA {
    /// Commodity channel index (TA-Lib): tp = (H+L+C)/3, CCI = (tp − SMA_n(tp)) / (0.015·MD)
    /// with MD the mean absolute deviation of tp around that SMA; first value at n − 1; 0 when
    /// the numerator or MD is ≈ 0. O(n) per bar (a mean absolute deviation has no O(1) update;
    /// TA-Lib loops too). NaN: a NaN gives NaN while it is in the window.
    @inlinable
    public static func cci(high: [Double], low: [Double], close: [Double], period: Int = 14) throws(IndicatorError) -> [Double] {
        try requireSameLength("CCI", high.count, low.count, close.count)
        var state = try CCI(period: period)
        return close.indices.map { state.update(high: high[$0], low: low[$0], close: close[$0]) }
    }
}

/// Streaming CCI: same numbers as `TA.cci`.
public struct CCI: Sendable {
    @usableFromInline var window: RingBuffer

    public init(period: Int = 14) throws(IndicatorError) {
        try IndicatorError.require("CCI", "timeperiod", period, atLeast: 1)
        window = RingBuffer(capacity: period)
    }

    @inlinable
    public mutating func update(high: Double, low: Double, close: Double) -> Double {
        let tp = (high + low + close) / 3
        window.push(tp)
        guard window.isFull else { return .nan }
        let n = window.capacity
        var mean = 0.0
        for k in 0..<n { mean += window.back(k) }
        mean /= Double(n)
        var deviation = 0.0
        for k in 0..<n { deviation += Swift.abs(window.back(k) - mean) }
        let numerator = tp - mean
        if numerator.isNaN || deviation.isNaN { return .nan }
        if ZeroGuard.isZero(difference: numerator, scale: tp) || ZeroGuard.isZero(difference: deviation, scale: tp) { return 0 }
        return numerator / (0.015 * (deviation / Double(n)))
    }
}
