extension TA {
    /// Bollinger bands (TA-Lib BBANDS): middle = MA(n, type), σ = population standard deviation
    /// (÷n) of the last n values, upper = middle + devUp·σ, lower = middle − devDown·σ; first
    /// value at the MA's lookback (n − 1 for SMA). NaN: leading skipped, then *poison*.
    @inlinable
    public static func bbands(_ x: [Double], period: Int = 20, devUp: Double = 2, devDown: Double = 2,
                              type: MAType = .sma) throws(IndicatorError) -> (upper: [Double], middle: [Double], lower: [Double]) {
        var state = try BBANDS(period: period, devUp: devUp, devDown: devDown, type: type)
        var u = [Double](), m = [Double](), l = [Double]()
        x.withUnsafeBufferPointer { input in
            let count = input.count
            u = Array(unsafeUninitializedCapacity: count) { upper, uc in
                m = Array(unsafeUninitializedCapacity: count) { middle, mc in
                    l = Array(unsafeUninitializedCapacity: count) { lower, lc in
                        if type == .sma {
                            bbandsSMAKernel(input, period: period, devUp: devUp, devDown: devDown, upper: upper, middle: middle, lower: lower)
                        } else {
                            for i in 0..<count { (upper[i], middle[i], lower[i]) = state.update(input[i]) }
                        }
                        lc = count
                    }
                    mc = count
                }
                uc = count
            }
        }
        return (u, m, l)
    }

    /// Bollinger bands around an SMA in one pass: the arithmetic of `SMA` (running sum) and
    /// `RollingMoments` (windowed Welford) inlined over the buffer, so it agrees with the
    /// streaming `BBANDS` bit for bit. `period` must be ≥ 1.
    @inlinable
    public static func bbandsSMAKernel(_ input: UnsafeBufferPointer<Double>, period: Int, devUp: Double, devDown: Double,
                                       upper: UnsafeMutableBufferPointer<Double>, middle: UnsafeMutableBufferPointer<Double>,
                                       lower: UnsafeMutableBufferPointer<Double>) {
        let n = input.count
        var start = 0
        while start < n && input[start].isNaN {
            (upper[start], middle[start], lower[start]) = (.nan, .nan, .nan)
            start += 1
        }
        let p = Double(period), scale = 1.0 / p
        var sum = 0.0, mean = 0.0, m2 = 0.0
        var i = start
        while i < n {
            let x = input[i]
            let before = i - start
            if before >= period {
                let old = input[i - period]
                let newMean = mean + (x - old) / p
                m2 += (x - old) * (x - newMean + old - mean)
                mean = newMean
            } else {
                let d = x - mean
                mean += d / Double(before + 1)
                m2 += d * (x - mean)
            }
            sum += x
            if before + 1 < period {
                (upper[i], middle[i], lower[i]) = (.nan, .nan, .nan)
            } else {
                let mid = sum * scale
                sum -= input[i - period + 1]
                let sigma = (m2 > 0 ? m2 / p : (m2.isNaN ? .nan : 0)).squareRoot()
                if mid.isNaN || sigma.isNaN {
                    (upper[i], middle[i], lower[i]) = (.nan, .nan, .nan)
                } else {
                    (upper[i], middle[i], lower[i]) = (mid + devUp * sigma, mid, mid - devDown * sigma)
                }
            }
            i += 1
        }
    }
}

/// Streaming Bollinger bands: same numbers as `TA.bbands`.
public struct BBANDS: Sendable {
    @usableFromInline var middle: MovingAverage
    @usableFromInline var moments: RollingMoments
    @usableFromInline let devUp: Double
    @usableFromInline let devDown: Double

    public init(period: Int = 20, devUp: Double = 2, devDown: Double = 2, type: MAType = .sma) throws(IndicatorError) {
        try IndicatorError.require("BBANDS", "timeperiod", period, atLeast: 1)
        middle = try MovingAverage(period: period, type: type)
        moments = try RollingMoments(period: period)
        self.devUp = devUp
        self.devDown = devDown
    }

    @inlinable
    public mutating func update(_ x: Double) -> (upper: Double, middle: Double, lower: Double) {
        let mid = middle.update(x)
        let sigma = moments.update(x).variance.squareRoot()
        if mid.isNaN || sigma.isNaN { return (.nan, .nan, .nan) }
        return (mid + devUp * sigma, mid, mid - devDown * sigma)
    }
}
