extension TA {
    /// Average directional index (TA-Lib): DX from bar n (see `DirectionalMovement`); ADX at bar
    /// 2n−1 is the mean of the first n DX values, then ADX = (ADX·(n−1) + DX)/n. An undefined
    /// DX (+DI + −DI ≈ 0) leaves ADX unchanged. NaN: *poison*.
    @inlinable
    public static func adx(high: [Double], low: [Double], close: [Double], period: Int = 14) throws(IndicatorError) -> [Double] {
        try requireSameLength("ADX", high.count, low.count, close.count)
        var state = try ADX(period: period)
        return close.indices.map { state.update(high: high[$0], low: low[$0], close: close[$0]) }
    }

    /// ADX rating (TA-Lib ADXR): (ADX + ADX[n−1])/2 — a lag of n−1, so the first value is at 3n−2.
    @inlinable
    public static func adxr(high: [Double], low: [Double], close: [Double], period: Int = 14) throws(IndicatorError) -> [Double] {
        try requireSameLength("ADXR", high.count, low.count, close.count)
        var state = try ADXR(period: period)
        return close.indices.map { state.update(high: high[$0], low: low[$0], close: close[$0]) }
    }
}

/// Streaming ADX: same numbers as `TA.adx`.
public struct ADX: Sendable {
    @usableFromInline var dm: DirectionalMovement
    @usableFromInline let n: Double
    @usableFromInline var count = 0
    @usableFromInline var value = 0.0

    public init(period: Int = 14) throws(IndicatorError) {
        dm = try DirectionalMovement(indicator: "ADX", period: period)
        n = Double(period)
    }

    @inlinable
    public mutating func update(high: Double, low: Double, close: Double) -> Double {
        let (plus, minus) = dm.update(high: high, low: low, close: close)
        if plus.isNaN || minus.isNaN {
            if count > 0 { value = .nan }
            return .nan
        }
        let dx = DirectionalMovement.dx(plus: plus, minus: minus)
        count += 1
        if count <= dm.period {
            value += dx ?? 0
            if count < dm.period { return .nan }
            value /= n
            return value
        }
        if let dx { value = (value * (n - 1) + dx) / n }
        return value
    }
}

/// Streaming ADXR: same numbers as `TA.adxr`.
public struct ADXR: Sendable {
    @usableFromInline var adx: ADX
    @usableFromInline var history: RingBuffer

    public init(period: Int = 14) throws(IndicatorError) {
        try IndicatorError.require("ADXR", "timeperiod", period, atLeast: 1)
        adx = try ADX(period: period)
        history = RingBuffer(capacity: period)
    }

    @inlinable
    public mutating func update(high: Double, low: Double, close: Double) -> Double {
        let a = adx.update(high: high, low: low, close: close)
        if a.isNaN && history.count == 0 { return .nan }
        history.push(a)
        guard history.isFull else { return .nan }
        return (a + history.oldest) / 2
    }
}
