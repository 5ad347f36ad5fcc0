extension TA {
    /// Chaikin accumulation/distribution line (TA-Lib AD): Σ ((C−L) − (H−C))/(H−L)·volume from 0;
    /// a bar with H = L adds nothing. NaN: *poison*.
    @inlinable
    public static func ad(high: [Double], low: [Double], close: [Double], volume: [Double]) throws(IndicatorError) -> [Double] {
        try requireSameLength("AD", high.count, low.count, close.count, volume.count)
        var state = AccumulationDistribution()
        return close.indices.map { state.update(high: high[$0], low: low[$0], close: close[$0], volume: volume[$0]) }
    }

    /// Chaikin A/D oscillator (TA-Lib ADOSC): EMA_fast(AD) − EMA_slow(AD), k = 2/(n+1), both
    /// EMAs seeded with AD[0] at bar 0 (no SMA seed); output from bar max(fast, slow) − 1.
    /// NaN: *poison*.
    @inlinable
    public static func adosc(high: [Double], low: [Double], close: [Double], volume: [Double],
                             fast: Int = 3, slow: Int = 10) throws(IndicatorError) -> [Double] {
        try requireSameLength("ADOSC", high.count, low.count, close.count, volume.count)
        var state = try ChaikinOscillator(fast: fast, slow: slow)
        return close.indices.map { state.update(high: high[$0], low: low[$0], close: close[$0], volume: volume[$0]) }
    }
}

/// Streaming AD line: same numbers as `TA.ad`.
public struct AccumulationDistribution: Sendable {
    @usableFromInline var total = 0.0

    public init() {}

    @inlinable
    public mutating func update(high: Double, low: Double, close: Double, volume: Double) -> Double {
        let range = high - low
        if range > 0 {
            total += (((close - low) - (high - close)) / range) * volume
        } else if range.isNaN || close.isNaN || volume.isNaN {
            total = .nan
        }
        return total
    }
}

/// Streaming ADOSC: same numbers as `TA.adosc`.
public struct ChaikinOscillator: Sendable {
    @usableFromInline var line = AccumulationDistribution()
    @usableFromInline let fastK: Double
    @usableFromInline let slowK: Double
    @usableFromInline let lookback: Int
    @usableFromInline var bar = -1
    @usableFromInline var fast = 0.0
    @usableFromInline var slow = 0.0

    public init(fast: Int = 3, slow: Int = 10) throws(IndicatorError) {
        try IndicatorError.require("ADOSC", "fastperiod", fast, atLeast: 1)
        try IndicatorError.require("ADOSC", "slowperiod", slow, atLeast: 1)
        fastK = 2.0 / Double(fast + 1)
        slowK = 2.0 / Double(slow + 1)
        lookback = Swift.max(fast, slow) - 1
    }

    @inlinable
    public mutating func update(high: Double, low: Double, close: Double, volume: Double) -> Double {
        let ad = line.update(high: high, low: low, close: close, volume: volume)
        bar += 1
        if bar == 0 {
            fast = ad
            slow = ad
        } else {
            fast = fastK * ad + (1 - fastK) * fast
            slow = slowK * ad + (1 - slowK) * slow
        }
        return bar < lookback ? .nan : fast - slow
    }
}
