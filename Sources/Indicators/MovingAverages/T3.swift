extension TA {
    /// Tillson T3 (TA-Lib): six chained SMA-seeded EMAs, c1·e6 + c2·e5 + c3·e4 + c4·e3 with
    /// a = vfactor, c1 = −a³, c2 = 3a² + 3a³, c3 = −6a² − 3a − 3a³, c4 = 1 + 3a + a³ + 3a²;
    /// first value at 6(n−1). NaN: leading skipped, then *poison*.
    @inlinable
    public static func t3(_ x: [Double], period: Int, vfactor: Double = 0.7) throws(IndicatorError) -> [Double] {
        var state = try T3(period: period, vfactor: vfactor)
        return drive(x, &state)
    }
}

/// Streaming T3: same numbers as `TA.t3`.
public struct T3: SeriesIndicator {
    @usableFromInline var e: (EMA, EMA, EMA, EMA, EMA, EMA)
    @usableFromInline let c: (Double, Double, Double, Double)

    public init(period: Int, vfactor: Double = 0.7) throws(IndicatorError) {
        let ema = try EMA(period: period)
        e = (ema, ema, ema, ema, ema, ema)
        let a = vfactor, a2 = a * a, a3 = a2 * a
        c = (-a3, 3 * a2 + 3 * a3, -6 * a2 - 3 * a - 3 * a3, 1 + 3 * a + a3 + 3 * a2)
    }

    @inlinable
    public mutating func update(_ x: Double) -> Double {
        let e1 = e.0.update(x)
        let e2 = e.1.update(e1)
        let e3 = e.2.update(e2)
        let e4 = e.3.update(e3)
        let e5 = e.4.update(e4)
        let e6 = e.5.update(e5)
        return c.0 * e6 + c.1 * e5 + c.2 * e4 + c.3 * e3
    }
}
