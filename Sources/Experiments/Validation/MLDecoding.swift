import Learning
import MarketData
import Strategies

/// The spec spellings of `ml.models.NAME.label.kind`.
enum MLLabelKind: String, CaseIterable {
    case forwardReturn = "forward_return"
    case forwardReturnSign = "forward_return_sign"
    case tripleBarrier = "triple_barrier"
}

/// The spec spellings of `ml.models.NAME.validation.kind`.
enum MLValidationKind: String, CaseIterable {
    case none
    case purgedKFold = "purged_kfold"
}

extension SpecDecoder {
    /// Most models one spec may declare (each is trained before the search).
    static let maxModels = 100

    /// `ml`: `{"models": {NAME: {features, label, model, validation?, retrain?}}}`; `imported`
    /// are the data's imported series (features may read them).
    /// `names` are the declared model names even when a model has problems, so rules naming it
    /// report nothing more.
    func ml(_ field: SpecField, imported: [ImportedSeries]) -> (spec: MLSpec?, names: [String]) {
        guard let object = field.object(SpecVocabulary.ml), let modelsField = object["models"] else { return (nil, []) }
        guard case let .object(members) = modelsField.value else { return (modelsField.expected("an object of models by name"), []) }
        guard !members.isEmpty else { return (modelsField.expected("at least one model"), []) }
        guard members.count <= Self.maxModels else {
            modelsField.problem("\(members.count) models; at most \(Self.maxModels) are allowed")
            return (nil, [])
        }
        var models: [MLModelSpec] = []
        var ok = true
        for name in members.keys.sorted() {
            let member = SpecField(value: members[name]!, path: modelsField.path.key(name), log: log)
            guard name.first.map({ $0.isASCII && $0.isLetter }) == true, name.count <= 100,
                  name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }) else {
                member.problem("a model name is letters, digits, \"_\" and \"-\" (at most 100), starting with a letter; rules read it as model(\"\(name)\")")
                ok = false
                continue
            }
            if let model = self.model(name, member, imported: imported) { models.append(model) } else { ok = false }
        }
        return (ok ? MLSpec(models: models) : nil, members.keys.sorted())
    }

    private func model(_ name: String, _ field: SpecField, imported: [ImportedSeries]) -> MLModelSpec? {
        let before = log.problems.count
        guard let object = field.object(SpecVocabulary.mlModel) else { return nil }
        let features = object["features"].flatMap { self.features($0, imported: imported) }
        let label = object["label"].flatMap(self.label)
        let estimator = object["model"].flatMap(self.estimator)
        let validation = object["validation"].flatMap(self.validation) ?? (object.has("validation") ? nil : ValidationSpec.none)
        let retrain = object["retrain"].flatMap(self.retrain)
        guard log.problems.count == before, let features, let label, let estimator, let validation,
              object["retrain"] == nil || retrain != nil else { return nil }
        let spec = MLModelSpec(name: name, features: features.program, imported: features.imported, kind: estimator.kind,
                               params: estimator.params, label: label, validation: validation, retrain: retrain)
        // Learning's own checks (parameter names and ranges, the kind against the label's task),
        // with retrain lengths in bars standing in for durations (those are checked on the data).
        var check = ModelSpec(kind: spec.kind, params: spec.params, label: label, validation: validation)
        if retrain != nil { check.retrain = RetrainSpec(train: 1, test: 1) }
        do { try check.validate() } catch {
            if case let .invalidArgument(argument, expected, got) = error {
                log.add(SpecProblem(path: field.path.description + "." + argument, message: "expected \(expected), got \(got)"))
            } else {
                field.problem(error.description)
            }
            return nil
        }
        return spec
    }

    /// `features`: name → expression (a number), compiled together over the bars and `imported`.
    private func features(_ field: SpecField, imported: [ImportedSeries]) -> (program: RuleProgram, imported: [ImportedSeries])? {
        guard case let .object(members) = field.value else { return field.expected("an object of feature expressions by name") }
        guard !members.isEmpty else { return field.expected("at least one feature") }
        guard members.count <= FeatureMatrix.maxColumns else {
            field.problem("\(members.count) features; at most \(FeatureMatrix.maxColumns) are allowed")
            return nil
        }
        var expressions: [(name: String, text: String)] = []
        for name in members.keys.sorted() {
            let member = SpecField(value: members[name]!, path: field.path.key(name), log: log)
            guard name.count <= 200, !name.isEmpty, !name.unicodeScalars.contains(where: { $0.value < 0x20 }) else {
                member.problem("a feature name is 1 to 200 printable characters")
                continue
            }
            if let text = nonEmptyString(member) { expressions.append((name: name, text: text)) }
        }
        guard expressions.count == members.count else { return nil }
        do {
            let program = try MLModelSpec.compileFeatures(expressions, columns: imported.map(\.name))
            return (program, imported.filter { program.columns.contains($0.name) })
        } catch {
            for p in error.problems {
                switch p.location {
                case let .expression(feature, _, _): log.add(field.path.key(feature), p.detail)
                default: field.problem(p.message)
                }
            }
            return nil
        }
    }

    /// `label`: `{"kind": "forward_return" | "forward_return_sign", "horizon"}` or
    /// `{"kind": "triple_barrier", "take_profit", "stop_loss", "max_bars"}`.
    private func label(_ field: SpecField) -> LabelSpec? {
        guard case let .object(members) = field.value else { return field.expected("an object") }
        guard let kindValue = members["kind"] else {
            log.add(field.path.key("kind"), "missing required key; expected one of \(MLLabelKind.allCases.map(\.rawValue).joined(separator: ", "))")
            return nil
        }
        guard let kind = SpecField(value: kindValue, path: field.path.key("kind"), log: log).word(MLLabelKind.self),
              let object = field.object(SpecVocabulary.mlLabel(kind), context: "label kind \(kind.rawValue)") else { return nil }
        let bars = "a whole number of bars in 1...\(LabelSpec.maxHorizon)"
        let count = { (key: String) in object[key].flatMap { f in f.int(atLeast: 1, bars).flatMap { $0 <= LabelSpec.maxHorizon ? $0 : f.expected(bars) } } }
        switch kind {
        case .forwardReturn: return count("horizon").map { .forwardReturn(horizon: $0) }
        case .forwardReturnSign: return count("horizon").map { .forwardReturnSign(horizon: $0) }
        case .tripleBarrier:
            let tp = object["take_profit"].flatMap { $0.number("a fraction > 0 (0.02 = 2%)") { $0 > 0 } }
            let sl = object["stop_loss"].flatMap { $0.number("a fraction in (0, 1) (0.02 = 2%)") { $0 > 0 && $0 < 1 } }
            let maxBars = count("max_bars")
            guard let tp, let sl, let maxBars else { return nil }
            return .tripleBarrier(takeProfit: tp, stopLoss: sl, maxBars: maxBars)
        }
    }

    /// `model`: `{"kind", "params"?}`, params by their names (numbers, strings, booleans).
    private func estimator(_ field: SpecField) -> (kind: ModelKind, params: [String: Learning.ParameterValue])? {
        guard let object = field.object(SpecVocabulary.mlEstimator) else { return nil }
        let kind = object["kind"].flatMap { $0.word(ModelKind.self) }
        var params: [String: Learning.ParameterValue] = [:]
        var ok = true
        if let paramsField = object["params"] {
            if case let .object(members) = paramsField.value {
                for key in members.keys.sorted() {
                    let member = SpecField(value: members[key]!, path: paramsField.path.key(key), log: log)
                    switch member.value {
                    case let .bool(b): params[key] = .bool(b)
                    case let .string(s) where !s.isEmpty && s.utf8.count <= 1_000: params[key] = .text(s)
                    case .integer, .number:
                        if let x = member.number("a finite number") { params[key] = .number(x) } else { ok = false }
                    default:
                        _ = member.expected("a number, a non-empty string or a boolean") as Int?
                        ok = false
                    }
                }
            } else {
                _ = paramsField.expected("an object of parameters by name") as Int?
                ok = false
            }
        }
        guard let kind, ok else { return nil }
        return (kind, params)
    }

    /// `validation`: `{"kind": "none"}` or `{"kind": "purged_kfold", "folds", "embargo"?}`.
    private func validation(_ field: SpecField) -> ValidationSpec? {
        guard case let .object(members) = field.value else { return field.expected("an object") }
        guard let kindValue = members["kind"] else {
            log.add(field.path.key("kind"), "missing required key; expected one of \(MLValidationKind.allCases.map(\.rawValue).joined(separator: ", "))")
            return nil
        }
        guard let kind = SpecField(value: kindValue, path: field.path.key("kind"), log: log).word(MLValidationKind.self),
              let object = field.object(SpecVocabulary.mlValidation(kind), context: "validation kind \(kind.rawValue)") else { return nil }
        switch kind {
        case .none: return ValidationSpec.none
        case .purgedKFold:
            let folds = object["folds"].flatMap { f in f.int(atLeast: 2, "an integer in 2...\(ValidationSpec.maxFolds)").flatMap {
                $0 <= ValidationSpec.maxFolds ? $0 : f.expected("an integer in 2...\(ValidationSpec.maxFolds)") } }
            let embargo = object["embargo"].flatMap { f in f.int(atLeast: 0, "a number of bars in 0...\(LabelSpec.maxHorizon)").flatMap {
                $0 <= LabelSpec.maxHorizon ? $0 : f.expected("a number of bars in 0...\(LabelSpec.maxHorizon)") } }
            guard let folds, object["embargo"] == nil || embargo != nil else { return nil }
            return .purgedKFold(folds: folds, embargo: embargo ?? 0)
        }
    }

    /// `retrain`: `{"train", "test", "anchored"?}`, lengths in bars or durations.
    private func retrain(_ field: SpecField) -> MLModelSpec.Retrain? {
        guard let object = field.object(SpecVocabulary.mlRetrain) else { return nil }
        let train = object["train"].flatMap(windowLength)
        let test = object["test"].flatMap(windowLength)
        let anchored = object["anchored"].flatMap { $0.bool() }
        guard let train, let test, object["anchored"] == nil || anchored != nil else { return nil }
        return MLModelSpec.Retrain(train: train, test: test, anchored: anchored ?? false)
    }

    /// Refuses a strategy that reads a model without `retrain` (its predictions would be in sample).
    func checkModelsRead(_ root: SpecObject, ml: MLSpec?, strategy: StrategySpec) {
        guard let ml else { return }
        let read = (strategy.rules?.usedColumns ?? []) + (strategy.modifiers.levels?.usedColumns ?? [])
        for model in ml.models where model.retrain == nil && read.contains(model.columnName) {
            log.add(root.path.key("ml").key("models").key(model.name).key("retrain"),
                    "missing: the strategy reads model(\"\(model.name)\"), and without walk-forward retraining its only predictions "
                    + "are in sample (made by models that saw the bars they predict); add \"retrain\": {\"train\": ..., \"test\": ...}")
        }
    }
}
