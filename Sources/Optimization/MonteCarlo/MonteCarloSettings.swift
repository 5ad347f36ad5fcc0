import MarketData
/// Settings shared by every Monte Carlo method (what a spec's `monte_carlo` maps to).
///
/// Semantics: path p of a method draws its randomness from a generator seeded with
/// `SeedMixer.mix(seed, method stream, p)`, so every path, and the whole report, depends
/// only on (seed, method, p) — never on the thread count or the order paths finish in.
public struct MonteCarloSettings: Sendable, Hashable {
    /// Number of simulated paths (deterministic methods may run fewer, see each method).
    public var paths: Int
    public var seed: UInt64
    /// A path is ruined when its equity ever falls below this fraction of the initial equity.
    public var ruinThreshold: Double
    /// Positions along each path at which the equity fan keeps percentile bands.
    public var fanPoints: Int

    public init(paths: Int = 1_000, seed: UInt64 = 0, ruinThreshold: Double = 0.5, fanPoints: Int = 101) {
        self.paths = paths
        self.seed = seed
        self.ruinThreshold = ruinThreshold
        self.fanPoints = fanPoints
    }

    /// Checks counts and the ruin threshold.
    public func validate() throws(ValidationError) {
        guard paths >= 1 else { throw .invalidSetting("monte_carlo.paths: expected a positive integer, got \(paths)") }
        guard ruinThreshold >= 0, ruinThreshold < 1 else {
            throw .invalidSetting("monte_carlo.ruin_threshold: expected a fraction in [0, 1), got \(ruinThreshold)")
        }
        guard fanPoints >= 2 else { throw .invalidSetting("monte_carlo.fan_points: expected at least 2, got \(fanPoints)") }
    }
}

/// The Monte Carlo methods, with their own settings.
public enum MonteCarloMethod: Sendable, Hashable {
    /// The trade returns in random order (sampling without replacement).
    case tradeReshuffle
    /// As many trade returns as the run had, drawn with replacement.
    case tradeBootstrap
    /// Stationary block bootstrap (Politis–Romano) of the strategy's bar returns.
    case returnBootstrap(meanBlockLength: Double)
    /// The strategy run on synthetic prices from a process fitted to the data.
    case synthetic(SyntheticProcess)
    /// The strategy run at points jittered around the chosen one.
    case parameterPerturbation(PerturbationSettings)
    /// Fees and slippage multiplied by factors evenly spaced from 1 to `maxMultiplier`.
    case costStress(maxMultiplier: Double)
    /// Every signal acted on `bars` bars later (one deterministic path).
    case latencyStress(bars: Int)
    /// Each bar removed independently with probability `fraction`.
    case droppedBars(fraction: Double)

    /// The name used in reports and result files.
    public var name: String {
        switch self {
        case .tradeReshuffle: return "trade_reshuffle"
        case .tradeBootstrap: return "trade_bootstrap"
        case .returnBootstrap: return "return_bootstrap"
        case let .synthetic(process): return "synthetic_\(process.rawValue)"
        case .parameterPerturbation: return "parameter_perturbation"
        case .costStress: return "cost_stress"
        case .latencyStress: return "latency_stress"
        case .droppedBars: return "dropped_bars"
        }
    }

    /// The seed stream of the method (distinct per method so their draws are independent).
    var stream: UInt64 {
        switch self {
        case .tradeReshuffle: return 201
        case .tradeBootstrap: return 202
        case .returnBootstrap: return 203
        case .synthetic(.gbm): return 204
        case .synthetic(.garch): return 205
        case .synthetic(.jumpDiffusion): return 206
        case .parameterPerturbation: return 207
        case .costStress: return 208
        case .latencyStress: return 209
        case .droppedBars: return 210
        }
    }
}

/// Price processes for synthetic paths, each fitted to the data's close-to-close log returns.
public enum SyntheticProcess: String, Sendable, Hashable, CaseIterable {
    case gbm
    case garch
    case jumpDiffusion = "jump_diffusion"
}

/// How far parameter perturbation moves each parameter.
///
/// Semantics: a discrete numeric parameter (integer range, stepped range, list) moves by a
/// uniform whole number of levels in [−steps, steps], clamped to its first and last level; a
/// continuous range is multiplied by 1 + u·fraction, u uniform in [−1, 1], clamped to its
/// bounds; choices and fixed values keep the chosen value. A jittered point that breaks a
/// constraint is redrawn (up to 100 times, then the chosen point itself is used).
public struct PerturbationSettings: Sendable, Hashable {
    public var steps: Int
    public var fraction: Double

    public init(steps: Int = 1, fraction: Double = 0.1) {
        self.steps = steps
        self.fraction = fraction
    }
}
