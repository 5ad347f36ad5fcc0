extension TA {
    /// Linear regression (TA-Lib LINEARREG): the least-squares line through the last n values,
    /// evaluated at the newest bar; first value at n − 1. O(1) per bar (running Σy and Σj·y).
    /// NaN: leading skipped, then *poison*.
    @inlinable
    public static func linearRegression(_ x: [Double], period: Int = 14) throws(IndicatorError) -> [Double] {
        var state = try LinearRegression(period: period, output: .value)
        return drive(x, &state)
    }

    /// Slope per bar of the same least-squares line (TA-Lib LINEARREG_SLOPE).
    @inlinable
    public static func linearRegressionSlope(_ x: [Double], period: Int = 14) throws(IndicatorError) -> [Double] {
        var state = try LinearRegression(period: period, output: .slope)
        return drive(x, &state)
    }
}

/// Streaming rolling least-squares line: same numbers as `TA.linearRegression` /
/// `TA.linearRegressionSlope`.
public struct LinearRegression: SeriesIndicator {
    /// Which number of the fitted line `update` returns.
    public enum Output: Sendable { case value, slope }
    @usableFromInline let output: Output
    @usableFromInline var window: RingBuffer
    @usableFromInline var sumY = 0.0
    @usableFromInline var sumJY = 0.0
    @usableFromInline let n: Double
    @usableFromInline let sumX: Double
    @usableFromInline let divisor: Double

    public init(period: Int = 14, output: Output) throws(IndicatorError) {
        try IndicatorError.require(output == .value ? "LINEARREG" : "LINEARREG_SLOPE", "timeperiod", period, atLeast: 2)
        self.output = output
        window = RingBuffer(capacity: period)
        n = Double(period)
        sumX = n * (n - 1) / 2
        let sumXX = n * (n - 1) * (2 * n - 1) / 6
        divisor = n * sumXX - sumX * sumX
    }

    @inlinable
    public mutating func update(_ y: Double) -> Double {
        if window.count == 0 && y.isNaN { return .nan }
        if window.isFull {
            let dropped = window.oldest
            sumJY += (n - 1) * y - (sumY - dropped)
            sumY += y - dropped
        } else {
            sumJY += Double(window.count) * y
            sumY += y
        }
        window.push(y)
        guard window.isFull else { return .nan }
        let slope = (n * sumJY - sumX * sumY) / divisor
        switch output {
        case .slope: return slope
        case .value: return (sumY - slope * sumX) / n + slope * (n - 1)
        }
    }
}
