extension TA {
    /// Ultimate oscillator (TA-Lib ULTOSC): BP = C − min(L, C[1]), TR = max(H, C[1]) − min(L, C[1]);
    /// A_p = ΣBP/ΣTR over p bars (a term is 0 when its ΣTR ≈ 0); UO = 100·(4·A₁ + 2·A₂ + A₃)/7
    /// with the periods sorted shortest first. First value at the longest period.
    /// NaN: running sums, *poison*.
    @inlinable
    public static func ultosc(high: [Double], low: [Double], close: [Double],
                              period1: Int = 7, period2: Int = 14, period3: Int = 28) throws(IndicatorError) -> [Double] {
        try requireSameLength("ULTOSC", high.count, low.count, close.count)
        var state = try ULTOSC(period1: period1, period2: period2, period3: period3)
        return close.indices.map { state.update(high: high[$0], low: low[$0], close: close[$0]) }
    }
}

/// Streaming ULTOSC: same numbers as `TA.ultosc`.
public struct ULTOSC: Sendable {
    @usableFromInline let periods: (Int, Int, Int)
    @usableFromInline var pressure: RingBuffer
    @usableFromInline var range: RingBuffer
    @usableFromInline var pressureSums = (0.0, 0.0, 0.0)
    @usableFromInline var rangeSums = (0.0, 0.0, 0.0)
    @usableFromInline var previousClose = Double.nan
    @usableFromInline var started = false

    public init(period1: Int = 7, period2: Int = 14, period3: Int = 28) throws(IndicatorError) {
        try IndicatorError.require("ULTOSC", "timeperiod1", period1, atLeast: 1)
        try IndicatorError.require("ULTOSC", "timeperiod2", period2, atLeast: 1)
        try IndicatorError.require("ULTOSC", "timeperiod3", period3, atLeast: 1)
        let sorted = [period1, period2, period3].sorted()
        periods = (sorted[0], sorted[1], sorted[2])
        pressure = RingBuffer(capacity: sorted[2])
        range = RingBuffer(capacity: sorted[2])
    }

    @inlinable
    public mutating func update(high: Double, low: Double, close: Double) -> Double {
        defer { previousClose = close }
        guard started else { started = true; return .nan }
        let trueLow = Swift.min(low, previousClose)
        var bp = close - trueLow
        let tr = Swift.max(high, previousClose) - trueLow
        if low.isNaN || previousClose.isNaN || high.isNaN { bp = .nan }
        let count = pressure.count
        if count >= periods.0 { pressureSums.0 -= pressure.back(periods.0 - 1); rangeSums.0 -= range.back(periods.0 - 1) }
        if count >= periods.1 { pressureSums.1 -= pressure.back(periods.1 - 1); rangeSums.1 -= range.back(periods.1 - 1) }
        if count >= periods.2 { pressureSums.2 -= pressure.back(periods.2 - 1); rangeSums.2 -= range.back(periods.2 - 1) }
        pressure.push(bp)
        range.push(tr)
        pressureSums.0 += bp; pressureSums.1 += bp; pressureSums.2 += bp
        rangeSums.0 += tr; rangeSums.1 += tr; rangeSums.2 += tr
        guard pressure.isFull else { return .nan }
        var total = 0.0
        if !ZeroGuard.isZero(rangeSums.0) { total += 4 * (pressureSums.0 / rangeSums.0) }
        if !ZeroGuard.isZero(rangeSums.1) { total += 2 * (pressureSums.1 / rangeSums.1) }
        if !ZeroGuard.isZero(rangeSums.2) { total += pressureSums.2 / rangeSums.2 }
        return 100 * (total / 7)
    }
}
