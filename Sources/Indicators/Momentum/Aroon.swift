extension TA {
    /// Aroon (TA-Lib): over the last n+1 bars, up = 100·(n − bars since the highest high)/n and
    /// down likewise with the lowest low; the most recent extreme wins ties. First values at
    /// bar n. NaN rule *window*.
    @inlinable
    public static func aroon(high: [Double], low: [Double], period: Int = 14) throws(IndicatorError) -> (down: [Double], up: [Double]) {
        try requireSameLength("AROON", high.count, low.count)
        var state = try Aroon(period: period)
        var d = [Double](), u = [Double]()
        d.reserveCapacity(high.count); u.reserveCapacity(high.count)
        for i in high.indices {
            let r = state.update(high: high[i], low: low[i])
            d.append(r.down); u.append(r.up)
        }
        return (d, u)
    }

    /// Aroon oscillator: up − down (TA-Lib AROONOSC). NaN rule *window*.
    @inlinable
    public static func aroonosc(high: [Double], low: [Double], period: Int = 14) throws(IndicatorError) -> [Double] {
        try requireSameLength("AROONOSC", high.count, low.count)
        var state = try Aroon(period: period)
        return high.indices.map { state.update(high: high[$0], low: low[$0]).oscillator }
    }
}

/// Streaming Aroon and Aroon oscillator: same numbers as `TA.aroon` and `TA.aroonosc`.
public struct Aroon: Sendable {
    @usableFromInline var highest: RollingExtremum
    @usableFromInline var lowest: RollingExtremum
    @usableFromInline let period: Int
    @usableFromInline var bar = -1

    public init(period: Int = 14) throws(IndicatorError) {
        try IndicatorError.require("AROON", "timeperiod", period, atLeast: 1)
        self.period = period
        highest = try RollingExtremum(period: period + 1, maximum: true)
        lowest = try RollingExtremum(period: period + 1, maximum: false)
    }

    @inlinable
    public mutating func update(high: Double, low: Double) -> (down: Double, up: Double, oscillator: Double) {
        bar += 1
        let hi = highest.update(high), lo = lowest.update(low)
        if hi.index < 0 || lo.index < 0 { return (.nan, .nan, .nan) }
        let factor = 100.0 / Double(period)
        let up = factor * Double(period - (bar - hi.index))
        let down = factor * Double(period - (bar - lo.index))
        return (down, up, factor * Double(hi.index - lo.index))
    }
}
