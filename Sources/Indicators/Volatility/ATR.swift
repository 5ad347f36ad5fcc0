extension TA {
    /// Average true range (Wilder, TA-Lib): ATR[n] = mean(TR[1…n]), then
    /// ATR = (ATR·(n−1) + TR)/n. NaN: *poison*.
    @inlinable
    public static func atr(high: [Double], low: [Double], close: [Double], period: Int = 14) throws(IndicatorError) -> [Double] {
        try requireSameLength("ATR", high.count, low.count, close.count)
        var state = try ATR(period: period)
        return high.withUnsafeBufferPointer { h in
            low.withUnsafeBufferPointer { l in
                close.withUnsafeBufferPointer { c in
                    Array(unsafeUninitializedCapacity: c.count) { out, initialized in
                        for i in 0..<c.count { out[i] = state.update(high: h[i], low: l[i], close: c[i]) }
                        initialized = c.count
                    }
                }
            }
        }
    }

    /// Normalized ATR in percent of the close: 100·ATR/C, 0 when C ≈ 0. NaN: *poison*.
    @inlinable
    public static func natr(high: [Double], low: [Double], close: [Double], period: Int = 14) throws(IndicatorError) -> [Double] {
        try requireSameLength("NATR", high.count, low.count, close.count)
        var state = try NATR(period: period)
        return close.indices.map { state.update(high: high[$0], low: low[$0], close: close[$0]) }
    }
}

/// Streaming ATR: same numbers as `TA.atr`.
public struct ATR: Sendable {
    @usableFromInline var trueRange = TrueRange()
    @usableFromInline let n: Double
    @usableFromInline let period: Int
    @usableFromInline var count = 0
    @usableFromInline var value = 0.0

    public init(period: Int = 14) throws(IndicatorError) {
        try IndicatorError.require("ATR", "timeperiod", period, atLeast: 1)
        self.period = period
        n = Double(period)
    }

    @inlinable
    public mutating func update(high: Double, low: Double, close: Double) -> Double {
        let isFirstBar = !trueRange.started
        let tr = trueRange.update(high: high, low: low, close: close)
        if isFirstBar { return .nan }
        count += 1
        if count <= period {
            value += tr
            if count < period { return .nan }
            value /= n
            return value
        }
        value = (value * (n - 1) + tr) / n
        return value
    }
}

/// Streaming NATR: same numbers as `TA.natr`.
public struct NATR: Sendable {
    @usableFromInline var atr: ATR

    public init(period: Int = 14) throws(IndicatorError) {
        try IndicatorError.require("NATR", "timeperiod", period, atLeast: 1)
        atr = try ATR(period: period)
    }

    @inlinable
    public mutating func update(high: Double, low: Double, close: Double) -> Double {
        let a = atr.update(high: high, low: low, close: close)
        if a.isNaN || close.isNaN { return .nan }
        return ZeroGuard.isZero(close) ? 0 : (a / close) * 100
    }
}
