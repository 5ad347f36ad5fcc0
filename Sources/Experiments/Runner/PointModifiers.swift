import Optimization
import Strategies

/// The spec's `exits`, `sizing` and `risk` blocks at one point of the search space: the one
/// place the search, walk-forward and Monte Carlo turn them into `Modifiers`.
///
/// Semantics: a setting that names a parameter takes the point's value; exit levels written as
/// expressions become `ExitLevels` with the point's parameter values (evaluated per bar by the
/// engines).
enum PointModifiers {
    /// The modifiers at `values` (declaration order); nil when the spec has none.
    static func of(_ spec: ExperimentSpec, _ values: [Optimization.ParameterValue], periodsPerYear: Double) throws -> Modifiers? {
        let settings = spec.strategy.modifiers
        guard !settings.isEmpty else { return nil }
        let names = spec.strategy.space.names
        return try settings.modifiers(periodsPerYear: periodsPerYear) { name in
            guard let k = names.firstIndex(of: name) else { return nil }
            switch values[k] {
            case let .int(v): return Double(v)
            case let .double(v): return v
            case .string: return nil
            }
        }
    }
}
