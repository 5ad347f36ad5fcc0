extension TA {
    /// Ichimoku (pandas-ta 0.4): midprice_p = (highest high + lowest low)/2 of the last p bars;
    /// tenkan = midprice_tenkan, kijun = midprice_kijun, senkouAUnshifted = (tenkan + kijun)/2 and
    /// senkouBUnshifted = midprice_senkou, all computed at bar i from data up to bar i — the ones
    /// a no-look-ahead strategy may use. senkouA/senkouB are the plotted cloud: the unshifted
    /// spans displaced forward by kijun − 1 bars (causal too). `chikou[i] = close[i + kijun − 1]`
    /// LOOKS AHEAD (its last kijun − 1 values are NaN) and exists only for plotting; the
    /// streaming twin cannot produce it. NaN rule *window*.
    @inlinable
    public static func ichimoku(high: [Double], low: [Double], close: [Double], tenkan: Int = 9, kijun: Int = 26,
                                senkou: Int = 52) throws(IndicatorError) -> IchimokuColumns {
        try requireSameLength("ICHIMOKU", high.count, low.count, close.count)
        var state = try Ichimoku(tenkan: tenkan, kijun: kijun, senkou: senkou)
        var c = IchimokuColumns(count: close.count)
        for i in close.indices {
            let r = state.update(high: high[i], low: low[i])
            c.tenkan[i] = r.tenkan; c.kijun[i] = r.kijun
            c.senkouAUnshifted[i] = r.senkouAUnshifted; c.senkouBUnshifted[i] = r.senkouBUnshifted
            c.senkouA[i] = r.senkouA; c.senkouB[i] = r.senkouB
            let ahead = i + kijun - 1
            c.chikou[i] = ahead < close.count ? close[ahead] : .nan
        }
        return c
    }
}

/// The columns of `TA.ichimoku`.
public struct IchimokuColumns: Sendable {
    public var tenkan, kijun, senkouAUnshifted, senkouBUnshifted, senkouA, senkouB, chikou: [Double]

    @usableFromInline
    init(count: Int) {
        let empty = [Double](repeating: .nan, count: count)
        (tenkan, kijun, senkouAUnshifted, senkouBUnshifted, senkouA, senkouB, chikou) = (empty, empty, empty, empty, empty, empty, empty)
    }
}

/// Streaming Ichimoku (everything but the look-ahead chikou): same numbers as `TA.ichimoku`.
public struct Ichimoku: Sendable {
    @usableFromInline var tenkan: HighLowWindow
    @usableFromInline var kijun: HighLowWindow
    @usableFromInline var senkou: HighLowWindow
    @usableFromInline var delayedA: RingBuffer
    @usableFromInline var delayedB: RingBuffer

    public init(tenkan: Int = 9, kijun: Int = 26, senkou: Int = 52) throws(IndicatorError) {
        try IndicatorError.require("ICHIMOKU", "tenkan", tenkan, atLeast: 1)
        try IndicatorError.require("ICHIMOKU", "kijun", kijun, atLeast: 1)
        try IndicatorError.require("ICHIMOKU", "senkou", senkou, atLeast: 1)
        self.tenkan = try HighLowWindow(period: tenkan)
        self.kijun = try HighLowWindow(period: kijun)
        self.senkou = try HighLowWindow(period: senkou)
        delayedA = RingBuffer(capacity: kijun)
        delayedB = RingBuffer(capacity: kijun)
    }

    @inlinable
    public mutating func update(high: Double, low: Double) -> (tenkan: Double, kijun: Double, senkouAUnshifted: Double,
                                                             senkouBUnshifted: Double, senkouA: Double, senkouB: Double) {
        let t = tenkan.update(high: high, low: low)
        let k = kijun.update(high: high, low: low)
        let s = senkou.update(high: high, low: low)
        let tenkanLine = (t.highest + t.lowest) / 2
        let kijunLine = (k.highest + k.lowest) / 2
        let spanA = (tenkanLine + kijunLine) / 2
        let spanB = (s.highest + s.lowest) / 2
        delayedA.push(spanA)
        delayedB.push(spanB)
        let shiftedA = delayedA.isFull ? delayedA.oldest : .nan
        let shiftedB = delayedB.isFull ? delayedB.oldest : .nan
        return (tenkanLine, kijunLine, spanA, spanB, shiftedA, shiftedB)
    }
}
