/// How a model's skill is measured before it is trusted.
public enum ValidationSpec: Sendable, Equatable {
    /// No held-out measurement: the model is fitted once on every usable row (its in-sample
    /// metrics are still reported, labelled as such).
    case none
    /// Purged k-fold cross-validation with an embargo (López de Prado, *Advances in Financial
    /// Machine Learning*, ch. 7); see `PurgedKFold`.
    case purgedKFold(folds: Int, embargo: Int)

    public static let maxFolds = 1_000

    /// Throws when the fold count or embargo is outside its domain.
    public func validate() throws(LearningError) {
        guard case let .purgedKFold(folds, embargo) = self else { return }
        guard (2...Self.maxFolds).contains(folds) else {
            throw .invalidArgument(name: "validation.folds", expected: "an integer in 2...\(Self.maxFolds)", got: "\(folds)")
        }
        guard (0...LabelSpec.maxHorizon).contains(embargo) else {
            throw .invalidArgument(name: "validation.embargo", expected: "a number of bars in 0...\(LabelSpec.maxHorizon)", got: "\(embargo)")
        }
    }
}

/// Walk-forward retraining: the model is refitted on each window of `train` bars (all bars from
/// the first when `anchored`) and predicts only the `test` bars that follow, so every prediction
/// is made by a model that saw nothing at or after the bar it predicts. Lengths are in bars (a
/// caller converts "365d" with the timeframe).
public struct RetrainSpec: Sendable, Equatable {
    public var train: Int
    public var test: Int
    public var anchored: Bool

    public init(train: Int, test: Int, anchored: Bool = false) {
        self.train = train
        self.test = test
        self.anchored = anchored
    }

    /// Upper bound on the number of refits one run may ask for.
    public static let maxWindows = 10_000

    /// Throws when a length is outside its domain.
    public func validate() throws(LearningError) {
        guard train >= 1, train <= 100_000_000 else {
            throw .invalidArgument(name: "retrain.train", expected: "a positive number of bars", got: "\(train)")
        }
        guard test >= 1, test <= 100_000_000 else {
            throw .invalidArgument(name: "retrain.test", expected: "a positive number of bars", got: "\(test)")
        }
    }
}
