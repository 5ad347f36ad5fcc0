import Foundation
import Indicators

/// Volatility targeting: size the position so its expected annualized volatility is `target`.
///
/// σ = population standard deviation of the last `window` log returns of the closes seen so far,
/// annualized by √(periodsPerYear). The entry spends min(target ÷ σ, `maxLeverage`) of equity.
/// No entry until `window` returns are known (σ is NaN) or when σ is 0.
public struct VolatilityTargetSizer: PositionSizer, Hashable {
    public let target: Double
    public let maxLeverage: Double
    public let periodsPerYear: Double
    @usableFromInline var moments: RollingMoments
    @usableFromInline var previousClose = Double.nan
    /// Annualized volatility as of the latest observed close (NaN during warm-up).
    public private(set) var volatility = Double.nan

    /// `periodsPerYear` annualizes σ (8760 for 1h bars, 365 for 1d; `BarSeries.periodsPerYear`).
    public init(target: Double, window: Int, periodsPerYear: Double, maxLeverage: Double = 1) throws(StrategyError) {
        guard target > 0, maxLeverage > 0, periodsPerYear > 0 else {
            throw .constraint(strategy: "volatility target", message: "target, leverage cap and periods per year must be positive")
        }
        self.target = target
        self.maxLeverage = maxLeverage
        self.periodsPerYear = periodsPerYear
        moments = try withIndicators("volatility target") { () throws(IndicatorError) in try RollingMoments(period: window) }
    }

    /// The fraction of equity the next entry spends (0 while σ is unknown).
    @inlinable public var fraction: Double { fraction(volatility: volatility) }

    /// The fraction of equity an entry spends at annualized volatility σ: min(target ÷ σ, cap),
    /// 0 when σ is unknown or 0.
    @inlinable
    public func fraction(volatility σ: Double) -> Double {
        guard σ.isFinite, σ > 0 else { return 0 }
        return min(target / σ, maxLeverage)
    }

    /// The annualized volatility after each of `closes` (what `observe` computes bar by bar), for
    /// the vectorized engine, which reads it as a column.
    public static func volatilities(closes: UnsafeBufferPointer<Double>, window: Int, periodsPerYear: Double) throws(StrategyError) -> [Double] {
        var sizer = try VolatilityTargetSizer(target: 1, window: window, periodsPerYear: periodsPerYear)
        return closes.map { c in
            sizer.observe(close: c)
            return sizer.volatility
        }
    }

    /// Bars in the volatility estimate.
    public var window: Int { moments.period }

    @inlinable public func rawQuantity(_ input: SizingInput) -> Double { fraction * input.equity / input.price }

    public mutating func observe(close: Double) {
        defer { previousClose = close }
        guard previousClose.isFinite else { return }
        let variance = moments.update(log(close / previousClose)).variance
        volatility = (variance * periodsPerYear).squareRoot()
    }
}
