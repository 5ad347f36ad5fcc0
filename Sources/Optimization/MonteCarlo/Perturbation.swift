import MarketData
/// Jitters a point within its space (see `PerturbationSettings`).
enum Perturbation {
    static func jitter(_ chosen: [ParameterValue], space: SearchSpace, settings: PerturbationSettings, rng: SeededGenerator) -> [ParameterValue] {
        for _ in 0..<100 {
            var values = chosen
            for (i, parameter) in space.parameters.enumerated() {
                values[i] = move(chosen[i], in: parameter.domain, settings: settings, rng: rng)
            }
            if space.satisfiesConstraints(values) { return values }
        }
        return chosen
    }

    /// One parameter's jittered value.
    static func move(_ value: ParameterValue, in domain: ParameterDomain, settings: PerturbationSettings, rng: SeededGenerator) -> ParameterValue {
        switch domain {
        case .choice, .fixed:
            return value
        case let .doubleRange(lower, upper, nil, _):
            let u = 2 * rng.uniform() - 1
            return .double(min(max(value.number! * (1 + u * settings.fraction), lower), upper))
        default:
            guard let levels = domain.levelCount, let k = domain.levelIndex(of: value) else { return value }
            let shift = rng.index(2 * settings.steps + 1) - settings.steps
            return domain.level(min(max(k + shift, 0), levels - 1))
        }
    }
}
