/// A fitted model of any kind, with one interface for fitting, predicting and (de)serializing.
public enum TrainedModel: Sendable {
    case xgboost(XGBoostModel)
    case linear(LinearModel)

    /// The model's family.
    public var kind: ModelKind {
        switch self {
        case .xgboost: return .xgboost
        case let .linear(model): return model.kind
        }
    }

    /// Fits a model with `parameters` on the given rows of `features`, with `targets[r]` the
    /// label of row `rows[r]` (finite; 0 or 1 for logistic regression). Every selected row
    /// must be complete (no NaN feature).
    public static func fit(_ parameters: ModelParameters, features: FeatureMatrix, rows: [Int],
                           targets: [Double]) throws(LearningError) -> TrainedModel {
        guard rows.count == targets.count else {
            throw .invalidArgument(name: "targets", expected: "one per training row (\(rows.count))", got: "\(targets.count)")
        }
        try features.checkRows(rows)
        if let r = targets.firstIndex(where: { !$0.isFinite }) {
            throw .invalidArgument(name: "targets[\(r)]", expected: "a finite label", got: "\(targets[r])")
        }
        if case .logistic = parameters, let r = targets.firstIndex(where: { $0 != 0 && $0 != 1 }) {
            throw .invalidArgument(name: "targets[\(r)]", expected: "0 or 1 for logistic regression", got: "\(targets[r])")
        }
        let p = features.columnCount
        switch parameters {
        case let .xgboost(parameters):
            guard !rows.isEmpty else { throw .tooFewRows(what: "XGBoost training", needed: 1, got: 0) }
            let matrix = try XGBoostMatrix(rowMajor: features.rowMajor(rows: rows, as: Float.self),
                                           rows: rows.count, columns: p, labels: targets)
            return .xgboost(try XGBoostModel.train(matrix, parameters: parameters))
        case let .logistic(l2, maxIterations, tolerance):
            return .linear(try LogisticRegression.fit(rowMajor: features.rowMajor(rows: rows, as: Double.self),
                                                      rows: rows.count, features: p, labels: targets,
                                                      l2: l2, maxIterations: maxIterations, tolerance: tolerance))
        case let .ridge(l2):
            return .linear(try RidgeRegression.fit(rowMajor: features.rowMajor(rows: rows, as: Double.self),
                                                   rows: rows.count, features: p, targets: targets, l2: l2))
        }
    }

    /// Predictions for the given rows of `features` (all complete): probabilities of class 1
    /// for classifiers, values for regressions.
    public func predict(features: FeatureMatrix, rows: [Int]) throws(LearningError) -> [Double] {
        guard !rows.isEmpty else { return [] }
        try features.checkRows(rows)
        switch self {
        case let .xgboost(model):
            let matrix = try XGBoostMatrix(rowMajor: features.rowMajor(rows: rows, as: Float.self),
                                           rows: rows.count, columns: features.columnCount)
            return try model.predict(matrix)
        case let .linear(model):
            guard model.weights.count == features.columnCount else {
                throw .invalidArgument(name: "features", expected: "\(model.weights.count) columns (as trained)", got: "\(features.columnCount)")
            }
            return model.predict(rowMajor: features.rowMajor(rows: rows, as: Double.self), rows: rows.count)
        }
    }

    /// A prediction for every row of `features` (the bars of new data, say), NaN where a
    /// feature is NaN. The columns must be the ones the model was trained on, in order.
    public func predictions(for features: FeatureMatrix) throws(LearningError) -> [Double] {
        let complete = features.completeRows()
        let rows = complete.indices.filter { complete[$0] }
        var out = [Double](repeating: .nan, count: features.rowCount)
        for (row, value) in zip(rows, try predict(features: features, rows: rows)) { out[row] = value }
        return out
    }

    /// The model as bytes: XGBoost's JSON model, or the linear coefficients as JSON.
    public func serialized() throws(LearningError) -> [UInt8] {
        switch self {
        case let .xgboost(model): return try model.serialized()
        case let .linear(model): return model.serialized()
        }
    }

    /// Restores a `kind` model from `serialized()` bytes.
    public static func load(kind: ModelKind, bytes: [UInt8]) throws(LearningError) -> TrainedModel {
        switch kind {
        case .xgboost: return .xgboost(try XGBoostModel.load(bytes))
        case .logistic, .ridge: return .linear(try LinearModel.load(bytes, kind: kind))
        }
    }

    /// Gain importance per feature in `names` order (XGBoost only; nil for linear models, whose
    /// coefficients are in `LinearModel.weights`).
    public func importance(names: [String]) throws(LearningError) -> [FeatureImportance]? {
        guard case let .xgboost(model) = self else { return nil }
        let gain = try model.featureScores("gain", names: names)
        let total = try model.featureScores("total_gain", names: names)
        let weight = try model.featureScores("weight", names: names)
        return names.indices.map { FeatureImportance(feature: names[$0], gain: gain[$0], totalGain: total[$0], splits: weight[$0]) }
    }
}

/// XGBoost's importance of one feature: `gain` is the mean loss reduction of the splits on it,
/// `totalGain` their sum, `splits` how many splits use it (XGBoost's `weight`).
public struct FeatureImportance: Sendable, Equatable, Codable {
    public let feature: String
    public let gain: Double
    public let totalGain: Double
    public let splits: Double

    enum CodingKeys: String, CodingKey { case feature, gain, totalGain = "total_gain", splits }
}
