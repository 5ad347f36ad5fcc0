extension TA {
    /// Triple EMA: 3·e1 − 3·e2 + e3 of chained, SMA-seeded EMAs; first value at 3(n−1).
    /// NaN: leading skipped, then *poison*.
    @inlinable
    public static func tema(_ x: [Double], period: Int) throws(IndicatorError) -> [Double] {
        var state = try TEMA(period: period)
        return drive(x, &state)
    }
}

/// Streaming TEMA: same numbers as `TA.tema`.
public struct TEMA: SeriesIndicator {
    @usableFromInline var e1: EMA
    @usableFromInline var e2: EMA
    @usableFromInline var e3: EMA

    public init(period: Int) throws(IndicatorError) {
        e1 = try EMA(period: period)
        e2 = try EMA(period: period)
        e3 = try EMA(period: period)
    }

    @inlinable
    public mutating func update(_ x: Double) -> Double {
        let a = e1.update(x)
        let b = e2.update(a)
        let c = e3.update(b)
        return 3 * a - 3 * b + c
    }
}
