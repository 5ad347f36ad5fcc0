import Strategies

extension SpecDecoder {
    /// `strategy`: a registered strategy, a domain for each listed parameter, constraints.
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
        let constraints = object["constraints"].flatMap { self.constraints($0, descriptor) } ?? []
        // A strategy with any problem is not handed on: later checks would only echo it.
        guard log.problems.count == problemsBefore else { return nil }
        let axes = descriptor.parameters.map { spec in
            ParameterAxis(spec: spec, domain: domains[spec.name] ?? .fixed(spec.kind.defaultValue))
        }
        return StrategySpec(name: name, axes: axes, constraints: constraints)
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
            result[key] = domain(member, spec)
        }
        return result
    }

    /// One parameter's domain: a fixed value, a range object, a `values` list or `choices`.
    private func domain(_ field: SpecField, _ spec: ParameterSpec) -> ParameterDomain? {
        guard case let .object(members) = field.value else {
            return value(field, spec).map(ParameterDomain.fixed)
        }
        if members["values"] != nil {
            return field.object(SpecVocabulary.parameterValues).flatMap { $0["values"] }
                .flatMap { list($0, spec) }.map(ParameterDomain.values)
        }
        if members["choices"] != nil {
            return field.object(SpecVocabulary.parameterChoices).flatMap { $0["choices"] }
                .flatMap { list($0, spec) }.map(ParameterDomain.choices)
        }
        return range(field, spec)
    }

    /// `{"min", "max", "step"?, "log"?}` for an int or double parameter.
    private func range(_ field: SpecField, _ spec: ParameterSpec) -> ParameterDomain? {
        switch spec.kind {
        case .int, .double: break
        case .bool, .choice:
            return field.expected("a fixed value or {\"choices\": [...]} for the \(spec.kind.typeName) parameter \(spec.name)")
        }
        guard let object = field.object(SpecVocabulary.parameterRange) else { return nil }
        let lo = object["min"].flatMap { value($0, spec) }
        let hi = object["max"].flatMap { value($0, spec) }
        let log = object["log"].flatMap { $0.bool() } ?? false
        var failed = false
        if log, let step = object["step"] {
            step.problem("a log-scaled range takes no step")
            failed = true
        }
        switch (spec.kind, lo, hi) {
        case let (.int, .int(a)?, .int(b)?):
            let step = object["step"].flatMap { $0.positiveInt() }
            guard check(object, a <= b, Double(a), log: log), !failed, object["step"] == nil || step != nil else { return nil }
            return .intRange(min: a, max: b, step: step, log: log)
        case let (.double, .double(a)?, .double(b)?):
            let step = object["step"].flatMap { $0.positiveNumber() }
            guard check(object, a <= b, a, log: log), !failed, object["step"] == nil || step != nil else { return nil }
            return .doubleRange(min: a, max: b, step: step, log: log)
        default:
            return nil
        }
    }

    /// Logs an inverted range or a log range that reaches zero; returns whether all is well.
    private func check(_ object: SpecObject, _ ordered: Bool, _ lo: Double, log logScale: Bool) -> Bool {
        if !ordered { object["max"]?.problem("must not be below min") }
        if logScale && lo <= 0 { object["min"]?.problem("a log-scaled range needs min > 0") }
        return ordered && (!logScale || lo > 0)
    }

    /// A non-empty array of distinct values of the parameter's type.
    private func list(_ field: SpecField, _ spec: ParameterSpec) -> [ParameterValue]? {
        guard let items = field.array() else { return nil }
        guard !items.isEmpty else { return field.expected("a non-empty array") }
        var result: [ParameterValue] = []
        for item in items {
            guard let v = value(item, spec) else { continue }
            if result.contains(v) { item.problem("\(item.value.shown) is listed twice") } else { result.append(v) }
        }
        return result.count == items.count ? result : nil
    }

    /// One value of the parameter's type inside its declared range.
    func value(_ field: SpecField, _ spec: ParameterSpec) -> ParameterValue? {
        switch spec.kind {
        case let .int(_, lo, hi):
            guard let v = field.value.intValue, v >= lo, v <= hi else { return field.expected("an integer in [\(lo), \(hi)]") }
            return .int(v)
        case let .double(_, lo, hi):
            let what = "a number in [\(NumberText.shortest(lo)), \(NumberText.shortest(hi))]"
            guard let v = field.value.doubleValue, v >= lo, v <= hi else { return field.expected(what) }
            return .double(v)
        case .bool:
            return field.bool().map(ParameterValue.bool)
        case let .choice(_, choices):
            guard case let .string(s) = field.value, choices.contains(s) else {
                return field.expected("one of \(choices.joined(separator: ", "))")
            }
            return .choice(s)
        }
    }

    /// `strategy.constraints`: expressions over the strategy's numeric parameters.
    private func constraints(_ field: SpecField, _ descriptor: StrategyDescriptor) -> [ParameterConstraint]? {
        guard let items = field.array() else { return nil }
        var result: [ParameterConstraint] = []
        for item in items {
            guard let text = item.string() else { continue }
            let constraint: ParameterConstraint
            do {
                constraint = try ConstraintParser.parse(text)
            } catch {
                item.problem("cannot parse \"\(text)\": \(error.message)")
                continue
            }
            var ok = true
            for name in constraint.names {
                guard let spec = descriptor.parameters.first(where: { $0.name == name }) else {
                    let known = descriptor.parameters.map(\.name)
                    item.problem("unknown parameter \"\(name)\" of \(descriptor.name)" + Suggestion.hint(for: name, in: known))
                    ok = false
                    continue
                }
                switch spec.kind {
                case .int, .double: break
                case .bool, .choice:
                    item.problem("\(name) is a \(spec.kind.typeName) parameter; constraints compare int and double parameters")
                    ok = false
                }
            }
            if ok { result.append(constraint) }
        }
        return result.count == items.count ? result : nil
    }
}
