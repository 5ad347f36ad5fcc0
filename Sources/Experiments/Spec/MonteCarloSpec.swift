/// Monte Carlo stress tests of the chosen parameters.
///
/// Semantics: each method makes `paths` alternative histories (resampled trades or returns,
/// synthetic prices, perturbed parameters, multiplied costs, delayed fills, dropped bars) and
/// reports each metric's 5/25/50/75/95 percentiles, the probability of loss and the probability
/// of ruin (equity falling below `ruinThreshold` × starting cash at any bar).
public struct MonteCarloSpec: Sendable, Equatable {
    /// Memory each path keeps until the method's report is made: its equity-fan positions
    /// (`MonteCarloRun.fanPoints`) and its summary metrics, as Doubles, with their bookkeeping.
    public static let bytesPerPath = (MonteCarloRun.fanPoints + 16) * 8
    /// Longest bootstrap block accepted, in bars (about 11 years of 1m bars).
    public static let maxBlockLength = 6_000_000

    public var methods: [MonteCarloMethod]
    public var paths: Int
    /// Mean block length of the stationary bootstrap, in bars (nil: chosen from the data).
    public var blockLength: Int?
    /// Relative half-width of the parameter perturbation (0.1 = ±10%).
    public var perturbation: Double
    /// Multiplier applied to fees and slippage in the cost stress.
    public var costMultiplier: Double
    /// Extra bars of delay in the latency stress.
    public var latencyBars: Int
    /// Fraction of bars removed in the dropped-bars test.
    public var dropFraction: Double
    public var ruinThreshold: Double

    public init(methods: [MonteCarloMethod], paths: Int, blockLength: Int? = nil, perturbation: Double = 0.1,
                costMultiplier: Double = 2, latencyBars: Int = 1, dropFraction: Double = 0.01, ruinThreshold: Double = 0.5) {
        self.methods = methods; self.paths = paths; self.blockLength = blockLength
        self.perturbation = perturbation; self.costMultiplier = costMultiplier
        self.latencyBars = latencyBars; self.dropFraction = dropFraction; self.ruinThreshold = ruinThreshold
    }
}

public enum MonteCarloMethod: String, Sendable, CaseIterable {
    case tradeReshuffle = "trade_reshuffle"
    case tradeBootstrap = "trade_bootstrap"
    case blockBootstrap = "block_bootstrap"
    case gbm
    case garch
    case jumpDiffusion = "jump_diffusion"
    case parameterPerturbation = "parameter_perturbation"
    case costStress = "cost_stress"
    case latencyStress = "latency_stress"
    case droppedBars = "dropped_bars"
}
