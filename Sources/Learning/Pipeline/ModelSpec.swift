/// Everything needed to train one model on a feature matrix, as a spec's `ml.models.NAME`
/// entry describes it (features themselves arrive as a `FeatureMatrix`).
public struct ModelSpec: Sendable, Equatable {
    public var kind: ModelKind
    /// Parameters by name: XGBoost's own names for `xgboost` (see `XGBoostParameters`); `l2`
    /// (default 1), `max_iter` (100) and `tol` (1e-10) for `logistic`; `l2` (1) for `ridge`.
    public var params: [String: ParameterValue]
    public var label: LabelSpec
    public var validation: ValidationSpec
    /// Walk-forward retraining producing the out-of-sample predictions; nil = no predictions.
    public var retrain: RetrainSpec?

    public init(kind: ModelKind, params: [String: ParameterValue] = [:], label: LabelSpec,
                validation: ValidationSpec = .none, retrain: RetrainSpec? = nil) {
        self.kind = kind
        self.params = params
        self.label = label
        self.validation = validation
        self.retrain = retrain
    }

    /// Throws for any value outside its domain, before any work is done.
    public func validate() throws(LearningError) {
        try label.validate()
        try validation.validate()
        try retrain?.validate()
        _ = try parameters()
    }

    /// The model's parameters, read and checked against the label's task.
    public func parameters() throws(LearningError) -> ModelParameters {
        try ModelParameters(kind: kind, params: params, task: label.task)
    }
}
