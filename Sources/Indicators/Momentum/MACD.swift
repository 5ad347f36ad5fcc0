extension TA {
    /// MACD (TA-Lib): line = fast EMA − slow EMA, signal = EMA(signal) of the line,
    /// hist = line − signal. The slow EMA is ordinary; the fast EMA is seeded at the slow one's
    /// first bar (slow − 1) with the SMA of the `fast` values ending there (TA-Lib's late seed).
    /// All three start at (slow − 1) + (signal − 1). Periods are swapped if slow < fast.
    /// NaN: leading skipped, then *poison*.
    @inlinable
    public static func macd(_ x: [Double], fast: Int = 12, slow: Int = 26, signal: Int = 9) throws(IndicatorError) -> (macd: [Double], signal: [Double], histogram: [Double]) {
        var state = try MACD(fast: fast, slow: slow, signal: signal)
        var m = [Double](), s = [Double](), h = [Double]()
        m.reserveCapacity(x.count); s.reserveCapacity(x.count); h.reserveCapacity(x.count)
        for v in x {
            let r = state.update(v)
            m.append(r.macd); s.append(r.signal); h.append(r.histogram)
        }
        return (m, s, h)
    }
}

/// Streaming MACD: same numbers as `TA.macd`.
public struct MACD: Sendable {
    @usableFromInline var fast: EMA
    @usableFromInline var slow: EMA
    @usableFromInline var signal: EMA
    @usableFromInline let fastStart: Int
    @usableFromInline var seen = 0

    public init(fast: Int = 12, slow: Int = 26, signal: Int = 9) throws(IndicatorError) {
        try IndicatorError.require("MACD", "fastperiod", fast, atLeast: 1)
        try IndicatorError.require("MACD", "slowperiod", slow, atLeast: 1)
        try IndicatorError.require("MACD", "signalperiod", signal, atLeast: 1)
        let (f, s) = slow < fast ? (slow, fast) : (fast, slow)
        self.fast = try EMA(period: f)
        self.slow = try EMA(period: s)
        self.signal = try EMA(period: signal)
        fastStart = s - f
    }

    @inlinable
    public mutating func update(_ x: Double) -> (macd: Double, signal: Double, histogram: Double) {
        if seen == 0 && x.isNaN { return (.nan, .nan, .nan) }
        let s = slow.update(x)
        let f = seen >= fastStart ? fast.update(x) : .nan
        seen += 1
        let line = f - s
        let sig = signal.update(line)
        if sig.isNaN { return (.nan, .nan, .nan) }
        return (line, sig, line - sig)
    }
}
