import Foundation
import MarketData

/// One row of the `models` table: a trained model with everything needed to trust, reproduce
/// and reuse it. JSON columns are written with sorted keys, so equal records give equal text.
public struct ModelRecord: Sendable, Equatable {
    /// The first 16 hex digits of the SHA-256 of the model bytes, label, parameters, features
    /// and data digest: the same training on the same data registers under the same id.
    public var id: String
    public var symbol: String
    public var timeframe: String
    public var modelType: ModelKind
    public var task: Task
    /// Registration time, epoch ms UTC.
    public var createdAt: Int64
    /// `ModelMetrics` as JSON (`metrics()` reads it back).
    public var metricsJSON: String
    /// `[{"name": ..., "source": ...}, ...]` in training column order.
    public var featuresJSON: String
    /// The label spec, e.g. `{"horizon": 24, "kind": "forward_return_sign"}`.
    public var labelJSON: String
    /// The model parameters as given, plus the validation and retraining settings.
    public var parametersJSON: String
    /// Open times of the first bar and the last bar the final model's training read.
    public var trainingStart: Int64
    public var trainingEnd: Int64
    public var dataSHA256: String
    public var model: [UInt8]

    /// A record from its columns (as the registry reads them back).
    public init(id: String, symbol: String, timeframe: String, modelType: ModelKind, task: Task, createdAt: Int64,
                metricsJSON: String, featuresJSON: String, labelJSON: String, parametersJSON: String,
                trainingStart: Int64, trainingEnd: Int64, dataSHA256: String, model: [UInt8]) {
        self.id = id; self.symbol = symbol; self.timeframe = timeframe; self.modelType = modelType
        self.task = task; self.createdAt = createdAt; self.metricsJSON = metricsJSON
        self.featuresJSON = featuresJSON; self.labelJSON = labelJSON; self.parametersJSON = parametersJSON
        self.trainingStart = trainingStart; self.trainingEnd = trainingEnd; self.dataSHA256 = dataSHA256
        self.model = model
    }

    /// The record of `outcome`, trained on `bars` with `features`, registered at `createdAt`.
    public init(outcome: TrainingOutcome, bars: BarSeries, features: FeatureMatrix,
                createdAt: Int64) throws(LearningError) {
        let spec = outcome.spec
        let metrics = try ModelMetrics(outcome: outcome)
        var parameters: [String: [String: ParameterValue]] = ["model": spec.params]
        if case let .purgedKFold(folds, embargo) = spec.validation {
            parameters["validation"] = ["kind": .text("purged_kfold"), "folds": .number(Double(folds)), "embargo": .number(Double(embargo))]
        } else {
            parameters["validation"] = ["kind": .text("none")]
        }
        if let r = spec.retrain {
            parameters["retrain"] = ["train": .number(Double(r.train)), "test": .number(Double(r.test)), "anchored": .bool(r.anchored)]
        }
        let featureList = zip(outcome.featureNames, outcome.featureSources).map { ["name": $0, "source": $1] }
        let dataSHA256 = DataFingerprint.sha256(bars: bars, features: features)
        let metricsJSON = try Self.json(metrics), featuresJSON = try Self.json(featureList)
        let labelJSON = try Self.json(spec.label.jsonObject), parametersJSON = try Self.json(parameters)
        var hasher = SHA256()
        for part in [Array(labelJSON.utf8), Array(parametersJSON.utf8), Array(featuresJSON.utf8), Array(dataSHA256.utf8), outcome.serializedModel] {
            part.withUnsafeBytes { hasher.update($0) }
            [UInt8(0)].withUnsafeBytes { hasher.update($0) }
        }
        self.init(id: String(hasher.finalizeHex().prefix(16)), symbol: bars.instrument.symbol, timeframe: bars.timeframe.rawValue,
                  modelType: spec.kind, task: spec.label.task, createdAt: createdAt,
                  metricsJSON: metricsJSON, featuresJSON: featuresJSON, labelJSON: labelJSON, parametersJSON: parametersJSON,
                  trainingStart: outcome.trainingStart, trainingEnd: outcome.trainingEnd, dataSHA256: dataSHA256,
                  model: outcome.serializedModel)
    }

    /// The `(name, source)` of every feature, in training column order, read from `featuresJSON`.
    public func features() throws(LearningError) -> [(name: String, source: String)] {
        guard let list = try? JSONDecoder().decode([[String: String]].self, from: Data(featuresJSON.utf8)),
              list.allSatisfy({ $0["name"] != nil && $0["source"] != nil }) else {
            throw .corruptModel(kind: modelType.rawValue, reason: "model \(id): features is not a list of {name, source}")
        }
        return list.map { (name: $0["name"]!, source: $0["source"]!) }
    }

    /// The performance metrics, read from `metricsJSON`.
    public func metrics() throws(LearningError) -> ModelMetrics {
        do { return try JSONDecoder().decode(ModelMetrics.self, from: Data(metricsJSON.utf8)) } catch {
            throw .corruptModel(kind: modelType.rawValue, reason: "model \(id): metrics is not a metrics document: \(error)")
        }
    }

    /// Throws unless `matrix` has exactly this model's feature columns, in training order.
    public func checkColumns(of matrix: FeatureMatrix) throws(LearningError) {
        let expected = try features().map(\.name)
        guard matrix.names == expected else {
            throw .invalidArgument(name: "features", expected: "the columns model \(id) was trained on, in order: \(expected.joined(separator: ", "))",
                                   got: matrix.names.joined(separator: ", "))
        }
    }

    /// Sorted-key JSON text of `value`.
    static func json<T: Encodable>(_ value: T) throws(LearningError) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        do { return String(decoding: try encoder.encode(value), as: UTF8.self) } catch {
            throw .invalidArgument(name: "registry record", expected: "JSON-encodable values (finite numbers)", got: "\(error)")
        }
    }
}

extension LabelSpec {
    /// The label as its spec spells it.
    var jsonObject: [String: ParameterValue] {
        switch self {
        case let .forwardReturn(h), let .forwardReturnSign(h):
            return ["kind": .text(kind), "horizon": .number(Double(h))]
        case let .tripleBarrier(tp, sl, maxBars):
            return ["kind": .text(kind), "take_profit": .number(tp), "stop_loss": .number(sl), "max_bars": .number(Double(maxBars))]
        }
    }
}
