import Simulation
import Strategies

extension SpecDecoder {
    /// `engine`: simulator kind (which the strategy must support) and `EngineConfig` settings,
    /// checked at the end by `EngineConfig.validate()`.
    func engine(_ field: SpecField, strategy: StrategyDescriptor?) -> EngineSpec? {
        let problemsBefore = log.problems.count
        guard let object = field.object(SpecVocabulary.engine) else { return nil }
        let kind = object["kind"].flatMap { $0.word(EngineKind.self) }
        if let kind, let strategy, !strategy.engines.contains(kind), let kindField = object["kind"] {
            let supported = strategy.engines.map(\.rawValue).joined(separator: ", ")
            kindField.problem("\(strategy.name) does not run in the \(kind.rawValue) engine; it supports: \(supported)")
        }
        var config = EngineConfig()
        if let v = object["cash"].flatMap({ $0.positiveNumber() }) { config.initialCash = v }
        if let v = object["fees"].flatMap(fees) { config.fees = v }
        let slippage = object["slippage"].flatMap { self.slippage($0, &config) } ?? SlippageSetting.none
        if let v = object["fill"].flatMap({ $0.word(FillTiming.self) }) { config.fill = v }
        if let v = object["intrabar"].flatMap({ $0.word(IntrabarPath.self) }) { config.intrabar = v }
        if let v = object["leverage"].flatMap({ $0.number("a number ≥ 1") { $0 >= 1 } }) { config.leverage = v }
        if let v = object["maintenance_margin"].flatMap({ $0.number("a number in [0, 1)") { $0 >= 0 && $0 < 1 } }) {
            config.maintenanceMargin = v
        }
        if let v = object["max_participation"].flatMap({ $0.fraction() }) { config.maxParticipation = v }
        if let v = object["lot_size"].flatMap({ $0.nonNegativeNumber() }) { config.lotSize = v }
        if let v = object["min_notional"].flatMap({ $0.nonNegativeNumber() }) { config.minNotional = v }
        if let v = object["borrow_rate"].flatMap({ $0.nonNegativeNumber() }) { config.borrowRate = v }
        guard let kind, log.problems.count == problemsBefore else { return nil }
        do {
            try config.validate()
        } catch {
            if case let .invalidConfig(reason) = error { field.problem(reason) } else { field.problem(error.description) }
            return nil
        }
        return EngineSpec(kind: kind, config: config, slippage: slippage)
    }

    /// `fees`: unset keys keep `FeeModel`'s defaults.
    private func fees(_ field: SpecField) -> FeeModel? {
        guard let object = field.object(SpecVocabulary.fees) else { return nil }
        var fees = FeeModel()
        if let v = object["maker_bps"].flatMap({ $0.number("a number") }) { fees.makerBps = v }
        if let v = object["taker_bps"].flatMap({ $0.nonNegativeNumber() }) { fees.takerBps = v }
        if let v = object["fixed"].flatMap({ $0.nonNegativeNumber() }) { fees.fixedPerOrder = v }
        if let v = object["minimum"].flatMap({ $0.nonNegativeNumber() }) { fees.minimumPerOrder = v }
        return fees
    }

    /// `{"model": ..., <that model's parameters>}`; the allowed keys depend on the model.
    private func slippage(_ field: SpecField, _ config: inout EngineConfig) -> SlippageSetting? {
        guard case let .object(members) = field.value else { return field.expected("an object") }
        guard let modelValue = members["model"] else {
            log.add(field.path.key("model"), "missing required key")
            return nil
        }
        guard let model = SpecField(value: modelValue, path: field.path.key("model"), log: log).word(SlippageModelName.self),
              let object = field.object(SpecVocabulary.slippage(model), context: "the \(model.rawValue) model") else { return nil }
        if let window = object["window"].flatMap({ $0.int(atLeast: 2, "an integer ≥ 2") }) { config.statsWindow = window }
        switch model {
        case .none:
            return SlippageSetting.none
        case .fixedBps:
            return object["bps"].flatMap { $0.nonNegativeNumber() }.map { .fixedBps(bps: $0) }
        case .halfSpread:
            return object["spread_bps"].flatMap { $0.nonNegativeNumber() }.map { .halfSpread(spreadBps: $0) }
        case .volatility:
            return object["k"].flatMap { $0.nonNegativeNumber() }.map { .volatility(k: $0) }
        case .sqrtImpact:
            return object["eta"].flatMap { $0.nonNegativeNumber() }.map { .sqrtImpact(eta: $0) }
        }
    }
}
