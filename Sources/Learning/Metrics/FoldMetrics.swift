import Analytics

/// The scores of one set of predictions against its labels: a cross-validation fold, a
/// walk-forward window, all of them pooled, or the final model in sample.
///
/// Classification: AUC, log loss, accuracy (class `p > 0.5`) and Brier score of the predicted
/// probabilities of class 1. Regression: the information coefficient (Spearman correlation of
/// predictions and outcomes). A score undefined on the data (AUC with one class present, IC
/// of a constant series) or not applying to the task is nil.
public struct FoldMetrics: Sendable, Equatable, Codable {
    /// Fold or window number from 0; nil for pooled and in-sample scores.
    public var fold: Int?
    /// Rows trained on (for pooled scores, the largest training set among the folds) and scored.
    public var trainRows: Int
    public var testRows: Int
    /// Training candidates dropped by purging and by the embargo (summed over folds when pooled).
    public var purgedRows: Int
    public var embargoedRows: Int
    /// Open times of the first and last scored bars (epoch ms).
    public var testStart: Int64?
    public var testEnd: Int64?
    public var auc: Double?
    public var logLoss: Double?
    public var accuracy: Double?
    public var brier: Double?
    public var informationCoefficient: Double?

    enum CodingKeys: String, CodingKey {
        case fold, trainRows = "train_rows", testRows = "test_rows", purgedRows = "purged_rows"
        case embargoedRows = "embargoed_rows", testStart = "test_start", testEnd = "test_end"
        case auc, logLoss = "log_loss", accuracy, brier, informationCoefficient = "information_coefficient"
    }

    /// Scores `predictions` against `outcomes` for `task`.
    public init(task: Task, outcomes: [Double], predictions: [Double], fold: Int? = nil,
                trainRows: Int, purgedRows: Int = 0, embargoedRows: Int = 0,
                testStart: Int64? = nil, testEnd: Int64? = nil) throws(LearningError) {
        self.fold = fold
        self.trainRows = trainRows
        testRows = outcomes.count
        self.purgedRows = purgedRows
        self.embargoedRows = embargoedRows
        self.testStart = testStart
        self.testEnd = testEnd
        guard !outcomes.isEmpty else { return }
        do {
            switch task {
            case .classification:
                auc = try PredictionMetrics.auc(outcomes: outcomes, probabilities: predictions)
                logLoss = try PredictionMetrics.logLoss(outcomes: outcomes, probabilities: predictions)
                accuracy = try PredictionMetrics.accuracy(outcomes: outcomes, probabilities: predictions)
                brier = try PredictionMetrics.brierScore(outcomes: outcomes, probabilities: predictions)
            case .regression:
                informationCoefficient = outcomes.count >= 2 ? try PredictionMetrics.spearman(predictions, outcomes) : nil
            }
        } catch {
            throw .metric(message: error.description)
        }
    }
}
