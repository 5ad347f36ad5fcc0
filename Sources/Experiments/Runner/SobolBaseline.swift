import Optimization

/// The `sobol_baseline` section of a Bayesian run's `summary.json`: as many points of the
/// seeded Sobol sequence as the search ran (the sequence the Bayesian optimizer's initial
/// design starts with), evaluated as the search's trials were, so the report can draw the
/// search's best-so-far curve against a space-filling search of the same budget.
///
/// Semantics: point k is evaluated with trial k's seed; `objectives[k]` is its objective when
/// the backtest succeeded within the objective's limits, null otherwise (as the report's search
/// curve treats trials). Where the search's trial k is that same point (its initial design) the
/// stored trial is taken, not run again; every other point costs one more backtest after the
/// search. The baseline enters no table of the results store, no ranking and no statistic.
enum SobolBaseline {
    /// The section, or nil for other optimizers.
    static func section(spec: ExperimentSpec, evaluator: TrialEvaluator, store: ResultsStore, runID: String,
                        count: Int, threads: Int) throws(RunError) -> JSONText? {
        guard spec.optimizer.kind == .bayesian, count > 0 else { return nil }
        let points: [TrialPoint]
        do { points = try SobolOptimizer(space: spec.strategy.space, seed: spec.seed).suggest(count: count) } catch {
            throw .optimizer(error.description)
        }
        var objectives = [Double?](repeating: nil, count: points.count)
        var reused = [Bool](repeating: false, count: points.count)
        let stored: [TrialRecord]
        do { stored = try store.trials(runID: runID) } catch { throw .store(error) }
        for trial in stored where trial.id < points.count && trial.point == points[trial.id] {
            objectives[trial.id] = Self.objective(trial)
            reused[trial.id] = true
        }
        let missing = points.indices.filter { !reused[$0] }
        for outcome in evaluator.evaluate(missing.map { points[$0] }, ids: missing, seed: spec.seed, threads: threads) {
            objectives[outcome.record.id] = Self.objective(outcome.record)
        }
        return .object([("objectives", .array(objectives.map { .number($0) }))])
    }

    /// A trial's objective on the report's search curve: nil unless it succeeded.
    private static func objective(_ trial: TrialRecord) -> Double? { trial.status == .ok ? trial.objective : nil }
}
