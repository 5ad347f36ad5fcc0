/// Settings of `BayesianOptimizer`; the defaults are the ones benchmarked in
/// `benchmarks/Sources/bench-optimization`.
public struct BayesianSettings: Hashable, Sendable {
    /// How a batch of q proposals is built from one model.
    public enum BatchStrategy: Hashable, Sendable {
        /// Each chosen point is added to the model with its posterior mean as value.
        case krigingBeliever
        /// Each chosen point is added with the best value seen so far (optimistic lie).
        case constantLiar
    }

    /// Points taken from the seeded Sobol design before the model is used.
    public var initialPoints: Int = 10
    public var acquisition: Acquisition = .expectedImprovement
    public var batchStrategy: BatchStrategy = .krigingBeliever
    public var outputTransform: OutputTransform = .robust
    /// Sobol candidates scored per proposal.
    public var candidates: Int = 1024
    /// Gaussian perturbations scored around each of the best observed points.
    public var localCandidates: Int = 64
    /// Candidates refined by projected gradient ascent of the acquisition.
    public var refinementStarts: Int = 4
    public var refinementIterations: Int = 60
    /// Starts of the marginal-likelihood maximization (the prior's centre, then seeded draws).
    public var hyperparameterRestarts: Int = 3
    /// Beyond this many observations the likelihood is sharp enough for one start (the
    /// prior's centre), which keeps the overhead per proposal low at a few hundred points.
    public var restartsUpTo: Int = 64
    /// Most observations the hyperparameter fit uses (an even subset beyond that); the
    /// model is still conditioned on every observation.
    public var fitSubset: Int = 100
    /// Beyond this many fit rows, the starts run on an even subset of this many rows and the
    /// best is polished on all of them (`polishIterations` BFGS steps): the likelihood's
    /// optimum moves little between the two, and a step on the subset costs a fraction.
    public var coarseFitSubset: Int = 40
    public var polishIterations: Int = 10

    public init() {}

    /// Checks the counts are usable and the UCB weight is a non-negative number.
    public func validate() throws(OptimizationError) {
        func require(_ ok: Bool, _ message: String) throws(OptimizationError) {
            if !ok { throw .invalidSetting("bayesian optimizer: \(message)") }
        }
        try require(initialPoints >= 1, "initial_points must be at least 1, got \(initialPoints)")
        try require(candidates >= 1, "candidates must be at least 1, got \(candidates)")
        try require(localCandidates >= 0, "local_candidates must be non-negative, got \(localCandidates)")
        try require(refinementStarts >= 0 && refinementIterations >= 0, "refinement counts must be non-negative")
        try require(hyperparameterRestarts >= 1, "hyperparameter_restarts must be at least 1, got \(hyperparameterRestarts)")
        try require(fitSubset >= 2, "fit_subset must be at least 2, got \(fitSubset)")
        try require(coarseFitSubset >= 2, "coarse_fit_subset must be at least 2, got \(coarseFitSubset)")
        try require(polishIterations >= 0, "polish_iterations must be non-negative, got \(polishIterations)")
        if case let .upperConfidenceBound(kappa) = acquisition {
            try require(kappa >= 0 && kappa.isFinite, "UCB kappa must be a non-negative number, got \(kappa)")
        }
    }
}
