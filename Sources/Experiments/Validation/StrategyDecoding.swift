import MarketData
import Optimization
import Strategies

extension SpecDecoder {
    /// `strategy`: a registered strategy (`name`) or rules (`rules`), a domain for each listed
    /// parameter, constraints; the result is Optimization's `SearchSpace` over every declared
    /// parameter. `imported` are the data's imported series (rules may name them).
    func strategy(_ field: SpecField, imported: [ImportedSeries]) -> StrategySpec? {
        let problemsBefore = log.problems.count
        guard let object = field.object(SpecVocabulary.strategy) else { return nil }
        switch (object["name"], object["rules"]) {
        case (nil, nil):
            field.problem("expected \"name\" (a built-in strategy) or \"rules\" (entry and exit rules)")
            return nil
        case let (_?, rules?):
            rules.problem("not allowed together with strategy.name; a strategy is either built in or written as rules")
            return nil
        case let (nil, rules?):
            return ruleStrategy(object, rules, imported: imported)
        case (_?, nil):
            break
        }
        // Without a known strategy the parameters cannot be checked; the name's problem is logged.
        guard let nameField = object["name"], let name = nameField.string() else { return nil }
        let descriptor: StrategyDescriptor
        do {
            descriptor = try StrategyRegistry.type(named: name).descriptor
        } catch {
            let known = StrategyRegistry.descriptors.map(\.name)
            nameField.problem("unknown strategy \"\(name)\"" + Suggestion.hint(for: name, in: known))
            return nil
        }
        let domains = object["parameters"].flatMap { self.domains($0, descriptor) } ?? [:]
        let parameters = descriptor.parameters.map { spec in
            Parameter(spec.name, domains[spec.name] ?? .fixed(StrategySpec.spaceValue(spec.kind.defaultValue)))
        }
        let constraints = object["constraints"].flatMap { self.constraints($0, parameters, descriptor.name, descriptor.parameters.map(\.name)) } ?? []
        let modifiers = self.modifiers(object, declared: domains.keys.sorted())
        // A strategy with any problem is not handed on: later checks would only echo it.
        guard log.problems.count == problemsBefore else { return nil }
        do {
            let space = try SearchSpace(parameters, constraints: constraints)
            return StrategySpec(name: name, declared: descriptor.parameters, space: space, modifiers: modifiers ?? ModifierSpec())
        } catch {
            field.problem(error.description)
            return nil
        }
    }

    /// `strategy.parameters`: parameter name → domain, each checked against its declaration.
    private func domains(_ field: SpecField, _ descriptor: StrategyDescriptor) -> [String: ParameterDomain]? {
        guard case let .object(members) = field.value else { return field.expected("an object") }
        let names = descriptor.parameters.map(\.name)
        var result: [String: ParameterDomain] = [:]
        for key in members.keys.sorted() {
            let member = SpecField(value: members[key]!, path: field.path.key(key), log: log)
            guard let spec = descriptor.parameters.first(where: { $0.name == key }) else {
                member.problem("unknown parameter of \(descriptor.name)" + Suggestion.hint(for: key, in: names))
                continue
            }
            guard let domain = domain(member, spec) else { continue }
            do {
                try domain.validate(name: key)
                result[key] = domain
            } catch {
                if case let .invalidDomain(_, reason) = error { member.problem(reason) } else { member.problem(error.description) }
            }
        }
        return result
    }

    /// One parameter's domain: a fixed value, a range object, a `values` list or `choices`.
    private func domain(_ field: SpecField, _ spec: ParameterSpec) -> ParameterDomain? {
        guard case let .object(members) = field.value else {
            return value(field, spec).map { .fixed(StrategySpec.spaceValue($0)) }
        }
        let numeric: Bool
        switch spec.kind {
        case .int, .double: numeric = true
        case .bool, .choice: numeric = false
        }
        if members["values"] != nil {
            guard numeric else { return field.expected("a fixed value or {\"choices\": [...]} for the \(spec.kind.typeName) parameter \(spec.name)") }
            return field.object(SpecVocabulary.parameterValues).flatMap { $0["values"] }
                .flatMap { list($0, spec) }.map { .list($0.map(StrategySpec.spaceValue)) }
        }
        if members["choices"] != nil {
            guard !numeric else { return field.expected("a fixed value, a range or {\"values\": [...]} for the \(spec.kind.typeName) parameter \(spec.name)") }
            return field.object(SpecVocabulary.parameterChoices).flatMap { $0["choices"] }
                .flatMap { list($0, spec) }.map { .choice($0.map(\.description)) }
        }
        guard numeric else {
            return field.expected("a fixed value or {\"choices\": [...]} for the \(spec.kind.typeName) parameter \(spec.name)")
        }
        return range(field, spec)
    }

