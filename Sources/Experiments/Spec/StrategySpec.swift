import Strategies

/// The strategy and the space its parameters are searched in.
///
/// Semantics: `axes` holds one entry per parameter the strategy declares, in the strategy's
/// declaration order (never the spec's key order), so trial parameters print and hash the same
/// way every run. A parameter the spec does not mention is fixed at its declared default.
public struct StrategySpec: Sendable, Equatable {
    public var name: String
    public var axes: [ParameterAxis]
    public var constraints: [ParameterConstraint]

    public init(name: String, axes: [ParameterAxis], constraints: [ParameterConstraint] = []) {
        self.name = name
        self.axes = axes
        self.constraints = constraints
    }

    /// The axes that vary (more than one possible value).
    public var searchedAxes: [ParameterAxis] { axes.filter { !$0.domain.isFixed } }
}

/// One parameter and the values it may take.
public struct ParameterAxis: Sendable, Equatable {
    public var spec: ParameterSpec
    public var domain: ParameterDomain

    public init(spec: ParameterSpec, domain: ParameterDomain) {
        self.spec = spec
        self.domain = domain
    }

    public var name: String { spec.name }
}

/// The values a parameter may take in a search.
///
/// Semantics: ranges are closed `[min, max]`. With a `step`, the grid values are
/// `min, min + step, …` up to `max` (a last partial step is not taken). `log` ranges are sampled
/// uniformly in log space (min > 0) and carry no step. `values` is an ordered list (treated as
/// numeric by model-based optimizers); `choices` is an unordered set of categories.
public enum ParameterDomain: Sendable, Equatable {
    case fixed(ParameterValue)
    case intRange(min: Int, max: Int, step: Int?, log: Bool)
    case doubleRange(min: Double, max: Double, step: Double?, log: Bool)
    case values([ParameterValue])
    case choices([ParameterValue])

    /// Whether the domain holds a single value.
    public var isFixed: Bool {
        switch self {
        case .fixed: return true
        case let .intRange(lo, hi, _, _): return lo == hi
        case let .doubleRange(lo, hi, _, _): return lo == hi
        case let .values(v), let .choices(v): return v.count == 1
        }
    }

    /// Number of grid points, or nil when the domain is continuous (a double range without step).
    public var gridCount: Int? {
        switch self {
        case .fixed: return 1
        case let .intRange(lo, hi, step, _): return (hi - lo) / (step ?? 1) + 1
        case let .doubleRange(lo, hi, step, _):
            guard let step else { return lo == hi ? 1 : nil }
            return Int(((hi - lo) / step * (1 + 1e-12)).rounded(.down)) + 1
        case let .values(v), let .choices(v): return v.count
        }
    }
}
