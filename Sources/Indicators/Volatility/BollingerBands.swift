import Foundation

extension TA {
    /// Bollinger bands (TA-Lib BBANDS): middle = MA(n, type), σ = population standard deviation
    /// (÷n) of the last n values, upper = middle + devUp·σ, lower = middle − devDown·σ; first
    /// value at the MA's lookback (n − 1 for SMA). NaN: leading skipped, then *poison*.
    @inlinable
    public static func bbands(_ x: [Double], period: Int = 20, devUp: Double = 2, devDown: Double = 2,
                              type: MAType = .sma) throws(IndicatorError) -> (upper: [Double], middle: [Double], lower: [Double]) {
        var state = try BBANDS(period: period, devUp: devUp, devDown: devDown, type: type)
        var u = [Double](repeating: .nan, count: x.count)
        var m = u, l = u
        x.withUnsafeBufferPointer { input in
            for i in 0..<input.count {
                let r = state.update(input[i])
                u[i] = r.upper; m[i] = r.middle; l[i] = r.lower
            }
        }
        return (u, m, l)
    }

    /// Standard deviation (TA-Lib STDDEV): population σ of the last n values × `deviations`;
    /// first value at n − 1; 0 on a flat window. NaN: leading skipped, then *poison*.
    @inlinable
    public static func stddev(_ x: [Double], period: Int = 5, deviations: Double = 1) throws(IndicatorError) -> [Double] {
        var state = try StdDev(period: period, deviations: deviations)
        return drive(x, &state)
    }
}

/// Streaming Bollinger bands: same numbers as `TA.bbands`.
public struct BBANDS: Sendable {
    @usableFromInline var middle: MovingAverage
    @usableFromInline var moments: RollingMoments
    @usableFromInline let devUp: Double
    @usableFromInline let devDown: Double

    public init(period: Int = 20, devUp: Double = 2, devDown: Double = 2, type: MAType = .sma) throws(IndicatorError) {
        try IndicatorError.require("BBANDS", "timeperiod", period, atLeast: 1)
        middle = try MovingAverage(period: period, type: type)
        moments = try RollingMoments(period: period)
        self.devUp = devUp
        self.devDown = devDown
    }

    @inlinable
    public mutating func update(_ x: Double) -> (upper: Double, middle: Double, lower: Double) {
        let mid = middle.update(x)
        let sigma = moments.update(x).variance.squareRoot()
        if mid.isNaN || sigma.isNaN { return (.nan, .nan, .nan) }
        return (mid + devUp * sigma, mid, mid - devDown * sigma)
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
