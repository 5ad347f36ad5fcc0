extension TA {
    /// Relative strength index (Wilder, TA-Lib): 100·g/(g+l) of the Wilder-smoothed average
    /// gain g and loss l, first value at bar n; 0 when g + l ≈ 0. NaN: leading skipped, then *poison*.
    @inlinable
    public static func rsi(_ x: [Double], period: Int) throws(IndicatorError) -> [Double] {
        var state = try RSI(period: period)
        return drive(x, &state)
    }
}

/// Streaming RSI: same numbers as `TA.rsi`.
public struct RSI: SeriesIndicator {
    @usableFromInline var averages: WilderGainLoss

    public init(period: Int) throws(IndicatorError) {
        averages = try WilderGainLoss(indicator: "RSI", period: period)
    }

    @inlinable
    public mutating func update(_ x: Double) -> Double {
        let (g, l) = averages.update(x)
        let total = g + l
        if total.isNaN { return .nan }
        return ZeroGuard.isZero(total) ? 0 : 100 * (g / total)
    }
}
