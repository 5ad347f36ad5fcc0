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
    /// The most trials the run may plan (`max_trials`, default 10 million): a larger grid or
    /// budget is refused before any work, with its count.
    public var maxTrials: Int

    public static let defaultMaxTrials = 10_000_000

    public init(kind: OptimizerKind, budget: Int?, batchSize: Int = 1, bayesian: BayesianSettings? = nil,
                maxTrials: Int = defaultMaxTrials) {
        self.kind = kind
        self.budget = budget
        self.batchSize = batchSize
        self.bayesian = bayesian
        self.maxTrials = maxTrials
    }

    /// Why a search cannot be planned: where in the spec, and what is wrong.
    public struct PlanProblem: Error, Sendable, Equatable {
        /// `optimizer.budget`, `optimizer.max_trials` or `strategy.constraints`.
        public var path: String
        public var message: String
    }

    /// The number of trials the search runs over `space`: the budget, or for the grid its
    /// feasible points (capped by the budget), counted by `ParameterGrid.feasibleCount`.
    /// Refuses more than `maxTrials`, a grid too large to count, and a grid that the
    /// constraints leave empty.
    public func plannedTrials(_ space: SearchSpace) throws(PlanProblem) -> Int {
        guard kind == .grid else {
            let n = budget ?? 0
            guard n <= maxTrials else {
                throw PlanProblem(path: "optimizer.budget", message: "\(n) trials exceed optimizer.max_trials (\(maxTrials)); raise max_trials to run them")
            }
            return n
        }
        let grid: ParameterGrid
        do { grid = try ParameterGrid(space) } catch {
            throw PlanProblem(path: "optimizer.kind", message: error.description)
        }
        let cap = min(budget ?? .max, maxTrials)
        switch grid.feasibleCount(cap: cap) {
        case .exactly(0):
            throw PlanProblem(path: "strategy.constraints",
                              message: "no point of the \(grid.count)-point grid satisfies the constraints; nothing would run")
        case let .exactly(n):
            return n
        case let .moreThan(c):
            if let budget, budget <= maxTrials { return budget }
            let total = space.constraints.isEmpty ? "\(grid.count) points" : "more than \(c) feasible points (\(grid.count) before constraints)"
            throw PlanProblem(path: "optimizer.max_trials",
                              message: "the grid has \(total), more than max_trials (\(maxTrials)); narrow the ranges, set a budget or raise max_trials")
        case let .tooManyToScan(total):
            throw PlanProblem(path: "optimizer.max_trials",
                              message: "the grid has \(total) points before constraints, too many to count the feasible ones "
                                + "(at most \(ParameterGrid.scanLimit)); narrow the ranges or set a budget")
        }
    }
}

public enum OptimizerKind: String, Sendable, CaseIterable {
    case grid, random, sobol, bayesian
}
