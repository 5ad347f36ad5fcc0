/// How the parameter space is searched.
///
/// Semantics: `budget` is the number of trials (for the grid an optional cap on the number of
/// grid points run, in grid order). `batchSize` is how many proposals are made before any of
/// their results is observed; it is part of the spec, never derived from the thread count, so
/// results do not depend on the machine.
public struct OptimizerSpec: Sendable, Equatable {
    public var kind: OptimizerKind
    public var budget: Int?
    public var batchSize: Int
    /// Settings of the Bayesian optimizer (nil for the other kinds).
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

/// Gaussian-process optimizer settings.
public struct BayesianSettings: Sendable, Equatable {
    /// Space-filling (Sobol) trials before the first model-based proposal.
    public var initialPoints: Int
    public var acquisition: Acquisition
    /// Expected-improvement exploration margin ξ (in standardized objective units).
    public var xi: Double
    /// Upper-confidence-bound weight κ.
    public var kappa: Double
    /// How a batch of proposals is made before their results are known.
    public var batchStrategy: BatchStrategy
    /// Sobol candidates scored per proposal before local refinement.
    public var candidates: Int

    public init(initialPoints: Int = 10, acquisition: Acquisition = .ei, xi: Double = 0.01, kappa: Double = 2,
                batchStrategy: BatchStrategy = .krigingBeliever, candidates: Int = 2048) {
        self.initialPoints = initialPoints; self.acquisition = acquisition; self.xi = xi
        self.kappa = kappa; self.batchStrategy = batchStrategy; self.candidates = candidates
    }

    public enum Acquisition: String, Sendable, CaseIterable {
        case ei, ucb
    }

    public enum BatchStrategy: String, Sendable, CaseIterable {
        case krigingBeliever = "kriging_believer", constantLiar = "constant_liar"
    }
}
