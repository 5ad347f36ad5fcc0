extension TA {
    /// TRIX (TA-Lib): 100·(e3/e3[1] − 1) of a triple, SMA-seeded EMA; first value at
    /// 3(n−1) + 1; 0 when e3[1] = 0. NaN: leading skipped, then *poison*.
    @inlinable
    public static func trix(_ x: [Double], period: Int = 30) throws(IndicatorError) -> [Double] {
        var state = try TRIX(period: period)
        return drive(x, &state)
    }
}

/// Streaming TRIX: same numbers as `TA.trix`.
public struct TRIX: SeriesIndicator {
    @usableFromInline var e1: EMA
    @usableFromInline var e2: EMA
    @usableFromInline var e3: EMA
    @usableFromInline var change: Momentum

    public init(period: Int = 30) throws(IndicatorError) {
        try IndicatorError.require("TRIX", "timeperiod", period, atLeast: 1)
        e1 = try EMA(period: period)
        e2 = e1
        e3 = e1
        change = try Momentum(period: 1, kind: .percent)
    }

    @inlinable
    public mutating func update(_ x: Double) -> Double {
        change.update(e3.update(e2.update(e1.update(x))))
    }
}
