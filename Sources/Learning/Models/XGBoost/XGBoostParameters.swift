/// XGBoost parameters as a spec gives them, under XGBoost's own names, passed through to
/// `XGBoosterSetParam` as text; `num_round` (XGBoost's CLI name for the number of boosting
/// rounds, default 10 as in XGBoost) is taken out and drives the training loop.
///
/// Crucible's defaults differ from XGBoost 1.7's C API in five places, each overridable:
/// `nthread = 1` and `seed = 0` (a run is reproducible bit for bit), `tree_method = hist`
/// (XGBoost 2.0's default, much faster than 1.7's `exact`), `validate_parameters = 1` (as in
/// XGBoost's Python package: a parameter XGBoost does not use — a misspelt name — is reported,
/// and `XGBoostModel.train` turns the report into an error), and `objective` follows the label:
/// `binary:logistic` for classification, `reg:squarederror` for regression. A classification
/// label needs a `binary:logistic` objective (predictions are probabilities of class 1) and a
/// regression label a `reg:` objective.
public struct XGBoostParameters: Sendable, Equatable {
    /// Boosting rounds.
    public let rounds: Int
    /// `(name, value)` pairs sent to the booster, sorted by name.
    public let booster: [(name: String, value: String)]

    /// Upper bound on `num_round`.
    public static let maxRounds = 100_000

    /// Reads `params` for a model of `task`, refusing a bad `num_round`, an oversized name or
    /// value, and an objective that does not fit the task.
    public init(_ params: [String: ParameterValue], task: Task) throws(LearningError) {
        rounds = try params.integer("num_round", default: 10, in: 1...Self.maxRounds)
        var merged: [String: String] = [
            "nthread": "1", "seed": "0", "tree_method": "hist", "validate_parameters": "1",
            "objective": task == .classification ? "binary:logistic" : "reg:squarederror",
        ]
        for (key, value) in params where key != "num_round" {
            guard !key.isEmpty, key.utf8.count <= 100, value.text.utf8.count <= 10_000,
                  !key.utf8.contains(0), !value.text.utf8.contains(0) else {
                throw .invalidArgument(name: "model.params.\(key)", expected: "a parameter name of at most 100 bytes and a value of at most 10,000", got: value.description)
            }
            merged[key] = value.text
        }
        let objective = merged["objective"] ?? ""
        switch task {
        case .classification where objective != "binary:logistic":
            throw .invalidArgument(name: "model.params.objective", expected: "binary:logistic for a classification label (predictions are probabilities)", got: objective)
        case .regression where !objective.hasPrefix("reg:"):
            throw .invalidArgument(name: "model.params.objective", expected: "a reg: objective for a regression label", got: objective)
        default: break
        }
        booster = merged.sorted { $0.key < $1.key }.map { (name: $0.key, value: $0.value) }
    }

    /// Same rounds and the same booster parameters in the same order.
    public static func == (a: XGBoostParameters, b: XGBoostParameters) -> Bool {
        a.rounds == b.rounds && a.booster.elementsEqual(b.booster) { $0.name == $1.name && $0.value == $1.value }
    }
}
