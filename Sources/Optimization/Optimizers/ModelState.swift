/// The fitted Gaussian process behind one batch of proposals: transformed outputs,
/// hyperparameters, and the fantasies standing in for pending points.
struct ModelState {
    let dimension: Int
    let strategy: BayesianSettings.BatchStrategy
    private(set) var x: [Double]
    private(set) var y: [Double]
    private(set) var gp: GaussianProcess
    /// Training rows that are real observations (the first `observed` rows).
    let observed: Int
    /// Features of the best real observations, best first (centres for local candidates).
    let incumbents: [[Double]]

    init(space: SearchSpace, settings: BayesianSettings, observations: [BayesianOptimizer.Observation],
         pending: [[ParameterValue]], seed: UInt64) throws(OptimizationError) {
        let d = space.featureCount
        let sorted = Self.sorted(observations)
        dimension = d
        strategy = settings.batchStrategy
        let transformed = settings.outputTransform.apply(sorted.map(\.value))
        x = sorted.flatMap(\.features)
        y = transformed
        observed = sorted.count
        let hyper = Self.hyperparameters(x: x, y: transformed, dimension: d, settings: settings, seed: seed)
        gp = try GaussianProcess(x: x, y: y, dimension: d, hyperparameters: hyper)
        let order = transformed.indices.sorted { (transformed[$0], $0) < (transformed[$1], $1) }
        incumbents = order.prefix(5).map { Array(sorted[$0].features) }
        for values in pending { try addFantasy(space.features(values)) }
    }

    /// The observations ordered by their features, so nothing depends on the order trials
    /// finished in.
    static func sorted(_ observations: [BayesianOptimizer.Observation]) -> [BayesianOptimizer.Observation] {
        observations.sorted { $0.features.lexicographicallyPrecedes($1.features) }
    }

    /// The MAP hyperparameters for feature-sorted rows `x` and transformed outputs `y`: several
    /// starts up to `restartsUpTo` rows, on at most `fitSubset` rows (`EvenSubset`).
    static func hyperparameters(x: [Double], y: [Double], dimension d: Int, settings: BayesianSettings,
                                seed: UInt64) -> GPHyperparameters {
        let restarts = y.count <= settings.restartsUpTo ? settings.hyperparameterRestarts : 1
        let rows = EvenSubset.rows(x: x, y: y, dimension: d, limit: settings.fitSubset)
        return HyperparameterFit.fit(x: rows.x, y: rows.y, dimension: d, seed: seed, restarts: restarts,
                                     coarseRows: settings.coarseFitSubset, polishIterations: settings.polishIterations)
    }

    /// Best (lowest) training output, fantasies included.
    var best: Double { y.min()! }

    /// Adds a pending point with a fantasized value and re-conditions the process (same
    /// hyperparameters).
    mutating func addFantasy(_ features: [Double]) throws(OptimizationError) {
        let value: Double
        switch strategy {
        case .constantLiar: value = y.prefix(observed).min()!
        case .krigingBeliever:
            var mean = [0.0], variance = [0.0]
            features.withUnsafeBufferPointer { p in
                mean.withUnsafeMutableBufferPointer { m in
                    variance.withUnsafeMutableBufferPointer { gp.predict(p, mean: m, variance: $0) }
                }
            }
            value = mean[0]
        }
        x += features
        y.append(value)
        gp = try GaussianProcess(x: x, y: y, dimension: dimension, hyperparameters: gp.hyperparameters)
    }
}
