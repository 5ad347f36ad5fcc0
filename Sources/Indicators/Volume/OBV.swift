extension TA {
    /// On-balance volume (TA-Lib): starts at volume[0], then adds the volume on an up close,
    /// subtracts it on a down close, keeps it on an equal close. NaN: *poison*.
    @inlinable
    public static func obv(close: [Double], volume: [Double]) throws(IndicatorError) -> [Double] {
        try requireSameLength("OBV", close.count, volume.count)
        var state = OBV()
        return close.indices.map { state.update(close: close[$0], volume: volume[$0]) }
    }
}

/// Streaming OBV: same numbers as `TA.obv`.
public struct OBV: Sendable {
    @usableFromInline var total = Double.nan
    @usableFromInline var previousClose = Double.nan
    @usableFromInline var started = false

    public init() {}

    @inlinable
    public mutating func update(close: Double, volume: Double) -> Double {
        defer { previousClose = close }
        if !started {
            started = true
            total = volume
        } else if close > previousClose {
            total += volume
        } else if close < previousClose {
            total -= volume
        } else if close.isNaN || previousClose.isNaN {
            total = .nan
        }
        return total
    }
}
