extension TA {
    /// Exponential moving average, TA-Lib style: k = 2/(n+1), seeded at index n-1 with the SMA
    /// of the first n values, then `ema += k·(x − ema)`. NaN: leading NaNs skipped, then *poison*.
    @inlinable
    public static func ema(_ x: [Double], period: Int) throws(IndicatorError) -> [Double] {
        try IndicatorError.require("EMA", "timeperiod", period, atLeast: 1)
        return x.withUnsafeBufferPointer { input in
            Array(unsafeUninitializedCapacity: input.count) { out, initialized in
                emaKernel(input, period: period, into: out)
                initialized = input.count
            }
        }
    }

    /// Writes the EMA of `input` into `out` (same length). `period` must be ≥ 1.
    @inlinable
    public static func emaKernel(_ input: UnsafeBufferPointer<Double>, period: Int, into out: UnsafeMutableBufferPointer<Double>) {
        let n = input.count
        var start = 0
        while start < n && input[start].isNaN {
            out[start] = .nan
            start += 1
        }
        let seedIndex = start + period - 1
        guard seedIndex < n else {
            for i in start..<n { out[i] = .nan }
            return
        }
        var sum = 0.0
        for i in start..<seedIndex {
            sum += input[i]
            out[i] = .nan
        }
        sum += input[seedIndex]
        var ema = sum / Double(period)
        out[seedIndex] = ema
        let k = 2.0 / Double(period + 1)
        var i = seedIndex + 1
        while i < n {
            ema = (input[i] - ema) * k + ema
            out[i] = ema
            i += 1
        }
    }
}

/// Streaming EMA: same numbers as `TA.ema`.
public struct EMA: SeriesIndicator {
    @usableFromInline let period: Int
    @usableFromInline let k: Double
    @usableFromInline var count = 0
    @usableFromInline var value = 0.0

    public init(period: Int) throws(IndicatorError) {
        try IndicatorError.require("EMA", "timeperiod", period, atLeast: 1)
        self.period = period
        k = 2.0 / Double(period + 1)
    }

    /// Adds one value; NaN until `period` numbers have been seen.
    @inlinable
    public mutating func update(_ x: Double) -> Double {
        if count < period {
            if count == 0 && x.isNaN { return .nan }
            value += x
            count += 1
            if count < period { return .nan }
            value /= Double(period)
            return value
        }
        value = (x - value) * k + value
        return value
    }
}
