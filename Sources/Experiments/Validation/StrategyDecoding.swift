import MarketData
import Optimization
import Strategies

extension SpecDecoder {
    /// `strategy`: a registered strategy (`name`) or rules (`rules`), a domain for each listed
    /// parameter, constraints; the result is Optimization's `SearchSpace` over every declared
    /// parameter. `imported` are the data's imported series (rules may name them); `models` the
    /// names of the `ml.models` whose predictions rules and exit level expressions may read as
    /// `model("name")`.
    func strategy(_ field: SpecField, imported: [ImportedSeries], models: [String] = []) -> StrategySpec? {
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
            return ruleStrategy(object, rules, imported: imported, models: models)
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
        let (domains, extras) = object["parameters"].flatMap { self.domains($0, descriptor) } ?? ([:], [])
        let own = descriptor.parameters.map { spec in
            (spec, domains[spec.name] ?? .fixed(StrategySpec.spaceValue(spec.kind.defaultValue)))
        }
        // The modifiers may read the strategy's numeric parameters the spec lists and the extra ones.
        let numeric = own.filter { domains[$0.0.name] != nil }.compactMap { spec, domain in Self.ruleParameter(spec, domain) }
            + extras.map(\.rule)
        let modifiers = self.modifiers(object, declared: numeric, imported: imported, models: models, reportDeclarations: true)
        if let modifiers {
            let known = descriptor.parameters.map(\.name)
            for extra in extras where !modifiers.usedParameters.contains(extra.spec.name) {
                log.add(object.path.key("parameters").key(extra.spec.name),
                        "unknown parameter of \(descriptor.name)" + Suggestion.hint(for: extra.spec.name, in: known)
                        + " (a parameter that is not the strategy's own must be used by strategy.exits, strategy.sizing or strategy.risk)")
            }
        }
        let parameters = own.map { Parameter($0.0.name, $0.1) } + extras.map { Parameter($0.spec.name, $0.domain) }
        let specs = descriptor.parameters + extras.map(\.spec)
        let constraints = object["constraints"].flatMap { self.constraints($0, parameters, descriptor.name, specs.map(\.name)) } ?? []
        // A strategy with any problem is not handed on: later checks would only echo it.
        guard log.problems.count == problemsBefore else { return nil }
        do {
            let space = try SearchSpace(parameters, constraints: constraints)
            return StrategySpec(name: name, declared: specs, space: space, modifiers: modifiers ?? ModifierSpec(),
                                modifierParameters: extras.map(\.spec.name))
        } catch {
            field.problem(error.description)
            return nil
        }
    }

