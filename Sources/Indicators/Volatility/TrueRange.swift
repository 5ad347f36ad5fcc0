extension TA {
    /// True range: max(H − L, |H − C[1]|, |L − C[1]|), first value at bar 1 (bar 0 has no
    /// previous close). NaN: affects the bars that read it.
    @inlinable
    public static func trange(high: [Double], low: [Double], close: [Double]) throws(IndicatorError) -> [Double] {
        try requireSameLength("TRANGE", high.count, low.count, close.count)
        var state = TrueRange()
        return close.indices.map { state.update(high: high[$0], low: low[$0], close: close[$0]) }
    }
}

/// Streaming true range: same numbers as `TA.trange`.
public struct TrueRange: Sendable {
    @usableFromInline var previousClose = Double.nan
    @usableFromInline var started = false

    public init() {}

    /// The true range of a bar given the previous close.
    @inlinable @inline(__always)
    public static func of(high: Double, low: Double, previousClose: Double) -> Double {
        let a = high - low
        let b = Swift.abs(high - previousClose)
        let c = Swift.abs(low - previousClose)
        if a.isNaN || b.isNaN || c.isNaN { return .nan }
        return Swift.max(a, b, c)
    }

    @inlinable
    public mutating func update(high: Double, low: Double, close: Double) -> Double {
        defer { previousClose = close; started = true }
        return started ? TrueRange.of(high: high, low: low, previousClose: previousClose) : .nan
    }
}
