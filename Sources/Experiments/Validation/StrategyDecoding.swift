import Optimization
import Strategies

extension SpecDecoder {
    /// `strategy`: a registered strategy, a domain for each listed parameter, constraints; the
    /// result is Optimization's `SearchSpace` over every declared parameter.
    func strategy(_ field: SpecField) -> StrategySpec? {
        let problemsBefore = log.problems.count
        guard let object = field.object(SpecVocabulary.strategy) else { return nil }
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
        let constraints = object["constraints"].flatMap { self.constraints($0, parameters, descriptor) } ?? []
        // A strategy with any problem is not handed on: later checks would only echo it.
        guard log.problems.count == problemsBefore else { return nil }
        do {
            let space = try SearchSpace(parameters, constraints: constraints)
            return StrategySpec(name: name, declared: descriptor.parameters, space: space)
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
    private func constraints(_ field: SpecField, _ parameters: [Parameter], _ descriptor: StrategyDescriptor) -> [String]? {
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
                    let known = descriptor.parameters.map(\.name)
                    item.problem("unknown parameter \"\(name)\" of \(descriptor.name)" + Suggestion.hint(for: name, in: known))
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
}
