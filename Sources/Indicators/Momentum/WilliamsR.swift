extension TA {
    /// Williams %R: −100·(HH − C)/(HH − LL) over n bars (range −100…0, may be −0.0), first value
    /// at n − 1; 0 when the range is ≈ 0. NaN rule *window*.
    @inlinable
    public static func willr(high: [Double], low: [Double], close: [Double], period: Int = 14) throws(IndicatorError) -> [Double] {
        try requireSameLength("WILLR", high.count, low.count, close.count)
        var state = try WILLR(period: period)
        return close.indices.map { state.update(high: high[$0], low: low[$0], close: close[$0]) }
    }
}

/// Streaming Williams %R: same numbers as `TA.willr`.
public struct WILLR: Sendable {
    @usableFromInline var range: HighLowWindow

    public init(period: Int = 14) throws(IndicatorError) {
        try IndicatorError.require("WILLR", "timeperiod", period, atLeast: 1)
        range = try HighLowWindow(period: period)
    }

    @inlinable
    public mutating func update(high: Double, low: Double, close: Double) -> Double {
        let (hh, ll) = range.update(high: high, low: low)
        let width = hh - ll
        if width.isNaN || close.isNaN { return .nan }
        if ZeroGuard.isZero(difference: width, scale: hh) { return 0 }
        return (hh - close) / (width * -0.01)
    }
}
