/// The slippage model of a run with its parameters, as a spec or the command line names it.
/// The engines take the model as a generic parameter; `apply` turns the setting into that
/// model once per run, so the bar loops specialize (the one place that switches on it).
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

/// Work to do with a concrete slippage model (see `SlippageSetting.apply`).
public protocol SlippageVisitor {
    associatedtype Output
    func visit<Model: SlippageModel>(_ model: Model) throws -> Output
}
