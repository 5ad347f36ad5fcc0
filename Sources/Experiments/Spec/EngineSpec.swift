import Simulation
import Strategies

/// Engine settings: which simulator, and Simulation's own `EngineConfig` (cash, fees, fill
/// timing, intrabar path, leverage and margin, volume cap, lots) plus its `SlippageSetting`,
/// which the engines take as a generic parameter (`SlippageSetting.apply` picks it once per run).
///
/// Semantics: see `EngineConfig`, `FeeModel`, `FillTiming` and `IntrabarPath`. Keys a spec
/// leaves out keep `EngineConfig`'s defaults (notably fees of 10 bps maker and taker), so a
/// spec without `fees` is not silently free of costs.
public struct EngineSpec: Sendable, Equatable {
    public var kind: EngineKind
    public var config: EngineConfig
    public var slippage: SlippageSetting

    public init(kind: EngineKind, config: EngineConfig, slippage: SlippageSetting = .none) {
        self.kind = kind
        self.config = config
        self.slippage = slippage
    }
}

/// The names the spec uses for slippage models.
public enum SlippageModelName: String, Sendable, CaseIterable {
    case none, fixedBps = "fixed_bps", halfSpread = "half_spread", volatility, sqrtImpact = "sqrt_impact"
}
