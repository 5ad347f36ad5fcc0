extension TA {
    /// Standard deviation (TA-Lib STDDEV): population σ of the last n values × `deviations`;
    /// first value at n − 1; 0 on a flat window. NaN: leading skipped, then *poison*.
    @inlinable
    public static func stddev(_ x: [Double], period: Int = 5, deviations: Double = 1) throws(IndicatorError) -> [Double] {
        var state = try StdDev(period: period, deviations: deviations)
        return drive(x, &state)
    }
}

/// Streaming STDDEV: same numbers as `TA.stddev`.
public struct StdDev: SeriesIndicator {
    @usableFromInline var moments: RollingMoments
    @usableFromInline let deviations: Double

    public init(period: Int = 5, deviations: Double = 1) throws(IndicatorError) {
        moments = try RollingMoments(period: period)
        self.deviations = deviations
    }

    @inlinable
    public mutating func update(_ x: Double) -> Double {
        moments.update(x).variance.squareRoot() * deviations
    }
}
