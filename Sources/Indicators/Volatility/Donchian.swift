extension TA {
    /// Donchian channels (pandas-ta): upper = highest high of the last `upperPeriod` bars and
    /// lower = lowest low of the last `lowerPeriod` bars, both including the current bar (so a
    /// breakout rule must compare with the previous bar's band); mid = (upper + lower)/2.
    /// NaN rule *window*.
    @inlinable
    public static func donchian(high: [Double], low: [Double], lowerPeriod: Int = 20,
                                upperPeriod: Int = 20) throws(IndicatorError) -> (lower: [Double], mid: [Double], upper: [Double]) {
        try requireSameLength("DONCHIAN", high.count, low.count)
        var state = try Donchian(lowerPeriod: lowerPeriod, upperPeriod: upperPeriod)
        var lo = [Double](), mid = [Double](), up = [Double]()
        lo.reserveCapacity(high.count); mid.reserveCapacity(high.count); up.reserveCapacity(high.count)
        for i in high.indices {
            let r = state.update(high: high[i], low: low[i])
            lo.append(r.lower); mid.append(r.mid); up.append(r.upper)
        }
        return (lo, mid, up)
    }
}

/// Streaming Donchian channels: same numbers as `TA.donchian`.
public struct Donchian: Sendable {
    @usableFromInline var highest: RollingExtremum
    @usableFromInline var lowest: RollingExtremum

    public init(lowerPeriod: Int = 20, upperPeriod: Int = 20) throws(IndicatorError) {
        try IndicatorError.require("DONCHIAN", "lower_length", lowerPeriod, atLeast: 1)
        try IndicatorError.require("DONCHIAN", "upper_length", upperPeriod, atLeast: 1)
        highest = try RollingExtremum(period: upperPeriod, maximum: true)
        lowest = try RollingExtremum(period: lowerPeriod, maximum: false)
    }

    @inlinable
    public mutating func update(high: Double, low: Double) -> (lower: Double, mid: Double, upper: Double) {
        let up = highest.update(high).value
        let lo = lowest.update(low).value
        return (lo, (up + lo) / 2, up)
    }
}
