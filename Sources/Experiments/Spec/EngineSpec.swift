import Simulation
import Strategies

/// Engine settings: which simulator, and Simulation's own `EngineConfig` (cash, fees, fill
/// timing, intrabar path, leverage and margin, volume cap, lots) plus the slippage model, which
/// the engines take as a generic parameter and the runner picks once per run from `slippage`.
///
/// Semantics: see `EngineConfig`, `FeeModel`, `FillTiming` and `IntrabarPath`. Keys a spec
/// leaves out keep `EngineConfig`'s defaults (notably fees of 10 bps maker and taker), so a
/// spec without `fees` is not silently free of costs.
public struct EngineSpec: Sendable, Equatable {
    public var kind: EngineKind
    public var config: EngineConfig
    public var slippage: SlippageSpec

    public init(kind: EngineKind, config: EngineConfig, slippage: SlippageSpec = .none) {
        self.kind = kind
        self.config = config
        self.slippage = slippage
    }
}

/// Which slippage model the run uses, with its parameters (Simulation's `NoSlippage`,
/// `FixedSlippage`, `HalfSpreadSlippage`, `VolatilitySlippage`, `SquareRootImpact`; their
/// rolling window is `EngineConfig.statsWindow`).
public enum SlippageSpec: Sendable, Equatable {
    case none
    case fixedBps(bps: Double)
    case halfSpread(spreadBps: Double)
    case volatility(k: Double)
    case sqrtImpact(eta: Double)
}

/// The names the spec uses for slippage models.
public enum SlippageModelName: String, Sendable, CaseIterable {
    case none, fixedBps = "fixed_bps", halfSpread = "half_spread", volatility, sqrtImpact = "sqrt_impact"
}
