extension TA {
    /// Stochastic RSI (TA-Lib STOCHRSI): STOCHF applied to RSI(n) (RSI as high, low and close).
    /// fastk is the raw stochastic of RSI (not smoothed), fastd = MA(fastk); both start at
    /// n + (fastK − 1) + the MA's lookback. NaN: as RSI, then as `stochf`.
    @inlinable
    public static func stochrsi(_ x: [Double], period: Int = 14, fastK: Int = 5, fastD: Int = 3,
                                fastDType: MAType = .sma) throws(IndicatorError) -> (fastk: [Double], fastd: [Double]) {
        var state = try STOCHRSI(period: period, fastK: fastK, fastD: fastD, fastDType: fastDType)
        var k = [Double](), d = [Double]()
        k.reserveCapacity(x.count); d.reserveCapacity(x.count)
        for v in x {
            let r = state.update(v)
            k.append(r.fastk); d.append(r.fastd)
        }
        return (k, d)
    }
}

/// Streaming STOCHRSI: same numbers as `TA.stochrsi`.
public struct STOCHRSI: Sendable {
    @usableFromInline var rsi: RSI
    @usableFromInline var stoch: STOCHF

    public init(period: Int = 14, fastK: Int = 5, fastD: Int = 3, fastDType: MAType = .sma) throws(IndicatorError) {
        rsi = try RSI(period: period)
        stoch = try STOCHF(fastK: fastK, fastD: fastD, fastDType: fastDType)
    }

    @inlinable
    public mutating func update(_ x: Double) -> (fastk: Double, fastd: Double) {
        let r = rsi.update(x)
        return stoch.update(high: r, low: r, close: r)
    }
}
