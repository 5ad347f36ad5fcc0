extension TA {
    /// Highest value of the last n (TA-Lib MAX); first value at n − 1. NaN rule *window*.
    @inlinable
    public static func max(_ x: [Double], period: Int = 30) throws(IndicatorError) -> [Double] {
        var state = try RollingExtremum(period: period, maximum: true)
        return x.map { state.update($0).value }
    }

    /// Lowest value of the last n (TA-Lib MIN); first value at n − 1. NaN rule *window*.
    @inlinable
    public static func min(_ x: [Double], period: Int = 30) throws(IndicatorError) -> [Double] {
        var state = try RollingExtremum(period: period, maximum: false)
        return x.map { state.update($0).value }
    }
}

/// `RollingExtremum` reduced to its value, as a `SeriesIndicator` (the streaming MAX and MIN).
struct RollingExtremumValue: SeriesIndicator {
    var extremum: RollingExtremum

    init(period: Int, maximum: Bool) throws(IndicatorError) {
        extremum = try RollingExtremum(period: period, maximum: maximum)
    }

    mutating func update(_ value: Double) -> Double { extremum.update(value).value }
}
