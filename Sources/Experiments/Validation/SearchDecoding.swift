extension SpecDecoder {
    /// `objective`: a metric, a direction and optional feasibility limits.
    func objective(_ field: SpecField) -> ObjectiveSpec? {
        guard let object = field.object(SpecVocabulary.objective) else { return nil }
        let metric = object["metric"].flatMap { $0.word(ObjectiveMetric.self) }
        let direction = object["direction"].flatMap { $0.word(ObjectiveSpec.Direction.self) }
        let minTrades = object["min_trades"].flatMap { $0.nonNegativeInt() }
        let maxDrawdown = object["max_drawdown"].flatMap { $0.fraction() }
        guard let metric, let direction else { return nil }
        return ObjectiveSpec(metric: metric, direction: direction, minTrades: minTrades, maxDrawdown: maxDrawdown)
    }

    /// `optimizer`: the kind decides which keys are allowed; the parameter space must suit it.
    func optimizer(_ field: SpecField, strategy: StrategySpec?) -> OptimizerSpec? {
        guard case let .object(members) = field.value else { return field.expected("an object") }
        guard let kindValue = members["kind"] else {
            log.add(field.path.key("kind"), "missing required key")
            return nil
        }
        guard let kind = SpecField(value: kindValue, path: field.path.key("kind"), log: log).word(OptimizerKind.self),
              let object = field.object(SpecVocabulary.optimizer(kind), context: "the \(kind.rawValue) optimizer") else { return nil }
        let budget = object["budget"].flatMap { $0.positiveInt() }
        let batchSize = object["batch_size"].flatMap { $0.positiveInt() } ?? 1
        var bayesian: BayesianSettings?
        if kind == .bayesian {
            var settings = BayesianSettings()
            if let v = object["initial_points"].flatMap({ $0.positiveInt() }) {
                settings.initialPoints = v
                if let budget, v > budget { object["initial_points"]?.problem("must not exceed optimizer.budget (\(budget))") }
            }
            if let v = object["acquisition"].flatMap({ $0.word(BayesianSettings.Acquisition.self) }) { settings.acquisition = v }
            if let v = object["xi"].flatMap({ $0.nonNegativeNumber() }) { settings.xi = v }
            if let v = object["kappa"].flatMap({ $0.nonNegativeNumber() }) { settings.kappa = v }
            if let v = object["batch_strategy"].flatMap({ $0.word(BayesianSettings.BatchStrategy.self) }) { settings.batchStrategy = v }
            if let v = object["candidates"].flatMap({ $0.positiveInt() }) { settings.candidates = v }
            bayesian = settings
        }
        if let strategy { checkSpace(strategy, for: kind, at: field.path) }
        guard kind == .grid || budget != nil else { return nil }
        return OptimizerSpec(kind: kind, budget: budget, batchSize: batchSize, bayesian: bayesian)
    }

    /// The grid needs every axis enumerable; the samplers need something to vary.
    private func checkSpace(_ strategy: StrategySpec, for kind: OptimizerKind, at path: JSONPath) {
        let parameters = JSONPath.root.key("strategy").key("parameters")
        if kind == .grid {
            for axis in strategy.axes where axis.domain.gridCount == nil {
                log.add(parameters.key(axis.name), "the grid optimizer needs a step (or a values list) for a double range")
            }
        } else if strategy.searchedAxes.isEmpty {
            log.add(path.key("kind"), "the \(kind.rawValue) optimizer needs at least one parameter that varies; every parameter is fixed")
        }
    }

    /// `walk_forward`: rolling or anchored windows in bars or durations.
    func walkForward(_ field: SpecField) -> WalkForwardSpec? {
        guard let object = field.object(SpecVocabulary.walkForward) else { return nil }
        let mode = object["mode"].flatMap { $0.word(WalkForwardSpec.Mode.self) }
        let train = object["train"].flatMap(windowLength)
        let test = object["test"].flatMap(windowLength)
        let step = object["step"].flatMap(windowLength)
        guard let mode, let train, let test else { return nil }
        return WalkForwardSpec(mode: mode, train: train, test: test, step: step)
    }

    private func windowLength(_ field: SpecField) -> WindowLength? {
        let what = "a positive number of bars or a duration such as \"90d\", \"12h\", \"8w\""
        switch field.value {
        case .integer, .number:
            guard let bars = field.value.intValue, bars > 0 else { return field.expected(what) }
            return .bars(bars)
        case let .string(text):
            guard let length = WindowLength.duration(text) else { return field.expected(what) }
            return length
        default:
            return field.expected(what)
        }
    }
}
