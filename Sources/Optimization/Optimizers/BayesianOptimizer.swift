import MarketData
/// Gaussian-process Bayesian optimization (Matérn 5/2 ARD, MAP hyperparameters refitted
/// before every batch, log expected improvement or UCB).
///
/// Semantics: the first `initialPoints` proposals come from a seeded, shifted Sobol design.
/// Afterwards every `suggest` refits the model on all observations (sorted by their features,
/// so the fit does not depend on the order trials finished in; a non-finite value — a failed
/// trial, an undefined objective, a broken limit — counts as the worst finite value observed,
/// so the model learns where trials fail instead of proposing there again), fantasizes the
/// points still pending (kriging believer or constant liar) and picks each new point by
/// maximizing the acquisition over Sobol candidates, perturbations of the best points and
/// gradient refinement of the best few. Integer, stepped and list parameters are rounded
/// before the acquisition is evaluated, choices are one-hot; a point already observed or
/// pending is never proposed again. All randomness is derived from (seed, number of
/// observations, number pending), so replaying stored trials reproduces the next proposal.
public final class BayesianOptimizer: Optimizer {
    public let space: SearchSpace
    public let settings: BayesianSettings
    public let seed: UInt64
    private let design: SobolOptimizer
    private var observations: [Observation] = []
    private var pending: [[ParameterValue]] = []
    private var taken = Set<[ParameterValue]>()

    struct Observation {
        let values: [ParameterValue]
        let features: [Double]
        let value: Double
    }

    /// Throws `.invalidSetting` for settings that cannot work (see `BayesianSettings.validate`).
    public init(space: SearchSpace, seed: UInt64, settings: BayesianSettings = BayesianSettings()) throws(OptimizationError) {
        try settings.validate()
        self.space = space
        self.settings = settings
        self.seed = seed
        self.design = SobolOptimizer(space: space, seed: seed)
        BLASThreads.single
    }

    /// Number of observations told so far.
    public var observationCount: Int { observations.count }

    public func observe(_ point: TrialPoint, _ value: Double) throws(OptimizationError) {
        let values: [ParameterValue]
        do { values = try space.validate(point) } catch { throw .space(error) }
        try design.observe(point, value)
        observations.append(Observation(values: values, features: space.features(values), value: value))
        if let i = pending.firstIndex(of: values) { pending.remove(at: i) }
        taken.insert(values)
    }

    /// The hyperparameters of the model the next proposal is made with: fitted on the
    /// observations exactly as `suggest` fits them (length scales per feature column,
    /// `SearchSpace.featureNames`); nil before two finite observations. A function of the set
    /// of observations, like the proposals.
    public func fittedHyperparameters() -> GPHyperparameters? {
        let sorted = ModelState.sorted(modelled)
        guard !sorted.isEmpty else { return nil }
        return ModelState.hyperparameters(x: sorted.flatMap(\.features), y: settings.outputTransform.apply(sorted.map(\.value)),
                                          dimension: space.featureCount, settings: settings, seed: modelSeed)
    }

    /// What the model is fitted on: every observation, a non-finite value replaced by the
    /// largest (worst, as values are minimized) finite one; empty before two finite values.
    private var modelled: [Observation] {
        let finite = observations.map(\.value).filter(\.isFinite)
        guard finite.count >= 2, let worst = finite.max() else { return [] }
        return observations.map { $0.value.isFinite ? $0 : Observation(values: $0.values, features: $0.features, value: worst) }
    }

    /// Seed of the hyperparameter fit, from the number of observations.
    private var modelSeed: UInt64 { SeedMixer.mix(seed, 20, UInt64(observations.count)) }

    public func suggest(count: Int) throws(OptimizationError) -> [TrialPoint] {
        var out: [TrialPoint] = []
        let fitted = modelled
        let known = observations.count + pending.count
        let fromDesign = fitted.isEmpty ? count : min(count, max(0, settings.initialPoints - known))
        if fromDesign > 0 {
            for point in try design.suggest(count: fromDesign) {
                let values = point.values
                guard taken.insert(values).inserted else { continue }
                pending.append(values)
                out.append(point)
            }
        }
        guard out.count < count, !fitted.isEmpty else { return out }
        var model = try ModelState(space: space, settings: settings, observations: fitted, pending: pending, seed: modelSeed)
        while out.count < count {
            let step = UInt64(observations.count) << 20 | UInt64(pending.count)
            let maximizer = AcquisitionMaximizer(space: space, settings: settings, model: model,
                                                 seed: SeedMixer.mix(seed, 30, step))
            guard let values = maximizer.best(excluding: taken) else { break }
            taken.insert(values)
            pending.append(values)
            out.append(space.point(values))
            if out.count < count { try model.addFantasy(space.features(values)) }
        }
        return out
    }
}
