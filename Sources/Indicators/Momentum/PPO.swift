extension TA {
    /// Percentage price oscillator (TA-Lib 0.8): 100·(MA_fast − MA_slow)/MA_slow with ordinary
    /// moving averages of `type` (EMA by default, both seeded from the start of the series,
    /// unlike MACD), starting where both exist; 0 when MA_slow ≈ 0. Periods are swapped if
    /// slow < fast. NaN: leading skipped, then *poison*.
    @inlinable
    public static func ppo(_ x: [Double], fast: Int = 12, slow: Int = 26, type: MAType = .ema) throws(IndicatorError) -> [Double] {
        var state = try PPO(fast: fast, slow: slow, type: type)
        return drive(x, &state)
    }
}

/// Streaming PPO: same numbers as `TA.ppo`.
public struct PPO: SeriesIndicator {
    @usableFromInline var fast: MovingAverage
    @usableFromInline var slow: MovingAverage

    public init(fast: Int = 12, slow: Int = 26, type: MAType = .ema) throws(IndicatorError) {
        try IndicatorError.require("PPO", "fastperiod", fast, atLeast: 1)
        try IndicatorError.require("PPO", "slowperiod", slow, atLeast: 1)
        let (f, s) = slow < fast ? (slow, fast) : (fast, slow)
        self.fast = try MovingAverage(period: f, type: type)
        self.slow = try MovingAverage(period: s, type: type)
    }

    @inlinable
    public mutating func update(_ x: Double) -> Double {
        let f = fast.update(x)
        let s = slow.update(x)
        if f.isNaN || s.isNaN { return .nan }
        return ZeroGuard.isZero(s) ? 0 : ((f - s) / s) * 100
    }
}
