/// What `ModelTrainer.train` produces: out-of-sample predictions, the scores of every fold and
/// window, the final model fitted on every usable row, its importance and its bytes.
public struct TrainingOutcome: Sendable {
    public let spec: ModelSpec
    public let featureNames: [String]
    /// How each feature was computed (expression text or import), in `featureNames` order.
    public let featureSources: [String]
    /// Bar open times; every per-bar array below is aligned with them.
    public let timestamps: [Int64]
    public let labels: Labels
    /// Bars with a finite label and no NaN feature, ascending: the only rows ever trained on.
    public let usableRows: [Int]
    /// Bars left out because their label is NaN (the last bars, whose future is unknown).
    public let rowsWithoutLabel: Int
    /// Bars with a label left out because a feature is NaN.
    public let rowsWithMissingFeatures: Int

    /// Walk-forward predictions (probability of class 1 for classifiers): at bar `i`, from the
    /// model of the window containing `i`, which trained only on labels ending before the
    /// window. NaN where no window covers `i` (the first `train` bars), a feature is NaN, or no
    /// retraining was asked for. These are the only predictions a strategy may read.
    public let predictions: [Double]
    /// Out-of-fold predictions of the purged k-fold (NaN outside the usable rows or without
    /// cross-validation). Each is out of its fold but its model saw later bars: for scoring
    /// and calibration, never for trading.
    public let crossValidationPredictions: [Double]

    public let crossValidation: [FoldMetrics]
    /// The out-of-fold predictions of every fold scored together.
    public let crossValidationOverall: FoldMetrics?
    public let walkForward: [FoldMetrics]
    /// Every walk-forward window's scored predictions together.
    public let walkForwardOverall: FoldMetrics?
    /// The final model scored on its own training rows (optimistic by construction).
    public let inSample: FoldMetrics

    /// Gain importance of the final model (XGBoost; nil for linear models).
    public let importance: [FeatureImportance]?
    /// The final model, fitted on every usable row.
    public let model: TrainedModel
    public let serializedModel: [UInt8]
    /// Open times of the first usable bar and of the last bar any training label reads.
    public let trainingStart: Int64
    public let trainingEnd: Int64

    /// The open time of the last bar label `i` reads (nil where the label is NaN).
    public func labelEndTime(at i: Int) -> Int64? {
        labels.end[i] >= 0 ? timestamps[labels.end[i]] : nil
    }
}
