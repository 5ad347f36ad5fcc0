import Optimization

/// The `gaussian_process` section of a Bayesian run's `summary.json`: the hyperparameters of
/// the model the optimizer would make its next proposal with (`BayesianOptimizer.
/// fittedHyperparameters`), refitted from the stored trials as a resumed run would be, so the
/// section is as reproducible as `ranked.csv`.
///
/// Semantics: `length_scales` has one member per feature column of the search space
/// (`SearchSpace.featureNames`: a numeric parameter's name, `name=option` per option of a
/// choice), in units of the column's [0, 1] scale (a parameter's full range, log-scaled where
/// declared); a short length scale means the objective changes quickly along that parameter, a
/// long one that it barely depends on it. Variances are on the transformed (standardized)
/// objective.
enum GaussianProcessSummary {
    /// The section, or nil for other optimizers and before two finite trials.
    static func section(spec: ExperimentSpec, store: ResultsStore, runID: String) throws(RunError) -> JSONText? {
        guard spec.optimizer.kind == .bayesian else { return nil }
        let space = spec.strategy.space
        let optimizer: BayesianOptimizer
        do {
            optimizer = try BayesianOptimizer(space: space, seed: spec.seed, settings: spec.optimizer.bayesian ?? BayesianSettings())
        } catch { throw .optimizer(error.description) }
        try TrialLoop.replay(store: store, runID: runID, spec: spec, into: optimizer)
        guard let fitted = optimizer.fittedHyperparameters() else { return nil }
        return .object([
            ("observations", .int(Int64(optimizer.observationCount))),
            ("length_scales", .object(zip(space.featureNames, fitted.lengthScales).map { ($0, .number($1)) })),
            ("signal_variance", .number(fitted.signalVariance)),
            ("noise_variance", .number(fitted.noiseVariance)),
        ])
    }
}
