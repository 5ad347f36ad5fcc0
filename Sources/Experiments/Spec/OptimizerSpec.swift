import Optimization

/// How the parameter space is searched.
///
/// Semantics: `budget` is the number of trials (for the grid an optional cap on the number of
/// grid points run, in grid order). `batchSize` is how many proposals the Bayesian optimizer
/// makes before any of their results is observed; it is part of the spec, never derived from
/// the thread count, so results do not depend on the machine. (Grid, random and Sobol points do
/// not depend on results, so for them it changes nothing.)
public struct OptimizerSpec: Sendable, Equatable {
    public var kind: OptimizerKind
    public var budget: Int?
    public var batchSize: Int
    /// Settings of the Bayesian optimizer (nil for the other kinds); unset keys keep
    /// Optimization's benchmarked defaults.
    public var bayesian: BayesianSettings?

    public init(kind: OptimizerKind, budget: Int?, batchSize: Int = 1, bayesian: BayesianSettings? = nil) {
        self.kind = kind
        self.budget = budget
        self.batchSize = batchSize
        self.bayesian = bayesian
    }
}

public enum OptimizerKind: String, Sendable, CaseIterable {
    case grid, random, sobol, bayesian
}
