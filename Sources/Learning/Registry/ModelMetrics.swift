import Analytics

/// A registered model's performance, the JSON of the `models` table's `metrics` column:
/// `{"cross_validation": {"folds": [...], "overall": {...}}, "walk_forward": {...},
/// "in_sample": {...}, "importance": [...], "calibration": {"walk_forward": [...],
/// "cross_validation": [...]}}`, parts that were not asked for (or do not apply) absent.
///
/// Semantics: fold scores are `FoldMetrics` as `ModelTrainer` computed them; `importance` is
/// the final XGBoost model's gain importance (absent for linear models). `calibration` is the
/// reliability diagram (`PredictionMetrics.calibrationCurve`, `calibrationBins` uniform bins,
/// empty bins left out) of the predictions that are out of sample — the walk-forward ones, and
/// the purged k-fold's out-of-fold ones — on the rows the pooled scores use; classifiers only.
/// The in-sample predictions get none: their calibration says nothing about new data.
public struct ModelMetrics: Sendable, Equatable, Codable {
    /// Bins of the stored calibration curves.
    public static let calibrationBins = 10

    /// Per-fold (or per-window) scores and the scores of all of them pooled.
    public struct Folds: Sendable, Equatable, Codable {
        public let folds: [FoldMetrics]
        public let overall: FoldMetrics?
    }

    /// Reliability diagrams of the out-of-sample predictions.
    public struct Calibration: Sendable, Equatable, Codable {
        public let walkForward: [PredictionMetrics.CalibrationBin]?
        public let crossValidation: [PredictionMetrics.CalibrationBin]?
        enum CodingKeys: String, CodingKey { case walkForward = "walk_forward", crossValidation = "cross_validation" }
    }

    public let crossValidation: Folds?
    public let walkForward: Folds?
    public let inSample: FoldMetrics
    public let importance: [FeatureImportance]?
    public let calibration: Calibration?

    enum CodingKeys: String, CodingKey {
        case crossValidation = "cross_validation", walkForward = "walk_forward", inSample = "in_sample", importance, calibration
    }

    /// The metrics of `outcome`.
    public init(outcome: TrainingOutcome) throws(LearningError) {
        let spec = outcome.spec
        crossValidation = spec.validation == .none ? nil : Folds(folds: outcome.crossValidation, overall: outcome.crossValidationOverall)
        walkForward = spec.retrain == nil ? nil : Folds(folds: outcome.walkForward, overall: outcome.walkForwardOverall)
        inSample = outcome.inSample
        importance = outcome.importance
        guard spec.label.task == .classification else { calibration = nil; return }
        func curve(_ series: [Double], _ asked: Bool) throws(LearningError) -> [PredictionMetrics.CalibrationBin]? {
            guard asked else { return nil }
            let rows = outcome.usableRows.filter { !series[$0].isNaN }
            guard !rows.isEmpty else { return nil }
            do {
                return try PredictionMetrics.calibrationCurve(outcomes: rows.map { outcome.labels.values[$0] },
                                                              probabilities: rows.map { series[$0] }, bins: Self.calibrationBins)
            } catch { throw .metric(message: error.description) }
        }
        let walk = try curve(outcome.predictions, spec.retrain != nil)
        let folds = try curve(outcome.crossValidationPredictions, spec.validation != .none)
        calibration = walk == nil && folds == nil ? nil : Calibration(walkForward: walk, crossValidation: folds)
    }
}
