/// A model kind with its parameters read and checked: what `TrainedModel.fit` runs.
public enum ModelParameters: Sendable, Equatable {
    case xgboost(XGBoostParameters)
    case logistic(l2: Double, maxIterations: Int, tolerance: Double)
    case ridge(l2: Double)

    /// Reads `params` for `kind`, refusing a kind that does not fit the label's task, an unknown
    /// linear-model parameter or a value out of range.
    public init(kind: ModelKind, params: [String: ParameterValue], task: Task) throws(LearningError) {
        switch kind {
        case .xgboost:
            self = .xgboost(try XGBoostParameters(params, task: task))
        case .logistic:
            guard task == .classification else {
                throw .invalidArgument(name: "model.kind", expected: "xgboost or ridge for a regression label", got: "logistic")
            }
            try params.checkKnown(["l2", "max_iter", "tol"], model: "logistic")
            self = .logistic(l2: try params.number("l2", default: 1, in: 0...1e12),
                             maxIterations: try params.integer("max_iter", default: 100, in: 1...10_000),
                             tolerance: try params.number("tol", default: 1e-10, in: 0...1))
        case .ridge:
            guard task == .regression else {
                throw .invalidArgument(name: "model.kind", expected: "xgboost or logistic for a classification label", got: "ridge")
            }
            try params.checkKnown(["l2"], model: "ridge")
            self = .ridge(l2: try params.number("l2", default: 1, in: 0...1e12))
        }
    }
}
