import MarketData
import Strategies

extension SpecDecoder {
    /// The `exits`, `sizing` and `risk` blocks of `strategy` (absent blocks set nothing).
    /// `declared` are the numeric search-space parameters a setting may refer to by name or in an
    /// exit level expression, `imported` the data's imported series expressions may read, `models`
    /// the `ml.models` names whose predictions they may read as `model("name")` (the level
    /// program's columns are the imported series, then one per model, as for rules). Every
    /// value is checked against its modifier parameter's type and range, and the numbers together
    /// as `Modifiers` checks them (e.g. `kelly.min_trades` ≤ `kelly.window`); the expressions are
    /// compiled together as a rule program, each problem at its setting's path with the column and
    /// a caret. Problems of the declarations themselves (reserved names) are logged only with
    /// `reportDeclarations` (a rule strategy's rules report them already).
    func modifiers(_ strategy: SpecObject, declared: [RuleParameter], imported: [ImportedSeries], models: [String],
                   reportDeclarations: Bool) -> ModifierSpec? {
        let before = log.problems.count
        let names = declared.map(\.name)
        var settings: [ModifierSpec.Setting] = []
        if let exits = strategy["exits"], let object = exits.object(SpecVocabulary.exits) {
            settings += read(object, ModifierSpec.exitKeys, declared: names, expressions: Set(ExitLevels.names))
        }
        if let sizing = strategy["sizing"] { settings += self.sizing(sizing, declared: names) }
        if let risk = strategy["risk"], let object = risk.object(SpecVocabulary.risk) {
            settings += read(object, ModifierSpec.riskKeys, declared: names, expressions: [])
        }
        // A setting naming a parameter: every value the search gives it must be one the setting takes.
        for setting in settings {
            guard case let .parameter(name) = setting.value, let p = declared.first(where: { $0.name == name }),
                  let kind = Modifiers.parameters.first(where: { $0.name == setting.name })?.kind else { continue }
            let fits: Bool, range: String, integers: Bool
            switch kind {
            case let .int(_, lo, hi):
                fits = p.isInteger && p.minimum >= Double(lo) && p.maximum <= Double(hi)
                range = "integers in [\(lo), \(hi)]"
                integers = true
            case let .double(_, lo, hi):
                fits = p.minimum >= lo && p.maximum <= hi
                range = "values in [\(NumberText.shortest(lo)), \(NumberText.shortest(hi))]"
                integers = false
            case .bool, .choice:
                continue
            }
            if !fits {
                let values = "[\(NumberText.shortest(p.minimum)), \(NumberText.shortest(p.maximum))]"
                log.add(SpecProblem(path: setting.path, message: "the parameter \(name) takes values in \(values)"
                                    + (integers && !p.isInteger ? " that are not all integers" : "") + "; \(setting.name) takes \(range)"))
            }
        }
        guard log.problems.count == before else { return nil }
        var spec = ModifierSpec(settings: settings)
        if !spec.expressions.isEmpty {
            guard let program = levels(spec, strategy, declared: declared, columns: imported.map(\.name) + models.map(RuleProgram.modelColumn),
                                       reportDeclarations: reportDeclarations) else {
                return nil
            }
            spec.levels = program
            spec.levelColumns = imported.filter { program.columns.contains($0.name) }
        }
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

    /// The exit level expressions of `spec` compiled as one program (type number, named by their
    /// exit) over the imported columns `columns`, every problem logged at its setting's path.
    private func levels(_ spec: ModifierSpec, _ strategy: SpecObject, declared: [RuleParameter], columns: [String],
                        reportDeclarations: Bool) -> RuleProgram? {
        let expressions = spec.expressions.map { RuleExpression(name: $0.name, text: $0.text, type: .number) }
        do {
            return try RuleProgram(expressions: expressions, parameters: declared, columns: columns,
                                   requireAllParametersUsed: false)
        } catch {
            var logged = false
            for p in error.problems {
                switch p.location {
                case let .expression(name, _, _):
                    let path = spec.settings.first { $0.name == name }?.path ?? strategy.path.key("exits").key(name).description
                    log.add(SpecProblem(path: path, message: p.detail))
                    logged = true
                case let .parameter(name) where reportDeclarations:
                    log.add(strategy.path.key("parameters").key(name), p.message)
                    logged = true
                case .program where reportDeclarations:
                    log.add(strategy.path.key("exits"), p.message)
                    logged = true
                default:
                    break
                }
            }
            // A declaration problem the rules report: name the exits too, so the spec never passes.
            if !logged { log.add(strategy.path.key("exits"), "the exit level expressions cannot be compiled until the parameters' problems are fixed") }
            return nil
        }
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
