extension TA {
    /// SuperTrend (pandas-ta): atr = Wilder ATR(n); lb = hl2 − m·atr, ub = hl2 + m·atr. From the
    /// first ATR bar (bar n, which starts long): if C > ub[1] the direction is +1, if C < lb[1]
    /// it is −1, else it is kept and only then the active band ratchets (long: lb never falls,
    /// short: ub never rises). trend = lb when long, ub when short; `long`/`short` hold the
    /// active band and NaN on the inactive side. NaN: *poison*.
    @inlinable
    public static func supertrend(high: [Double], low: [Double], close: [Double], period: Int = 7,
                                  multiplier: Double = 3) throws(IndicatorError) -> (trend: [Double], direction: [Double], long: [Double], short: [Double]) {
        try requireSameLength("SUPERTREND", high.count, low.count, close.count)
        var state = try SuperTrend(period: period, multiplier: multiplier)
        var t = [Double](), d = [Double](), l = [Double](), s = [Double]()
        t.reserveCapacity(close.count); d.reserveCapacity(close.count); l.reserveCapacity(close.count); s.reserveCapacity(close.count)
        for i in close.indices {
            let r = state.update(high: high[i], low: low[i], close: close[i])
            t.append(r.trend); d.append(r.direction); l.append(r.long); s.append(r.short)
        }
        return (t, d, l, s)
    }
}

/// Streaming SuperTrend: same numbers as `TA.supertrend`.
public struct SuperTrend: Sendable {
    @usableFromInline var atr: ATR
    @usableFromInline let multiplier: Double
    @usableFromInline var started = false
    @usableFromInline var direction = 1.0
    @usableFromInline var upper = Double.nan
    @usableFromInline var lower = Double.nan

    public init(period: Int = 7, multiplier: Double = 3) throws(IndicatorError) {
        try IndicatorError.require("SUPERTREND", "length", period, atLeast: 1)
        atr = try ATR(period: period)
        self.multiplier = multiplier
    }

    @inlinable
    public mutating func update(high: Double, low: Double, close: Double) -> (trend: Double, direction: Double, long: Double, short: Double) {
        let a = atr.update(high: high, low: low, close: close)
        let mid = (high + low) / 2
        var ub = mid + multiplier * a
        var lb = mid - multiplier * a
        if started {
            if close > upper {
                direction = 1
            } else if close < lower {
                direction = -1
            } else {
                if direction > 0 && lb < lower { lb = lower }
                if direction < 0 && ub > upper { ub = upper }
            }
        }
        started = true
        upper = ub
        lower = lb
        if a.isNaN { return (.nan, .nan, .nan, .nan) }
        return direction > 0 ? (lb, 1, lb, .nan) : (ub, -1, .nan, ub)
    }
}
