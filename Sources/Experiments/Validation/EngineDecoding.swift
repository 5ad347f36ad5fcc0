import Strategies

extension SpecDecoder {
    /// `engine`: simulator kind (which the strategy must support), cash, costs and fill rules.
    func engine(_ field: SpecField, strategy: StrategyDescriptor?) -> EngineSpec? {
        guard let object = field.object(SpecVocabulary.engine) else { return nil }
        let kind = object["kind"].flatMap { $0.word(EngineKind.self) }
        if let kind, let strategy, !strategy.engines.contains(kind), let kindField = object["kind"] {
            let supported = strategy.engines.map(\.rawValue).joined(separator: ", ")
            kindField.problem("\(strategy.name) does not run in the \(kind.rawValue) engine; it supports: \(supported)")
        }
        let cash = object["cash"].flatMap { $0.positiveNumber() }
        let fees = object["fees"].flatMap(fees) ?? FeeSpec()
        let slippage = object["slippage"].flatMap(slippage) ?? SlippageSpec.none
        let fill = object["fill"].flatMap { $0.word(FillTiming.self) } ?? .nextOpen
        let intrabar = object["intrabar"].flatMap { $0.word(IntrabarPath.self) } ?? .worstCase
        let leverage = object["leverage"].flatMap { $0.number("a number ≥ 1") { $0 >= 1 } } ?? 1
        let margin = object["margin"].flatMap(margin)
        let participation = object["max_participation"].flatMap { $0.fraction() }
        guard let kind, let cash else { return nil }
        return EngineSpec(kind: kind, cash: cash, fees: fees, slippage: slippage, fill: fill, intrabar: intrabar,
                          leverage: leverage, margin: margin, maxParticipation: participation)
    }

    private func fees(_ field: SpecField) -> FeeSpec? {
        guard let object = field.object(SpecVocabulary.fees) else { return nil }
        func read(_ key: String) -> Double { object[key].flatMap { $0.nonNegativeNumber() } ?? 0 }
        return FeeSpec(makerBps: read("maker_bps"), takerBps: read("taker_bps"), fixed: read("fixed"), minimum: read("minimum"))
    }

    /// `{"model": ..., <that model's parameters>}`; the allowed keys depend on the model.
    private func slippage(_ field: SpecField) -> SlippageSpec? {
        guard case let .object(members) = field.value else { return field.expected("an object") }
        guard let modelValue = members["model"] else {
            log.add(field.path.key("model"), "missing required key")
            return nil
        }
        guard let model = SpecField(value: modelValue, path: field.path.key("model"), log: log).word(SlippageModel.self),
              let object = field.object(SpecVocabulary.slippage(model), context: "the \(model.rawValue) model") else { return nil }
        let window = { object["window"].flatMap { $0.int(atLeast: 2, "an integer ≥ 2") } }
        switch model {
        case .none:
            return SlippageSpec.none
        case .fixedBps:
            return object["bps"].flatMap { $0.nonNegativeNumber() }.map { .fixedBps(bps: $0) }
        case .halfSpread:
            return object["spread_bps"].flatMap { $0.nonNegativeNumber() }.map { .halfSpread(spreadBps: $0) }
        case .volatility:
            let k = object["k"].flatMap { $0.nonNegativeNumber() }, w = window()
            guard let k, let w else { return nil }
            return .volatility(k: k, window: w)
        case .sqrtImpact:
            let eta = object["eta"].flatMap { $0.nonNegativeNumber() }, w = window()
            guard let eta, let w else { return nil }
            return .sqrtImpact(eta: eta, window: w)
        }
    }

    /// `{"initial", "maintenance"}` fractions of notional, maintenance below initial.
    private func margin(_ field: SpecField) -> MarginSpec? {
        guard let object = field.object(SpecVocabulary.margin) else { return nil }
        let initial = object["initial"].flatMap { $0.fraction() }
        let maintenance = object["maintenance"].flatMap { $0.fraction() }
        guard let initial, let maintenance else { return nil }
        guard maintenance < initial else {
            object["maintenance"]?.problem("must be below margin.initial (\(NumberText.shortest(initial)))")
            return nil
        }
        return MarginSpec(initial: initial, maintenance: maintenance)
    }
}
