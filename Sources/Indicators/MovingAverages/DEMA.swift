extension TA {
    /// Double EMA: 2·e1 − e2, e2 = EMA of e1 seeded on e1's first n values; first value at
    /// 2(n−1). NaN: leading skipped, then *poison*.
    @inlinable
    public static func dema(_ x: [Double], period: Int) throws(IndicatorError) -> [Double] {
        var state = try DEMA(period: period)
        return drive(x, &state)
    }
}

/// Streaming DEMA: same numbers as `TA.dema`.
public struct DEMA: SeriesIndicator {
    @usableFromInline var e1: EMA
    @usableFromInline var e2: EMA

    public init(period: Int) throws(IndicatorError) {
        e1 = try EMA(period: period)
        e2 = try EMA(period: period)
    }

    @inlinable
    public mutating func update(_ x: Double) -> Double {
        let a = e1.update(x)
        let b = e2.update(a)
        return 2 * a - b
    }
}
