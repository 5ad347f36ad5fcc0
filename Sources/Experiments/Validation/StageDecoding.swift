import MarketData
import Strategies

extension SpecDecoder {
    /// `monte_carlo`: which stress tests, how many paths, and their settings.
    func monteCarlo(_ field: SpecField) -> MonteCarloSpec? {
        guard let object = field.object(SpecVocabulary.monteCarlo) else { return nil }
        let methods = object["methods"].flatMap { $0.words(MonteCarloMethod.self) }
        let paths = object["paths"].flatMap { $0.positiveInt() }
        let openUnit = { (key: String) in object[key].flatMap { $0.number("a number in (0, 1)") { $0 > 0 && $0 < 1 } } }
        if let paths, let reason = AllocationLimit.exceeded(paths, bytesEach: MonteCarloSpec.bytesPerPath, what: "paths") {
            object["paths"]?.problem(reason)
            return nil
        }
        var spec = MonteCarloSpec(methods: methods ?? [], paths: paths ?? 0)
        spec.blockLength = object["block_length"].flatMap { $0.int(atLeast: 1, "a positive integer of at most \(MonteCarloSpec.maxBlockLength) bars") }
        if let length = spec.blockLength, length > MonteCarloSpec.maxBlockLength {
            object["block_length"]?.problem("\(length) bars is longer than any data set (at most \(MonteCarloSpec.maxBlockLength))")
            return nil
        }
        if let v = object["perturbation"].flatMap({ $0.fraction() }) { spec.perturbation = v }
        if let v = object["cost_multiplier"].flatMap({ $0.positiveNumber() }) { spec.costMultiplier = v }
        if let v = object["latency_bars"].flatMap({ $0.positiveInt() }) { spec.latencyBars = v }
        if let v = openUnit("drop_fraction") { spec.dropFraction = v }
        if let v = openUnit("ruin_threshold") { spec.ruinThreshold = v }
        guard methods != nil, paths != nil else { return nil }
        return spec
    }

    /// `compare`: rival strategies with fixed parameters and the tests to run.
    func compare(_ field: SpecField) -> CompareSpec? {
        guard let object = field.object(SpecVocabulary.compare) else { return nil }
        var rivals: [CompareSpec.Rival]?
        if let items = object["against"]?.array() {
            if items.isEmpty { _ = object["against"]?.expected("a non-empty array") as Int? }
            let decoded = items.compactMap(rival)
            rivals = decoded.count == items.count && !items.isEmpty ? decoded : nil
        }
        let tests = object["tests"].flatMap { $0.words(CompareTest.self) }
        let alpha = object["alpha"].flatMap { $0.number("a number in (0, 1)") { $0 > 0 && $0 < 1 } } ?? 0.05
        let bootstrap = object["bootstrap"].flatMap { $0.positiveInt() } ?? 1000
        guard let rivals, let tests else { return nil }
        // The bootstrap keeps one mean per replicate and strategy (the chosen one and each rival).
        if let reason = AllocationLimit.exceeded(bootstrap, bytesEach: 8 * (rivals.count + 1), what: "bootstrap replicates") {
            object["bootstrap"]?.problem(reason)
            return nil
        }
        return CompareSpec(against: rivals, tests: tests, alpha: alpha, bootstrap: bootstrap)
    }

    /// `{"name", "parameters": {name: fixed value}}`.
    private func rival(_ field: SpecField) -> CompareSpec.Rival? {
        guard let object = field.object(SpecVocabulary.rival), let nameField = object["name"],
              let name = nameField.string() else { return nil }
        guard let descriptor = try? StrategyRegistry.type(named: name).descriptor else {
            let known = StrategyRegistry.descriptors.map(\.name)
            nameField.problem("unknown strategy \"\(name)\"" + Suggestion.hint(for: name, in: known))
            return nil
        }
        var parameters = descriptor.defaults
        guard let parametersField = object["parameters"] else { return CompareSpec.Rival(parameters: parameters) }
        guard case let .object(members) = parametersField.value else { return parametersField.expected("an object") }
        var ok = true
        for key in members.keys.sorted() {
            let member = SpecField(value: members[key]!, path: parametersField.path.key(key), log: log)
            guard let spec = descriptor.parameters.first(where: { $0.name == key }) else {
                member.problem("unknown parameter of \(name)" + Suggestion.hint(for: key, in: descriptor.parameters.map(\.name)))
                ok = false
                continue
            }
            guard let value = value(member, spec), (try? parameters.set(key, value)) != nil else { ok = false; continue }
        }
        return ok ? CompareSpec.Rival(parameters: parameters) : nil
    }

    /// `output`: results folder and how many top trials keep full detail.
    func output(_ field: SpecField) -> OutputSpec? {
        guard let object = field.object(SpecVocabulary.output) else { return nil }
        var spec = OutputSpec(folder: resolved(OutputSpec().folder))
        if let folder = object["folder"].flatMap(nonEmptyString) { spec.folder = resolved(folder) }
        if let topK = object["top_k"].flatMap({ $0.nonNegativeInt() }) { spec.topK = topK }
        return spec
    }
}