    /// `{"min", "max", "step"?, "log"?}` for an int or double parameter (bounds and steps are
    /// checked by `ParameterDomain.validate`).
    private func range(_ field: SpecField, _ spec: ParameterSpec) -> ParameterDomain? {
        guard let object = field.object(SpecVocabulary.parameterRange) else { return nil }
        let lo = object["min"].flatMap { value($0, spec) }
        let hi = object["max"].flatMap { value($0, spec) }
        let log = object["log"].flatMap { $0.bool() } ?? false
        switch (lo, hi) {
        case let (.int(a)?, .int(b)?):
            let step = object["step"].flatMap { $0.positiveInt() }
            guard object["step"] == nil || step != nil else { return nil }
            if log, object["step"] != nil { object["step"]?.problem("a log-scaled range takes no step"); return nil }
            return .intRange(lower: a, upper: b, step: step ?? 1, log: log)
        case let (.double(a)?, .double(b)?):
            let step = object["step"].flatMap { $0.positiveNumber() }
            guard object["step"] == nil || step != nil else { return nil }
            return .doubleRange(lower: a, upper: b, step: step, log: log)
        default:
            return nil
        }
    }

    /// A non-empty array of distinct values of the parameter's type.
    private func list(_ field: SpecField, _ spec: ParameterSpec) -> [Strategies.ParameterValue]? {
        guard let items = field.array() else { return nil }
        guard !items.isEmpty else { return field.expected("a non-empty array") }
        var result: [Strategies.ParameterValue] = []
        var seen = Set<Strategies.ParameterValue>()          // linear in the list's length
        for item in items {
            guard let v = value(item, spec) else { continue }
            if seen.insert(v).inserted { result.append(v) } else { item.problem("\(item.value.shown) is listed twice") }
        }
        return result.count == items.count ? result : nil
    }

    /// One value of the parameter's type inside its declared range.
    func value(_ field: SpecField, _ spec: ParameterSpec) -> Strategies.ParameterValue? {
        switch spec.kind {
        case let .int(_, lo, hi):
            guard let v = field.value.intValue, v >= lo, v <= hi else { return field.expected("an integer in [\(lo), \(hi)]") }
            return .int(v)
        case let .double(_, lo, hi):
            let what = "a number in [\(NumberText.shortest(lo)), \(NumberText.shortest(hi))]"
            guard let v = field.value.doubleValue, v >= lo, v <= hi else { return field.expected(what) }
            return .double(v)
        case .bool:
            return field.bool().map(Strategies.ParameterValue.bool)
        case let .choice(_, choices):
            guard case let .string(s) = field.value, choices.contains(s) else {
                return field.expected("one of \(choices.joined(separator: ", "))")
            }
            return .choice(s)
        }
    }

    /// `strategy.constraints`: each parsed on its own by Optimization's `Constraint`, so every
    /// bad one is reported at its index.
    private func constraints(_ field: SpecField, _ parameters: [Parameter], _ strategy: String, _ known: [String]) -> [String]? {
        guard let items = field.array() else { return nil }
        var result: [String] = []
        for item in items {
            guard let text = item.string() else { continue }
            do {
                _ = try Constraint(text, parameters: parameters)
                result.append(text)
            } catch {
                switch error {
                case let .unknownParameter(_, name):
                    item.problem("unknown parameter \"\(name)\" of \(strategy)" + Suggestion.hint(for: name, in: known))
                case let .constraintSyntax(_, position, expected):
                    item.problem("cannot parse \"\(SpaceError.excerpt(text))\": expected \(expected) at character \(position + 1)")
                case let .typeMismatch(_, reason):
                    item.problem("in \"\(SpaceError.excerpt(text))\": \(reason)")
                case let .constraintTooComplex(_, reason):
                    item.problem("the constraint is too complex: \(reason)")
                default:
                    item.problem(error.description)
                }
            }
        }
        return result.count == items.count ? result : nil
    }

    // MARK: rules

