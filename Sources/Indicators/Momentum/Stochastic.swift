/// Raw stochastic %K: 100·(C − LL)/(HH − LL) over the last n bars; 0 when the range is ≈ 0
/// relative to the prices. NaN rule *window*.
public struct StochasticK: Sendable {
    @usableFromInline var range: HighLowWindow

    public init(indicator: String, period: Int) throws(IndicatorError) {
        try IndicatorError.require(indicator, "fastk_period", period, atLeast: 1)
        range = try HighLowWindow(period: period)
    }

    @inlinable
    public mutating func update(high: Double, low: Double, close: Double) -> Double {
        let (hh, ll) = range.update(high: high, low: low)
        let width = hh - ll
        if width.isNaN || close.isNaN { return .nan }
        if ZeroGuard.isZero(difference: width, scale: hh) { return 0 }
        return (close - ll) / (width / 100)
    }
}

extension TA {
    /// Fast stochastic (TA-Lib STOCHF): fastk = raw %K over `fastK` bars, fastd = MA(fastk).
    /// Both start where fastd does: (fastK − 1) + the MA's lookback. NaN: rule *window* for the
    /// range, then *poison* in the MA.
    @inlinable
    public static func stochf(high: [Double], low: [Double], close: [Double],
                              fastK: Int = 5, fastD: Int = 3, fastDType: MAType = .sma) throws(IndicatorError) -> (fastk: [Double], fastd: [Double]) {
        try requireSameLength("STOCHF", high.count, low.count, close.count)
        var state = try STOCHF(fastK: fastK, fastD: fastD, fastDType: fastDType)
        var k = [Double](), d = [Double]()
        k.reserveCapacity(close.count); d.reserveCapacity(close.count)
        for i in close.indices {
            let v = state.update(high: high[i], low: low[i], close: close[i])
            k.append(v.fastk); d.append(v.fastd)
        }
        return (k, d)
    }

    /// Slow stochastic (TA-Lib STOCH): slowk = MA(fastk), slowd = MA(slowk); both start at
    /// (fastK − 1) + both MAs' lookbacks. NaN: as `stochf`.
    @inlinable
    public static func stoch(high: [Double], low: [Double], close: [Double],
                             fastK: Int = 5, slowK: Int = 3, slowKType: MAType = .sma,
                             slowD: Int = 3, slowDType: MAType = .sma) throws(IndicatorError) -> (slowk: [Double], slowd: [Double]) {
        try requireSameLength("STOCH", high.count, low.count, close.count)
        var state = try STOCH(fastK: fastK, slowK: slowK, slowKType: slowKType, slowD: slowD, slowDType: slowDType)
        var k = [Double](), d = [Double]()
        k.reserveCapacity(close.count); d.reserveCapacity(close.count)
        for i in close.indices {
            let v = state.update(high: high[i], low: low[i], close: close[i])
            k.append(v.slowk); d.append(v.slowd)
        }
        return (k, d)
    }
}

/// Streaming STOCHF: same numbers as `TA.stochf`.
public struct STOCHF: Sendable {
    @usableFromInline var k: StochasticK
    @usableFromInline var d: MovingAverage

    public init(fastK: Int = 5, fastD: Int = 3, fastDType: MAType = .sma) throws(IndicatorError) {
        k = try StochasticK(indicator: "STOCHF", period: fastK)
        try IndicatorError.require("STOCHF", "fastd_period", fastD, atLeast: 1)
        d = try MovingAverage(period: fastD, type: fastDType)
    }

    @inlinable
    public mutating func update(high: Double, low: Double, close: Double) -> (fastk: Double, fastd: Double) {
        let fastk = k.update(high: high, low: low, close: close)
        let fastd = d.update(fastk)
        return fastd.isNaN ? (.nan, .nan) : (fastk, fastd)
    }
}

/// Streaming STOCH: same numbers as `TA.stoch`.
public struct STOCH: Sendable {
    @usableFromInline var k: StochasticK
    @usableFromInline var slowK: MovingAverage
    @usableFromInline var slowD: MovingAverage

    public init(fastK: Int = 5, slowK: Int = 3, slowKType: MAType = .sma, slowD: Int = 3, slowDType: MAType = .sma) throws(IndicatorError) {
        k = try StochasticK(indicator: "STOCH", period: fastK)
        try IndicatorError.require("STOCH", "slowk_period", slowK, atLeast: 1)
        try IndicatorError.require("STOCH", "slowd_period", slowD, atLeast: 1)
        self.slowK = try MovingAverage(period: slowK, type: slowKType)
        self.slowD = try MovingAverage(period: slowD, type: slowDType)
    }

    @inlinable
    public mutating func update(high: Double, low: Double, close: Double) -> (slowk: Double, slowd: Double) {
        let sk = slowK.update(k.update(high: high, low: low, close: close))
        let sd = slowD.update(sk)
        return sd.isNaN ? (.nan, .nan) : (sk, sd)
    }
}
