/// Ask/tell protocol shared by every optimizer (LEAN's `IOptimizationStrategy`, optuna's
/// ask/tell): the driver asks for points, evaluates them (in any order, in parallel) and
/// tells the results back.
///
/// Semantics: values are minimized; to maximize an objective, observe its negation. A
/// failed trial is observed as `.nan`: it is never proposed again and the model ignores it.
/// Resuming is replaying: a fresh optimizer built with the same space, settings and seed,
/// told the stored trials, proposes what the uninterrupted run would have proposed next.
public protocol Optimizer: AnyObject {
    /// The space the points come from.
    var space: SearchSpace { get }

    /// Up to `count` new feasible points; fewer (possibly none) when the optimizer has
    /// nothing left to propose (an exhausted grid, a finite space fully explored).
    func suggest(count: Int) throws(OptimizationError) -> [TrialPoint]

    /// Records the objective value of a point (proposed by this optimizer or replayed).
    func observe(_ point: TrialPoint, _ value: Double) throws(OptimizationError)
}
