import Learning
import MarketData
import Strategies

/// A registered model's predictions on bars it may never have seen (`crucible ml predict`).
///
/// Semantics: the model's features are rebuilt from the record's stored `(name, source)` pairs
/// by the compiler the training used (`MLModelSpec.compileFeatures`, in the stored column
/// order) and computed on the bars by `MLModelSpec.featureMatrix`, so feature `k` at bar `i`
/// reads bars ≤ i only, exactly as in training. The prediction at bar `i` (the probability of
/// class 1 for a classifier, the value for a regression) is the registered model's — the final
/// fit on every usable training row — on that row; a bar with a missing (NaN) feature, such as
/// an indicator's warm-up, has none (NaN). Features read the bars only: a model whose features
/// read imported columns (`data.columns`) cannot be rebuilt here and is refused. The bars'
/// timeframe must be the model's, since features count bars.
public enum ModelPrediction {
    /// Predictions of one model on one series of bars.
    public struct Result: Sendable {
        /// The rebuilt features on the bars (the matrix the model predicted).
        public let features: FeatureMatrix
        /// One per bar, NaN where a feature is missing.
        public let predictions: [Double]

        /// Bars with a prediction.
        public var predictedCount: Int { predictions.reduce(0) { $0 + ($1.isNaN ? 0 : 1) } }
    }

    /// The feature program of `record`, compiled from its stored features over the bars alone.
    public static func featureProgram(of record: ModelRecord) throws(LearningError) -> RuleProgram {
        let features = try record.features().map { (name: $0.name, text: $0.source) }
        do { return try MLModelSpec.compileFeatures(features, columns: []) } catch {
            throw .invalidArgument(
                name: "model \(record.id) features",
                expected: "expressions of the bars (crucible ml predict computes features from bars only, not from imported columns)",
                got: error.problems.map(\.description).joined(separator: "; "))
        }
    }

    /// The predictions of `model` (restored from `record`) on every bar of `bars`.
    public static func predict(_ model: TrainedModel, record: ModelRecord, bars: BarSeries) throws(LearningError) -> Result {
        guard bars.timeframe.rawValue == record.timeframe else {
            throw .invalidArgument(name: "bars", expected: "\(record.timeframe) bars, the timeframe model \(record.id) was trained on "
                                   + "(its features count bars)", got: "\(bars.timeframe.rawValue) bars")
        }
        let program = try featureProgram(of: record)
        let features = try MLModelSpec.featureMatrix(program, imported: [], bars: bars)
        try record.checkColumns(of: features)
        return Result(features: features, predictions: try model.predictions(for: features))
    }
}
