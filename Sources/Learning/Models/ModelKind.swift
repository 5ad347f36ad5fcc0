/// The model families a spec can name.
public enum ModelKind: String, Sendable, Equatable, Codable, CaseIterable {
    /// Gradient-boosted trees through XGBoost's C library (classification and regression).
    case xgboost
    /// L2-regularized logistic regression (classification).
    case logistic
    /// Ridge regression (regression).
    case ridge
}