    /// `strategy.rules` with `strategy.parameters` (numeric domains the spec declares) and
    /// `constraints`, compiled into a `RuleProgram`; every rule problem is logged at its path.
    private func ruleStrategy(_ object: SpecObject, _ rulesField: SpecField, imported: [ImportedSeries]) -> StrategySpec? {
        let problemsBefore = log.problems.count
        guard let rulesObject = rulesField.object(SpecVocabulary.rules) else { return nil }
        var texts: [String: String] = [:]
        for name in RuleSet.names {
            if let text = rulesObject[name].flatMap(nonEmptyString) { texts[name] = text }
        }
        let declared = object["parameters"].flatMap(ruleParameters) ?? []
        guard log.problems.count == problemsBefore else { return nil }
        let set = RuleSet(longEntry: texts["long_entry"], longExit: texts["long_exit"],
                          shortEntry: texts["short_entry"], shortExit: texts["short_exit"])
        let program: RuleProgram
        do {
            program = try set.compile(parameters: declared.map(\.rule), columns: imported.map(\.name))
        } catch {
            for p in error.problems {
                switch p.location {
                case let .expression(rule, _, _): log.add(rulesField.path.key(rule), p.detail)
                case let .parameter(name): log.add(object.path.key("parameters").key(name), p.message)
                case .program: rulesField.problem(p.message)
                }
            }
            return nil
        }
        let specs = declared.map(\.spec)
        let parameters = declared.map { Parameter($0.spec.name, $0.domain) }
        let constraints = object["constraints"].flatMap { self.constraints($0, parameters, StrategySpec.rulesName, specs.map(\.name)) } ?? []
        let modifiers = self.modifiers(object, declared: specs.map(\.name))
        guard log.problems.count == problemsBefore else { return nil }
        do {
            let space = try SearchSpace(parameters, constraints: constraints)
            let used = imported.filter { program.columns.contains($0.name) }
            return StrategySpec(name: StrategySpec.rulesName, declared: specs, space: space, rules: program, imported: used,
                                modifiers: modifiers ?? ModifierSpec())
        } catch {
            log.add(object.path, error.description)
            return nil
        }
    }

    /// A declared rule parameter: its domain, the typed spec the search works with and what
    /// the rule checker needs to know of it.
    private struct DeclaredParameter {
        var spec: ParameterSpec
        var domain: ParameterDomain
        var rule: RuleParameter
    }

    /// `strategy.parameters` of a rule strategy: name → `{min, max, step?, log?}`,
    /// `{"values": [...]}` or a fixed number; ints when every number given is an integer.
    private func ruleParameters(_ field: SpecField) -> [DeclaredParameter]? {
        guard case let .object(members) = field.value else { return field.expected("an object") }
        var result: [DeclaredParameter] = []
        for key in members.keys.sorted() {
            let member = SpecField(value: members[key]!, path: field.path.key(key), log: log)
            guard key.first.map({ $0.isLetter || $0 == "_" }) == true, key.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) else {
                member.problem("a parameter name is letters, digits and \"_\", starting with a letter")
                continue
            }
            let numbers: [JSONValue]
            switch member.value {
            case .integer, .number: numbers = [member.value]
            case let .object(o):
                if let values = o["values"], case let .array(items) = values { numbers = items } else {
                    numbers = ["min", "max", "step"].compactMap { o[$0] }
                }
            default:
                _ = member.expected("a number, {\"min\", \"max\", \"step\"} or {\"values\": [...]}") as Void?
                continue
            }
            let integer = numbers.allSatisfy { if case .integer = $0 { return true } else { return false } }
            let wide = 1e15
            let kind: ParameterKind = integer ? .int(default: 0, min: -Int(wide), max: Int(wide)) : .double(default: 0, min: -wide, max: wide)
            let provisional = ParameterSpec(key, kind, "rule parameter")
            guard let domain = domain(member, provisional) else { continue }
            do { try domain.validate(name: key) } catch {
                if case let .invalidDomain(_, reason) = error { member.problem(reason) } else { member.problem(error.description) }
                continue
            }
            let bounds = Self.bounds(domain)
            let spec = ParameterSpec(key, integer ? .int(default: Int(bounds.lower), min: Int(bounds.lower), max: Int(bounds.upper))
                                              : .double(default: bounds.lower, min: bounds.lower, max: bounds.upper), "rule parameter")
            result.append(DeclaredParameter(spec: spec, domain: domain,
                                            rule: RuleParameter(name: key, isInteger: integer, minimum: bounds.lower, maximum: bounds.upper)))
        }
        return result
    }

    /// The smallest and largest value of a numeric domain.
    private static func bounds(_ domain: ParameterDomain) -> (lower: Double, upper: Double) {
        switch domain {
        case let .intRange(lower, upper, _, _): return (Double(lower), Double(upper))
        case let .doubleRange(lower, upper, _, _): return (lower, upper)
        case let .fixed(v): let x = v.number ?? 0; return (x, x)
        case let .list(values):
            let xs = values.compactMap(\.number)
            return (xs.min() ?? 0, xs.max() ?? 0)
        case .choice: return (0, 0)
        }
    }
}
