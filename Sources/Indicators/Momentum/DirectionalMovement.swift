/// Wilder's directional indicators +DI and −DI (TA-Lib), the core of PLUS_DI, MINUS_DI, ADX
/// and ADXR.
///
/// up = H − H[1], dn = L[1] − L; +DM = up if up > 0 and up > dn, −DM = dn if dn > 0 and dn > up,
/// else 0. The smoothed sums of ±DM and the true range are seeded with the sum of bars 1…n−1
/// and from bar n on follow S = S − S/n + x. DI = 100·S_DM/S_TR (0 when S_TR ≈ 0), first value
/// at bar n. NaN: running sums, *poison*.
public struct DirectionalMovement: Sendable {
    @usableFromInline let period: Int
    @usableFromInline let n: Double
    @usableFromInline var bar = -1
    @usableFromInline var previous = (high: 0.0, low: 0.0, close: 0.0)
    @usableFromInline var plus = 0.0
    @usableFromInline var minus = 0.0
    @usableFromInline var range = 0.0

    public init(indicator: String, period: Int) throws(IndicatorError) {
        try IndicatorError.require(indicator, "timeperiod", period, atLeast: 1)
        self.period = period
        n = Double(period)
    }

    /// Adds one bar; returns (+DI, −DI), or NaN before bar n.
    @inlinable
    public mutating func update(high: Double, low: Double, close: Double) -> (plus: Double, minus: Double) {
        bar += 1
        defer { previous = (high, low, close) }
        if bar == 0 { return (.nan, .nan) }
        let up = high - previous.high
        let down = previous.low - low
        var plusDM = (up > 0 && up > down) ? up : 0
        let minusDM = (down > 0 && down > up) ? down : 0
        if up.isNaN || down.isNaN { plusDM = .nan }
        let tr = TrueRange.of(high: high, low: low, previousClose: previous.close)
        if bar < period {
            plus += plusDM
            minus += minusDM
            range += tr
            return (.nan, .nan)
        }
        plus = plus - plus / n + plusDM
        minus = minus - minus / n + minusDM
        range = range - range / n + tr
        if plus.isNaN || range.isNaN { return (.nan, .nan) }
        if ZeroGuard.isZero(range) { return (0, 0) }
        return (100 * (plus / range), 100 * (minus / range))
    }

    /// DX = 100·|+DI − −DI|/(+DI + −DI), nil when the sum is ≈ 0 (undefined: TA-Lib's ADX then
    /// keeps its previous value).
    @inlinable
    public static func dx(plus: Double, minus: Double) -> Double? {
        let sum = plus + minus
        if ZeroGuard.isZero(sum) { return nil }
        return 100 * (Swift.abs(minus - plus) / sum)
    }
}

extension TA {
    /// Plus directional indicator (TA-Lib PLUS_DI); see `DirectionalMovement`. First value at n.
    @inlinable
    public static func plusDI(high: [Double], low: [Double], close: [Double], period: Int = 14) throws(IndicatorError) -> [Double] {
        try requireSameLength("PLUS_DI", high.count, low.count, close.count)
        var state = try DirectionalMovement(indicator: "PLUS_DI", period: period)
        return close.indices.map { state.update(high: high[$0], low: low[$0], close: close[$0]).plus }
    }

    /// Minus directional indicator (TA-Lib MINUS_DI); see `DirectionalMovement`. First value at n.
    @inlinable
    public static func minusDI(high: [Double], low: [Double], close: [Double], period: Int = 14) throws(IndicatorError) -> [Double] {
        try requireSameLength("MINUS_DI", high.count, low.count, close.count)
        var state = try DirectionalMovement(indicator: "MINUS_DI", period: period)
        return close.indices.map { state.update(high: high[$0], low: low[$0], close: close[$0]).minus }
    }
}
