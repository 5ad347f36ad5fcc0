import Strategies

/// A slippage model: the execution price of a taker fill (market, stop, trailing stop,
/// liquidation). Limit fills are never slipped. Chosen once per run and passed to the engines as
/// a generic parameter, so the bar loop specializes.
public protocol SlippageModel: Sendable {
    /// Whether `MarketStats` must be computed for this model.
    var needsStats: Bool { get }
    /// Execution price for `side` trading `quantity` against reference `price` at `bar`.
    func price(_ price: Double, side: Side, quantity: Double, stats: MarketStats, bar: Int) -> Double
}

/// No slippage.
///
/// Semantics: fills at the reference price (the open, the stop level, the gap open, the close).
@frozen
public struct NoSlippage: SlippageModel {
    public init() {}
    @inlinable public var needsStats: Bool { false }
    @inlinable public func price(_ price: Double, side: Side, quantity: Double, stats: MarketStats, bar: Int) -> Double { price }
}

/// Fixed basis points against the trader.
///
/// Semantics: buys fill at `price × (1 + bps/10⁴)`, sells at `price × (1 − bps/10⁴)`, whatever
/// the size; the pessimistic side is always the trader's.
@frozen
public struct FixedSlippage: SlippageModel {
    public let bps: Double
    public init(bps: Double) { self.bps = bps }
    @inlinable public var needsStats: Bool { false }
    @inlinable public func price(_ price: Double, side: Side, quantity: Double, stats: MarketStats, bar: Int) -> Double {
        price * (1 + side.sign * bps / 10_000)
    }
}

/// Half the quoted spread.
///
/// Semantics: bar data carries no quotes, so the spread is a constant `spreadBps`; buys pay
/// half of it above the reference price, sells receive half below it.
@frozen
public struct HalfSpreadSlippage: SlippageModel {
    public let spreadBps: Double
    public init(spreadBps: Double) { self.spreadBps = spreadBps }
    @inlinable public var needsStats: Bool { false }
    @inlinable public func price(_ price: Double, side: Side, quantity: Double, stats: MarketStats, bar: Int) -> Double {
        price * (1 + side.sign * spreadBps / 20_000)
    }
}

/// Volatility-scaled slippage.
///
/// Semantics: `price × (1 ± k × σ)`, σ the rolling standard deviation of close-to-close log
/// returns over `MarketStats.window` bars ending at the bar before the fill (no look-ahead).
@frozen
public struct VolatilitySlippage: SlippageModel {
    public let k: Double
    public init(k: Double) { self.k = k }
    @inlinable public var needsStats: Bool { true }
    @inlinable public func price(_ price: Double, side: Side, quantity: Double, stats: MarketStats, bar: Int) -> Double {
        price * (1 + side.sign * k * stats.sigma[bar])
    }
}

/// Square-root market impact.
///
/// Semantics: `price × (1 ± η × σ × √(quantity / average volume))`, σ and the average volume
/// over `MarketStats.window` bars ending at the bar before the fill. Bigger orders pay more; an
/// average volume of zero (the first bar) is treated as no impact.
@frozen
public struct SquareRootImpact: SlippageModel {
    public let eta: Double
    public init(eta: Double) { self.eta = eta }
    @inlinable public var needsStats: Bool { true }
    @inlinable public func price(_ price: Double, side: Side, quantity: Double, stats: MarketStats, bar: Int) -> Double {
        let v = stats.averageVolume[bar]
        guard v > 0 else { return price }
        return price * (1 + side.sign * eta * stats.sigma[bar] * (quantity / v).squareRoot())
    }
}
