import Strategies

/// The slippage model of a run with its parameters, as a spec or the command line names it.
/// The engines take the model as a generic parameter; `apply` turns the setting into that
/// model once per run, so the bar loops specialize. A paper run's stepper takes the setting
/// itself as its model (below), the other place that switches on it.
///
/// Semantics: see each model (`NoSlippage`, `FixedSlippage`, `HalfSpreadSlippage`,
/// `VolatilitySlippage`, `SquareRootImpact`); the rolling window of the volatility and impact
/// models is `EngineConfig.statsWindow`.
public enum SlippageSetting: Sendable, Hashable {
    case none
    case fixedBps(bps: Double)
    case halfSpread(spreadBps: Double)
    case volatility(k: Double)
    case sqrtImpact(eta: Double)

    /// Calls `visitor` with the model this setting names.
    public func apply<V: SlippageVisitor>(_ visitor: V) throws -> V.Output {
        switch self {
        case .none: return try visitor.visit(NoSlippage())
        case let .fixedBps(bps): return try visitor.visit(FixedSlippage(bps: bps))
        case let .halfSpread(spread): return try visitor.visit(HalfSpreadSlippage(spreadBps: spread))
        case let .volatility(k): return try visitor.visit(VolatilitySlippage(k: k))
        case let .sqrtImpact(eta): return try visitor.visit(SquareRootImpact(eta: eta))
        }
    }
}

/// The setting as a model itself, deciding on every call: for a run whose engine is compiled once
/// for every setting (the paper stepper, `EventStepper`'s specialization for a spec's run), where
/// one switch per fill costs less than the step running unspecialized. Prices are the named
/// model's, to the bit.
extension SlippageSetting: SlippageModel {
    @inlinable public var needsStats: Bool {
        switch self {
        case .none, .fixedBps, .halfSpread: false
        case .volatility, .sqrtImpact: true
        }
    }

    @inlinable public func price(_ price: Double, side: Side, quantity: Double, stats: MarketStats, bar: Int) -> Double {
        switch self {
        case .none: NoSlippage().price(price, side: side, quantity: quantity, stats: stats, bar: bar)
        case let .fixedBps(bps): FixedSlippage(bps: bps).price(price, side: side, quantity: quantity, stats: stats, bar: bar)
        case let .halfSpread(spread): HalfSpreadSlippage(spreadBps: spread).price(price, side: side, quantity: quantity, stats: stats, bar: bar)
        case let .volatility(k): VolatilitySlippage(k: k).price(price, side: side, quantity: quantity, stats: stats, bar: bar)
        case let .sqrtImpact(eta): SquareRootImpact(eta: eta).price(price, side: side, quantity: quantity, stats: stats, bar: bar)
        }
    }
}

/// Work to do with a concrete slippage model (see `SlippageSetting.apply`).
public protocol SlippageVisitor {
    associatedtype Output
    func visit<Model: SlippageModel>(_ model: Model) throws -> Output
}
