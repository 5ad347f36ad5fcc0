import Optimization

/// The `sobol_baseline` section of a Bayesian run's `summary.json`: as many points of the
/// seeded Sobol sequence as the search ran (the sequence the Bayesian optimizer's initial
/// design starts with), evaluated after the search as its trials were, so the report can draw
/// the search's best-so-far curve against a space-filling search of the same budget.
///
/// Semantics: point k is evaluated with trial k's seed; `objectives[k]` is its objective when
/// the backtest succeeded within the objective's limits, null otherwise (as the report's search
/// curve treats trials). The baseline enters no table of the results store, no ranking and no
/// statistic; it costs one more backtest per trial.
enum SobolBaseline {
    /// The section, or nil for other optimizers.
    static func section(spec: ExperimentSpec, evaluator: TrialEvaluator, count: Int, threads: Int) throws(RunError) -> JSONText? {
        guard spec.optimizer.kind == .bayesian, count > 0 else { return nil }
        let points: [TrialPoint]
        do { points = try SobolOptimizer(space: spec.strategy.space, seed: spec.seed).suggest(count: count) } catch {
            throw .optimizer(error.description)
        }
        let outcomes = evaluator.evaluate(points, ids: Array(points.indices), seed: spec.seed, threads: threads)
            .sorted { $0.record.id < $1.record.id }
        return .object([("objectives", .array(outcomes.map { .number($0.record.status == .ok ? $0.record.objective : nil) }))])
    }
}
