import Strategies

extension SpecDecoder {
    /// The `exits`, `sizing` and `risk` blocks of `strategy` (absent blocks set nothing).
    /// `declared` names the search-space parameters a setting may refer to by name. Every value
    /// is checked against its modifier parameter's type and range, and the numbers together as
    /// `Modifiers` checks them (e.g. `kelly.min_trades` ≤ `kelly.window`); problems name the path.
    func modifiers(_ strategy: SpecObject, declared: [String]) -> ModifierSpec? {
        let before = log.problems.count
        var settings: [ModifierSpec.Setting] = []
        if let exits = strategy["exits"], let object = exits.object(SpecVocabulary.exits) {
            settings += read(object, ModifierSpec.exitKeys, declared: declared, expressions: ["stop_loss", "take_profit", "trailing_stop"])
        }
        if let sizing = strategy["sizing"] { settings += self.sizing(sizing, declared: declared) }
        if let risk = strategy["risk"], let object = risk.object(SpecVocabulary.risk) {
            settings += read(object, ModifierSpec.riskKeys, declared: declared, expressions: [])
        }
        guard log.problems.count == before else { return nil }
        let spec = ModifierSpec(settings: settings)
        if let exits = strategy["exits"], settings.contains(where: { $0.name == "atr_period" }), !settings.contains(where: { $0.name == "atr_stop" }) {
            exits.problem("atr_period applies with atr_stop")
            return nil
        }
        if let risk = strategy["risk"], settings.contains(where: { $0.name == "halt_bars" }), !settings.contains(where: { $0.name == "max_drawdown" }) {
            risk.problem("halt_bars applies with max_drawdown")
            return nil
        }
        // The numbers together, parameters at their modifier defaults (their own ranges are
        // checked with the search space).
        do {
            let fixed = ModifierSpec(settings: settings.filter { if case .parameter = $0.value { return false } else { return true } })
            _ = try fixed.modifiers(periodsPerYear: 8_760) { _ in nil }
        } catch {
            strategy.log.add(strategy.path, error.description)
            return nil
        }
        return spec
    }

    /// `{"rule": ..., <that rule's settings>}`; the allowed keys depend on the rule.
    private func sizing(_ field: SpecField, declared: [String]) -> [ModifierSpec.Setting] {
        guard case let .object(members) = field.value else { return field.expected("an object") ?? [] }
        guard let ruleValue = members["rule"] else {
            log.add(field.path.key("rule"), "missing required key")
            return []
        }
        let ruleField = SpecField(value: ruleValue, path: field.path.key("rule"), log: log)
        guard let rule = ruleField.string() else { return [] }
        guard SizingRule.names.contains(rule) else {
            ruleField.problem("unknown sizing rule \"\(rule)\"" + Suggestion.hint(for: rule, in: SizingRule.names))
            return []
        }
        guard let object = field.object(SpecVocabulary.sizing(rule), context: "the \(rule) rule") else { return [] }
        let rest = read(object, ModifierSpec.sizingKeys(rule), declared: declared, expressions: [])
        return [ModifierSpec.Setting(name: "sizing", path: ruleField.path.description, value: .word(rule))] + rest
    }

    /// The settings of `keys` present in `object`, in the order of `keys`.
    private func read(_ object: SpecObject, _ keys: [(key: String, parameter: String)], declared: [String],
                      expressions: Set<String>) -> [ModifierSpec.Setting] {
        var result: [ModifierSpec.Setting] = []
        for (key, name) in keys {
            guard let field = object[key], let spec = Modifiers.parameters.first(where: { $0.name == name }) else { continue }
            let value: ModifierSpec.Value?
            switch field.value {
            case let .string(text):
                if declared.contains(text) {
                    value = .parameter(text)
                } else if expressions.contains(key) {
                    value = .expression(text)
                } else {
                    field.problem("\"\(text)\" is neither a number nor a parameter in strategy.parameters" + Suggestion.hint(for: text, in: declared))
                    value = nil
                }
            default:
                value = number(field, spec).map { .number($0) }
            }
            if let value { result.append(ModifierSpec.Setting(name: name, path: field.path.description, value: value)) }
        }
        return result
    }

    /// A number of the modifier parameter's type inside its declared range.
    private func number(_ field: SpecField, _ spec: ParameterSpec) -> Double? {
        switch spec.kind {
        case let .int(_, lo, hi):
            guard let i = field.value.intValue, i >= lo, i <= hi else { return field.expected("an integer in [\(lo), \(hi)] or a parameter name") }
            return Double(i)
        case let .double(_, lo, hi):
            return field.number("a number in [\(lo), \(hi)] or a parameter name") { $0 >= lo && $0 <= hi }
        case .bool, .choice:
            return field.expected("a number")
        }
    }
}
