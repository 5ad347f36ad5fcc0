import Optimization

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
        let problemsBefore = log.problems.count
        guard case let .object(members) = field.value else { return field.expected("an object") }
        guard let kindValue = members["kind"] else {
            log.add(field.path.key("kind"), "missing required key")
            return nil
        }
        guard let kind = SpecField(value: kindValue, path: field.path.key("kind"), log: log).word(OptimizerKind.self),
              let object = field.object(SpecVocabulary.optimizer(kind), context: "the \(kind.rawValue) optimizer") else { return nil }
        let budget = object["budget"].flatMap { $0.positiveInt() }
        let batchSize = object["batch_size"].flatMap { $0.positiveInt() } ?? 1
        let maxTrials = object["max_trials"].flatMap { $0.positiveInt() } ?? OptimizerSpec.defaultMaxTrials
        let bayesian = kind == .bayesian ? bayesianSettings(object, budget: budget) : nil
        if let strategy { checkSpace(strategy, for: kind, at: field.path) }
        guard kind == .grid || budget != nil else { return nil }
        let spec = OptimizerSpec(kind: kind, budget: budget, batchSize: batchSize, bayesian: bayesian, maxTrials: maxTrials)
        guard let strategy, problemsBefore == log.problems.count else { return spec }
        do { _ = try spec.plannedTrials(strategy.space) } catch {
            log.add(SpecProblem(path: error.path, message: error.message))
            return nil
        }
        return spec
    }

    /// Optimization's `BayesianSettings`, with the spec's keys over its defaults.
    private func bayesianSettings(_ object: SpecObject, budget: Int?) -> BayesianSettings {
        var settings = BayesianSettings()
        if let v = object["initial_points"].flatMap({ $0.positiveInt() }) {
            settings.initialPoints = v
            if let budget, v > budget { object["initial_points"]?.problem("must not exceed optimizer.budget (\(budget))") }
        }
        let kappa = object["kappa"].flatMap { $0.nonNegativeNumber() } ?? 2
        switch object["acquisition"].flatMap({ $0.word(AcquisitionWord.self) }) {
        case .ucb?: settings.acquisition = .upperConfidenceBound(kappa: kappa)
        case .ei?, nil:
            if object.has("kappa") { object["kappa"]?.problem("only used with \"acquisition\": \"ucb\"") }
            settings.acquisition = .expectedImprovement
        }
        switch object["batch_strategy"].flatMap({ $0.word(BatchStrategyWord.self) }) {
        case .constantLiar?: settings.batchStrategy = .constantLiar
        case .krigingBeliever?, nil: settings.batchStrategy = .krigingBeliever
        }
        switch object["output_transform"].flatMap({ $0.word(OutputTransformWord.self) }) {
        case .standardize?: settings.outputTransform = .standardize
        case .rank?: settings.outputTransform = .rank
        case .robust?, nil: settings.outputTransform = .robust
        }
        if let v = object["candidates"].flatMap({ $0.positiveInt() }) { settings.candidates = v }
        do { try settings.validate() } catch { log.add(object.path, error.description) }
        return settings
    }

    /// The grid needs every axis enumerable; the samplers need something to vary.
    private func checkSpace(_ strategy: StrategySpec, for kind: OptimizerKind, at path: JSONPath) {
        if kind == .grid {
            do {
                _ = try ParameterGrid(strategy.space)
            } catch {
                switch error {
                case let .notGriddable(parameter, reason):
                    log.add(JSONPath.root.key("strategy").key("parameters").key(parameter), "the grid optimizer: \(reason)")
                default:
                    log.add(path.key("kind"), error.description)
                }
            }
        } else if strategy.space.freeIndices.isEmpty {
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
        let spec = WalkForwardSpec(mode: mode, train: train, test: test, step: step)
        func length(_ w: WindowLength) -> (Int64, isBars: Bool) {
            switch w {
            case let .bars(n): return (Int64(n), true)
            case let .duration(ms): return (ms, false)
            }
        }
        let (t, testInBars) = length(spec.test)
        let (s, stepInBars) = length(spec.step)
        if length(spec.train).isBars != testInBars || stepInBars != testInBars {
            log.add(object.path, "train, test and step must all be bar counts or all durations")
            return nil
        }
        if s < t, let stepField = object["step"] {
            stepField.problem("\(stepField.value.shown) is shorter than test (\(object["test"]!.value.shown)); test windows would overlap")
            return nil
        }
        return spec
    }

    func windowLength(_ field: SpecField) -> WindowLength? {
        let what = "a positive number of bars or a duration such as \"90d\", \"12h\", \"8w\""
        switch field.value {
        case .integer, .number:
            guard let bars = field.value.intValue, bars > 0 else { return field.expected(what) }
            return .bars(bars)
        case let .string(text):
            guard let length = WindowLength.duration(text) else {
                let digits = text.dropLast()
                if let unit = text.last, "mhdw".contains(unit), !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }),
                   Int64(digits).map({ $0 > 0 }) ?? true {
                    field.problem("the duration \"\(text)\" is too long; it must be under 292 million years (2^63 ms)")
                    return nil
                }
                return field.expected(what)
            }
            return length
        default:
            return field.expected(what)
        }
    }
}

/// The words the spec uses for Optimization's Bayesian settings.
enum AcquisitionWord: String, CaseIterable { case ei, ucb }
enum BatchStrategyWord: String, CaseIterable { case krigingBeliever = "kriging_believer", constantLiar = "constant_liar" }
enum OutputTransformWord: String, CaseIterable { case robust, standardize, rank }
