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
    public var fitSubset: Int = 128

    public init() {}
}
