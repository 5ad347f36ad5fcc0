import Learning
import MarketData
import Strategies

/// The `ml` section: models trained on the spec's data before the search, whose walk-forward
/// predictions rules read as `model("name")`.
///
/// Semantics: each model's features are strategy-language expressions (`features`, one
/// compiled program, so they share the indicators and the no-look-ahead guarantee of rules) over
/// the bars and the data's imported columns. The runner trains every model once on the loaded
/// data (`ModelColumns`); its walk-forward predictions become an imported column named
/// `RuleProgram.modelColumn(name)`, read by timestamp like any imported column. The decoder
/// refuses a strategy that reads a model without `retrain`: such a model has in-sample
/// predictions only.
public struct MLSpec: Sendable, Equatable {
    /// The models, sorted by name.
    public var models: [MLModelSpec]

    public init(models: [MLModelSpec]) { self.models = models }

    /// The model called `name`.
    public func model(named name: String) -> MLModelSpec? { models.first { $0.name == name } }
}

/// One entry of `ml.models`.
public struct MLModelSpec: Sendable, Equatable {
    /// The key in `ml.models` (letters, digits, `_` and `-`).
    public var name: String
    /// The feature expressions compiled as one program: expression `k` is feature `k`, named by
    /// its key in `features` (sorted by name).
    public var features: RuleProgram
    /// The data's imported columns the features read, in `features.columns` order.
    public var imported: [ImportedSeries]
    public var kind: ModelKind
    /// The `model.params` object, passed to Learning as given.
    public var params: [String: Learning.ParameterValue]
    public var label: LabelSpec
    public var validation: ValidationSpec
    /// Walk-forward retraining; nil = cross-validation and the final fit only (no predictions a
    /// strategy may read).
    public var retrain: Retrain?

    /// `retrain` as the spec gives it: train and test lengths in bars or durations.
    public struct Retrain: Sendable, Equatable {
        public var train: WindowLength
        public var test: WindowLength
        public var anchored: Bool

        public init(train: WindowLength, test: WindowLength, anchored: Bool = false) {
            self.train = train
            self.test = test
            self.anchored = anchored
        }
    }

    public init(name: String, features: RuleProgram, imported: [ImportedSeries] = [], kind: ModelKind,
                params: [String: Learning.ParameterValue] = [:], label: LabelSpec, validation: ValidationSpec = .none,
                retrain: Retrain? = nil) {
        self.name = name; self.features = features; self.imported = imported; self.kind = kind
        self.params = params; self.label = label; self.validation = validation; self.retrain = retrain
    }

    /// The imported-column name rules read the predictions under.
    public var columnName: String { RuleProgram.modelColumn(name) }

    /// Feature names in column order.
    public var featureNames: [String] { features.expressions.map(\.name) }

    /// The Learning configuration for bars of `timeframe`: durations become whole bars
    /// (a duration that is not a whole number of bars, or a calendar-month timeframe, is refused).
    public func modelSpec(timeframe: Timeframe) throws(LearningError) -> ModelSpec {
        let retrain = try self.retrain.map { r throws(LearningError) in
            RetrainSpec(train: try Self.bars(r.train, timeframe, "retrain.train"), test: try Self.bars(r.test, timeframe, "retrain.test"),
                        anchored: r.anchored)
        }
        return ModelSpec(kind: kind, params: params, label: label, validation: validation, retrain: retrain)
    }

    static func bars(_ length: WindowLength, _ timeframe: Timeframe, _ name: String) throws(LearningError) -> Int {
        switch length {
        case let .bars(n): return n
        case let .duration(ms):
            guard timeframe.isFixedLength else {
                throw .invalidArgument(name: name, expected: "a number of bars (\(timeframe) bars have no fixed length)", got: "a duration")
            }
            let bar = timeframe.milliseconds
            guard ms % bar == 0, ms / bar >= 1 else {
                throw .invalidArgument(name: name, expected: "a whole number of \(timeframe) bars", got: "\(ms / 60_000) minutes")
            }
            return Int(ms / bar)
        }
    }

    /// The feature matrix on `bars`: every expression evaluated over the whole series (values
    /// at bar i read bars ≤ i only), the imported columns joined by timestamp.
    public func featureMatrix(bars: BarSeries) throws(LearningError) -> FeatureMatrix {
        try Self.featureMatrix(features, imported: imported, bars: bars)
    }

    /// Compiles feature expressions `(name, text)` as one program of numbers over the bars and
    /// the imported columns `columns`, in the given order (column `k` of the matrix is
    /// expression `k`). The one compiler of features: the spec decoder uses it for
    /// `ml.models.NAME.features`, `crucible ml predict` for a registered model's stored features.
    public static func compileFeatures(_ features: [(name: String, text: String)], columns: [String]) throws(RuleError) -> RuleProgram {
        try RuleProgram(expressions: features.map { RuleExpression(name: $0.name, text: $0.text, type: .number) },
                        parameters: [], columns: columns)
    }

    /// The feature matrix of the compiled `program` on `bars` (see `featureMatrix(bars:)`):
    /// columns named by the expressions, their text recorded as each column's source. Every
    /// expression is evaluated in one pass, so subexpressions features share are computed once.
    public static func featureMatrix(_ program: RuleProgram, imported: [ImportedSeries], bars: BarSeries) throws(LearningError) -> FeatureMatrix {
        let values: [Double]
        do { values = try program.columnMajor(Array(program.expressions.indices), bars: bars, parameters: [], imported: imported) } catch {
            throw .invalidArgument(name: "features", expected: "expressions evaluable on the data", got: error.description)
        }
        return try FeatureMatrix(timestamps: bars.ts, columns: program.expressions.map { ($0.name, $0.text) }, values: values)
    }
}
