extension TA {
    /// Chande momentum oscillator as TA-Lib computes it: Wilder-smoothed like RSI,
    /// 100·(g−l)/(g+l) (= 2·RSI − 100); 0 when g + l ≈ 0. NaN: leading skipped, then *poison*.
    @inlinable
    public static func cmo(_ x: [Double], period: Int) throws(IndicatorError) -> [Double] {
        var state = try CMO(period: period)
        return drive(x, &state)
    }
}

/// Streaming CMO: same numbers as `TA.cmo`.
public struct CMO: SeriesIndicator {
    @usableFromInline var averages: WilderGainLoss

    public init(period: Int) throws(IndicatorError) {
        averages = try WilderGainLoss(indicator: "CMO", period: period)
    }

    @inlinable
    public mutating func update(_ x: Double) -> Double {
        let (g, l) = averages.update(x)
        let total = g + l
        if total.isNaN { return .nan }
        return ZeroGuard.isZero(total) ? 0 : 100 * ((g - l) / total)
    }
}
