import Foundation
import Learning
import MarketData

/// The files `crucible ml train` writes for one trained model, in a folder of their own:
///
/// - `cv.json`: `model_id` (the registry id), the model's name, kind, task, label, features,
///   row counts, and the scores (`FoldMetrics`) of every purged k-fold fold and of all folds
///   pooled (`cross_validation`), of every walk-forward window and pooled (`walk_forward`), and
///   of the final model in sample (`in_sample`, optimistic by construction); parts that were
///   not asked for are absent. Keys sorted, so equal trainings give equal text.
/// - `predictions.csv`: `timestamp,prediction` — the walk-forward predictions only (each made by
///   a model that saw nothing at or after its bar), one row per bar that has one; timestamps
///   are bar open times in epoch ms, values in shortest round-trip form. The file reads back as
///   a `data.columns` import.
/// - `importance.csv`: `feature,gain,total_gain,splits` of the final XGBoost model, by
///   decreasing gain; a linear model has no gain importance and gets no file.
public enum TrainingFiles {
    /// Writes the files of `trained` (registered as `modelID`) into `folder`, which must exist;
    /// returns the paths written.
    public static func write(_ trained: ModelColumns.Trained, modelID: String, to folder: URL) throws(RunError) -> [String] {
        var written: [String] = []
        func put(_ name: String, _ text: String) throws(RunError) {
            let url = folder.appendingPathComponent(name)
            do { try Data(text.utf8).write(to: url) } catch { throw .output("\(url.path): \(error.localizedDescription)") }
            written.append(url.path)
        }
        try put("cv.json", try cvJSON(trained, modelID: modelID))
        try put("predictions.csv", predictionsCSV(trained.outcome))
        if let importance = trained.outcome.importance { try put("importance.csv", importanceCSV(importance)) }
        return written
    }

    /// The text of `cv.json`.
    public static func cvJSON(_ trained: ModelColumns.Trained, modelID: String) throws(RunError) -> String {
        let outcome = trained.outcome, config = trained.config
        let document = CVDocument(
            modelID: modelID, model: trained.model.name, kind: config.kind.rawValue, task: config.label.task.rawValue,
            label: labelObject(config.label),
            features: zip(outcome.featureNames, outcome.featureSources).map { CVDocument.Feature(name: $0, source: $1) },
            rows: .init(usable: outcome.usableRows.count, withoutLabel: outcome.rowsWithoutLabel,
                        missingFeatures: outcome.rowsWithMissingFeatures,
                        predicted: outcome.predictions.reduce(0) { $0 + ($1.isNaN ? 0 : 1) }),
            crossValidation: config.validation == .none ? nil : .init(folds: outcome.crossValidation, overall: outcome.crossValidationOverall),
            walkForward: config.retrain.map { r in
                .init(folds: outcome.walkForward, overall: outcome.walkForwardOverall, trainBars: r.train, testBars: r.test, anchored: r.anchored)
            },
            inSample: outcome.inSample, trainingStart: outcome.trainingStart, trainingEnd: outcome.trainingEnd)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        do { return String(decoding: try encoder.encode(document), as: UTF8.self) + "\n" } catch {
            throw .output("cv.json: \(error)")
        }
    }

    /// The text of `predictions.csv`.
    public static func predictionsCSV(_ outcome: TrainingOutcome) -> String {
        predictionsCSV(timestamps: outcome.timestamps, predictions: outcome.predictions)
    }

    /// `timestamp,prediction` rows for the bars with a prediction (NaN rows are left out),
    /// timestamps in epoch ms, values in shortest round-trip form; the format of both
    /// `predictions.csv` and `crucible ml predict`.
    public static func predictionsCSV(timestamps: [Int64], predictions: [Double]) -> String {
        var text = "timestamp,prediction\n"
        for (t, p) in zip(timestamps, predictions) where !p.isNaN { text += "\(t),\(p)\n" }
        return text
    }

    /// The text of `importance.csv`.
    public static func importanceCSV(_ importance: [FeatureImportance]) -> String {
        var text = "feature,gain,total_gain,splits\n"
        let ordered = importance.enumerated().sorted { a, b in
            a.element.gain != b.element.gain ? a.element.gain > b.element.gain : a.offset < b.offset
        }.map(\.element)
        for f in ordered { text += "\(RankedCSV.quoted(f.feature)),\(f.gain),\(f.totalGain),\(f.splits)\n" }
        return text
    }

    /// The label as the spec spells it.
    static func labelObject(_ label: LabelSpec) -> [String: Learning.ParameterValue] {
        switch label {
        case let .forwardReturn(h), let .forwardReturnSign(h):
            return ["kind": .text(label.kind), "horizon": .number(Double(h))]
        case let .tripleBarrier(tp, sl, maxBars):
            return ["kind": .text(label.kind), "take_profit": .number(tp), "stop_loss": .number(sl), "max_bars": .number(Double(maxBars))]
        }
    }

    private struct CVDocument: Encodable {
        struct Feature: Encodable { let name: String; let source: String }
        struct Rows: Encodable {
            let usable: Int, withoutLabel: Int, missingFeatures: Int, predicted: Int
            enum CodingKeys: String, CodingKey {
                case usable, withoutLabel = "without_label", missingFeatures = "missing_features", predicted = "out_of_sample_predictions"
            }
        }
        struct Folds: Encodable {
            let folds: [FoldMetrics]
            let overall: FoldMetrics?
            var trainBars: Int? = nil, testBars: Int? = nil, anchored: Bool? = nil
            enum CodingKeys: String, CodingKey { case folds, overall, trainBars = "train_bars", testBars = "test_bars", anchored }
        }
        let modelID: String, model: String, kind: String, task: String
        let label: [String: Learning.ParameterValue]
        let features: [Feature]
        let rows: Rows
        let crossValidation: Folds?
        let walkForward: Folds?
        let inSample: FoldMetrics
        let trainingStart: Int64, trainingEnd: Int64
        enum CodingKeys: String, CodingKey {
            case modelID = "model_id", model, kind, task, label, features, rows, crossValidation = "cross_validation"
            case walkForward = "walk_forward", inSample = "in_sample", trainingStart = "training_start", trainingEnd = "training_end"
        }
    }
}
