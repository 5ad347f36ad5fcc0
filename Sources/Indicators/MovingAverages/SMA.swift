extension TA {
    /// Simple moving average: `mean(x[i-n+1...i])`; the first value is at index `n-1`.
    ///
    /// A running sum (add the new value, subtract the one leaving the window), as TA-Lib does,
    /// so the streaming twin `SMA` performs the same floating-point operations and agrees
    /// bit for bit. NaN: leading NaNs skipped, then *poison* (the running sum keeps it).
    @inlinable
    public static func sma(_ x: [Double], period: Int) throws(IndicatorError) -> [Double] {
        try IndicatorError.require("SMA", "timeperiod", period, atLeast: 1)
        return x.withUnsafeBufferPointer { input in
            Array(unsafeUninitializedCapacity: input.count) { out, initialized in
                smaKernel(input, period: period, into: out)
                initialized = input.count
            }
        }
    }

    /// Writes the SMA of `input` into `out` (same length). `period` must be ≥ 1.
    @inlinable
    public static func smaKernel(_ input: UnsafeBufferPointer<Double>, period: Int, into out: UnsafeMutableBufferPointer<Double>) {
        let n = input.count
        var start = 0
        while start < n && input[start].isNaN {
            out[start] = .nan
            start += 1
        }
        let warm = Swift.min(start + period - 1, n)
        var sum = 0.0
        for i in start..<warm {
            sum += input[i]
            out[i] = .nan
        }
        let scale = 1.0 / Double(period)
        var i = warm
        while i < n {
            sum += input[i]
            out[i] = sum * scale
            sum -= input[i - period + 1]
            i += 1
        }
    }
}

/// Streaming simple moving average: O(1) per update, same numbers as `TA.sma`.
public struct SMA: SeriesIndicator {
    @usableFromInline var window: RingBuffer
    @usableFromInline var sum = 0.0
    @usableFromInline let scale: Double

    public init(period: Int) throws(IndicatorError) {
        try IndicatorError.require("SMA", "timeperiod", period, atLeast: 1)
        window = RingBuffer(capacity: period)
        scale = 1.0 / Double(period)
    }

    /// Adds one value and returns the average of the last `period` values (NaN until full).
    @inlinable
    public mutating func update(_ value: Double) -> Double {
        if window.count == 0 && value.isNaN { return .nan }
        sum += value
        window.push(value)
        guard window.isFull else { return .nan }
        let result = sum * scale
        sum -= window.oldest
        return result
    }
}