    /// `strategy.parameters` of a built-in: the strategy's own parameter name → domain, each
    /// checked against its declaration, and the other keys as numeric parameters (as a rule
    /// strategy declares them) for the exits, sizing and risk settings, sorted by name.
    private func domains(_ field: SpecField, _ descriptor: StrategyDescriptor) -> ([String: ParameterDomain], [DeclaredParameter])? {
        guard case let .object(members) = field.value else { return field.expected("an object") }
        var result: [String: ParameterDomain] = [:]
        var extras: [DeclaredParameter] = []
        for key in members.keys.sorted() {
            let member = SpecField(value: members[key]!, path: field.path.key(key), log: log)
            guard let spec = descriptor.parameters.first(where: { $0.name == key }) else {
                switch member.value {
                case .integer, .number, .object:
                    if let extra = ruleParameter(key, member) { extras.append(extra) }
                default:
                    // Not a number, so not one of the modifiers' parameters: most likely a misspelling.
                    member.problem("unknown parameter of \(descriptor.name)" + Suggestion.hint(for: key, in: descriptor.parameters.map(\.name)))
                }
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
        return (result, extras)
    }

    /// A built-in's int or double parameter as an expression may read it (nil for the others).
    static func ruleParameter(_ spec: ParameterSpec, _ domain: ParameterDomain) -> RuleParameter? {
        let integer: Bool
        switch spec.kind {
        case .int: integer = true
        case .double: integer = false
        case .bool, .choice: return nil
        }
        let b = bounds(domain)
        return RuleParameter(name: spec.name, isInteger: integer, minimum: b.lower, maximum: b.upper)
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
    /// The program's columns are the imported series, then one per model (`RuleProgram.modelColumn`),
    /// whose series the runner appends once it has trained the models (`ModelColumns`).
    private func ruleStrategy(_ object: SpecObject, _ rulesField: SpecField, imported: [ImportedSeries],
                              models: [String]) -> StrategySpec? {
        let problemsBefore = log.problems.count
        guard let rulesObject = rulesField.object(SpecVocabulary.rules) else { return nil }
        var texts: [String: String] = [:]
        for name in RuleSet.names {
            if let text = rulesObject[name].flatMap(nonEmptyString) { texts[name] = text }
        }
        let declared = object["parameters"].flatMap(ruleParameters) ?? []
        guard log.problems.count == problemsBefore else { return nil }
        let modifiers = self.modifiers(object, declared: declared.map(\.rule), imported: imported, models: models, reportDeclarations: false)
        // A parameter the exits, sizing or risk read counts as used (all of them when those have
        // problems of their own, so that nothing is reported twice).
        let alsoUsed = modifiers?.usedParameters ?? Set(declared.map(\.spec.name))
        let set = RuleSet(longEntry: texts["long_entry"], longExit: texts["long_exit"],
                          shortEntry: texts["short_entry"], shortExit: texts["short_exit"])
        var program: RuleProgram
        do {
            program = try set.compile(parameters: declared.map(\.rule), columns: imported.map(\.name) + models.map(RuleProgram.modelColumn),
                                      alsoUsed: alsoUsed)
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
        var modifierSpec = modifiers ?? ModifierSpec()
        if let levels = modifierSpec.levels {
            // One program for the rules and the exit level expressions: a subexpression both read
            // is one node, computed once per sweep column (`RuleStrategy.computing`).
            do {
                program = try RuleProgram(expressions: program.expressions + levels.expressions, parameters: program.parameters,
                                          columns: program.columns, requireAllParametersUsed: false)
            } catch {
                rulesField.problem("the rules and the exit level expressions, each valid alone, do not compile together: \(error)")
                return nil
            }
            modifierSpec.levels = program
        }
        let specs = declared.map(\.spec)
        let parameters = declared.map { Parameter($0.spec.name, $0.domain) }
        let constraints = object["constraints"].flatMap { self.constraints($0, parameters, StrategySpec.rulesName, specs.map(\.name)) } ?? []
        guard log.problems.count == problemsBefore else { return nil }
        do {
            let space = try SearchSpace(parameters, constraints: constraints)
            let used = imported.filter { program.columns.contains($0.name) }
            return StrategySpec(name: StrategySpec.rulesName, declared: specs, space: space, rules: program, imported: used,
                                modifiers: modifierSpec)
        } catch {
            log.add(object.path, error.description)
            return nil
        }
    }

    /// A parameter declared by name (a rule strategy's, or a built-in's extra one for the
    /// modifiers): its domain, the typed spec the search works with and what the rule checker
    /// needs to know of it.
    struct DeclaredParameter {
        var spec: ParameterSpec
        var domain: ParameterDomain
        var rule: RuleParameter
    }

    /// `strategy.parameters` of a rule strategy: name → `{min, max, step?, log?}`,
    /// `{"values": [...]}` or a fixed number; ints when every number given is an integer.
    private func ruleParameters(_ field: SpecField) -> [DeclaredParameter]? {
        guard case let .object(members) = field.value else { return field.expected("an object") }
        return members.keys.sorted().compactMap { key in ruleParameter(key, SpecField(value: members[key]!, path: field.path.key(key), log: log)) }
    }

    /// One numeric parameter declared by name: `{min, max, step?, log?}`, `{"values": [...]}` or
    /// a fixed number.
    private func ruleParameter(_ key: String, _ member: SpecField) -> DeclaredParameter? {
        guard key.first.map({ $0.isLetter || $0 == "_" }) == true, key.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) else {
            member.problem("a parameter name is letters, digits and \"_\", starting with a letter")
            return nil
        }
        let numbers: [JSONValue]
        switch member.value {
        case .integer, .number: numbers = [member.value]
        case let .object(o):
            if let values = o["values"], case let .array(items) = values { numbers = items } else {
                numbers = ["min", "max", "step"].compactMap { o[$0] }
            }
        default:
            return member.expected("a number, {\"min\", \"max\", \"step\"} or {\"values\": [...]}")
        }
        let integer = numbers.allSatisfy { if case .integer = $0 { return true } else { return false } }
        let wide = 1e15
        let kind: ParameterKind = integer ? .int(default: 0, min: -Int(wide), max: Int(wide)) : .double(default: 0, min: -wide, max: wide)
        let provisional = ParameterSpec(key, kind, "rule parameter")
        guard let domain = domain(member, provisional) else { return nil }
        do { try domain.validate(name: key) } catch {
            if case let .invalidDomain(_, reason) = error { member.problem(reason) } else { member.problem(error.description) }
            return nil
        }
        let bounds = Self.bounds(domain)
        let spec = ParameterSpec(key, integer ? .int(default: Int(bounds.lower), min: Int(bounds.lower), max: Int(bounds.upper))
                                          : .double(default: bounds.lower, min: bounds.lower, max: bounds.upper), "rule parameter")
        return DeclaredParameter(spec: spec, domain: domain,
                                 rule: RuleParameter(name: key, isInteger: integer, minimum: bounds.lower, maximum: bounds.upper))
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
