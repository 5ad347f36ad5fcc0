extension TA {
    /// Keltner channels (pandas-ta `kc`, mamode "ema", tr true): basis = EMA(close, n) from
    /// n − 1; band = EMA(true range, n), seeded with mean(TR[1…n]) so it starts at bar n (an EMA
    /// of the true range, not Wilder's ATR); upper/lower = basis ± scalar·band.
    /// NaN: leading skipped, then *poison*.
    @inlinable
    public static func keltner(high: [Double], low: [Double], close: [Double], period: Int = 20,
                               scalar: Double = 2) throws(IndicatorError) -> (lower: [Double], basis: [Double], upper: [Double]) {
        try requireSameLength("KELTNER", high.count, low.count, close.count)
        var state = try Keltner(period: period, scalar: scalar)
        var lo = [Double](), mid = [Double](), up = [Double]()
        lo.reserveCapacity(close.count); mid.reserveCapacity(close.count); up.reserveCapacity(close.count)
        for i in close.indices {
            let r = state.update(high: high[i], low: low[i], close: close[i])
            lo.append(r.lower); mid.append(r.basis); up.append(r.upper)
        }
        return (lo, mid, up)
    }
}

/// Streaming Keltner channels: same numbers as `TA.keltner`.
public struct Keltner: Sendable {
    @usableFromInline var basis: EMA
    @usableFromInline var band: EMA
    @usableFromInline var trueRange = TrueRange()
    @usableFromInline let scalar: Double

    public init(period: Int = 20, scalar: Double = 2) throws(IndicatorError) {
        try IndicatorError.require("KELTNER", "length", period, atLeast: 1)
        basis = try EMA(period: period)
        band = basis
        self.scalar = scalar
    }

    @inlinable
    public mutating func update(high: Double, low: Double, close: Double) -> (lower: Double, basis: Double, upper: Double) {
        let b = basis.update(close)
        let width = band.update(trueRange.update(high: high, low: low, close: close))
        return (b - scalar * width, b, b + scalar * width)
    }
}
