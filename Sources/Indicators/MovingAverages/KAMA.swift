extension TA {
    /// Kaufman adaptive moving average (TA-Lib): seed KAMA[n−1] = x[n−1], first value at n.
    /// ER = |x − x[n]| / Σ|Δx| over the last n changes (1 when that sum is ≤ the change or ≈ 0),
    /// sc = (ER·(2/3 − 2/31) + 2/31)², KAMA += sc·(x − KAMA). NaN: leading skipped, then *poison*.
    @inlinable
    public static func kama(_ x: [Double], period: Int) throws(IndicatorError) -> [Double] {
        var state = try KAMA(period: period)
        return drive(x, &state)
    }
}

/// Streaming KAMA: same numbers as `TA.kama`.
public struct KAMA: SeriesIndicator {
    @usableFromInline let period: Int
    @usableFromInline var window: RingBuffer
    @usableFromInline var count = 0
    @usableFromInline var volatility = 0.0
    @usableFromInline var kama = 0.0

    public init(period: Int) throws(IndicatorError) {
        try IndicatorError.require("KAMA", "timeperiod", period, atLeast: 1)
        self.period = period
        window = RingBuffer(capacity: period + 1)
    }

    @inlinable
    public mutating func update(_ x: Double) -> Double {
        if count == 0 && x.isNaN { return .nan }
        if count > 0 {
            if count > period {
                volatility -= Swift.abs(window.back(period - 1) - window.oldest)
            }
            volatility += Swift.abs(x - window.back(0))
        }
        window.push(x)
        count += 1
        if count < period { return .nan }
        if count == period {
            kama = x
            return .nan
        }
        let change = x - window.oldest
        let slowest = 2.0 / 31.0
        var er = 1.0
        if !(volatility <= change || ZeroGuard.isZero(volatility)) { er = Swift.abs(change / volatility) }
        var sc = er * (2.0 / 3.0 - slowest) + slowest
        sc *= sc
        kama = (x - kama) * sc + kama
        return kama
    }
}
