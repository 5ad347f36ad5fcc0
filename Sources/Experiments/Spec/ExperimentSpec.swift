import Foundation
import Strategies

/// One experiment, as a JSON spec file describes it: which data, which strategy and parameter
/// space, which engine settings, what to optimize and how, optional walk-forward, Monte Carlo and
/// comparison stages, and where results go.
///
/// Semantics: a spec is only ever built by `SpecDecoder`, which checks every field against the
/// same rules the runner relies on (types, ranges, the strategy's declared parameters, the
/// constraint expressions, the data file's existence) and refuses the whole spec with every
/// problem listed by JSON path. A decoded spec is therefore runnable as it stands.
public struct ExperimentSpec: Sendable, Equatable {
    /// The experiment's name; also the folder under `output.folder` (letters, digits, `._-`).
    public var name: String
    /// The one seed every random stream of the run derives from.
    public var seed: UInt64
    public var data: DataSpec
    public var strategy: StrategySpec
    public var engine: EngineSpec
    public var objective: ObjectiveSpec
    public var optimizer: OptimizerSpec
    public var walkForward: WalkForwardSpec?
    public var monteCarlo: MonteCarloSpec?
    public var compare: CompareSpec?
    /// Models trained before the search; rules read their walk-forward predictions as `model("name")`.
    public var ml: MLSpec?
    public var output: OutputSpec
    /// The folder of the spec file, which relative paths were resolved against (recorded in
    /// the manifest, so `crucible report` finds the data without guessing); nil for a spec
    /// built in code.
    public var specFolder: String?

    public init(name: String, seed: UInt64, data: DataSpec, strategy: StrategySpec, engine: EngineSpec,
                objective: ObjectiveSpec, optimizer: OptimizerSpec, walkForward: WalkForwardSpec? = nil,
                monteCarlo: MonteCarloSpec? = nil, compare: CompareSpec? = nil, output: OutputSpec = OutputSpec(),
                ml: MLSpec? = nil) {
        self.name = name; self.seed = seed; self.data = data; self.strategy = strategy
        self.engine = engine; self.objective = objective; self.optimizer = optimizer
        self.walkForward = walkForward; self.monteCarlo = monteCarlo; self.compare = compare
        self.output = output
        self.ml = ml
    }
}

/// Where results go and how much of each trial they keep.
public struct OutputSpec: Sendable, Equatable {
    /// Results root; a run writes to `<folder>/<name>/<run-id>/`. Relative to the current
    /// directory (results belong to where the user runs, not to where the spec lives).
    public var folder: String
    /// How many of the best trials keep their full equity curve and trade list in the store.
    public var topK: Int

    public init(folder: String = "results", topK: Int = 10) {
        self.folder = folder
        self.topK = topK
    }
}
