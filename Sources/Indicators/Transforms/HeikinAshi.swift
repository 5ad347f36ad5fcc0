extension TA {
    /// Heikin-Ashi candles (pandas-ta `ha`): close = (O+H+L+C)/4; open[0] = (O[0] + C[0])/2,
    /// then open = (open[1] + close[1])/2; high = max(H, open, close); low = min(L, open, close).
    /// Recursive, so values depend on the first bar. NaN: *poison* through the open.
    @inlinable
    public static func heikinAshi(open: [Double], high: [Double], low: [Double],
                                  close: [Double]) throws(IndicatorError) -> (open: [Double], high: [Double], low: [Double], close: [Double]) {
        try requireSameLength("HEIKIN_ASHI", open.count, high.count, low.count, close.count)
        var state = HeikinAshi()
        var o = [Double](), h = [Double](), l = [Double](), c = [Double]()
        o.reserveCapacity(open.count); h.reserveCapacity(open.count); l.reserveCapacity(open.count); c.reserveCapacity(open.count)
        for i in open.indices {
            let r = state.update(open: open[i], high: high[i], low: low[i], close: close[i])
            o.append(r.open); h.append(r.high); l.append(r.low); c.append(r.close)
        }
        return (o, h, l, c)
    }
}

/// Streaming Heikin-Ashi: same numbers as `TA.heikinAshi`.
public struct HeikinAshi: Sendable {
    @usableFromInline var previous: (open: Double, close: Double)?

    public init() {}

    @inlinable
    public mutating func update(open: Double, high: Double, low: Double, close: Double) -> (open: Double, high: Double, low: Double, close: Double) {
        let haClose = 0.25 * (open + high + low + close)
        let haOpen = previous.map { ($0.open + $0.close) / 2 } ?? (open + close) / 2
        previous = (haOpen, haClose)
        if haOpen.isNaN || haClose.isNaN { return (.nan, .nan, .nan, .nan) }
        return (haOpen, Swift.max(high, haOpen, haClose), Swift.min(low, haOpen, haClose), haClose)
    }
}
