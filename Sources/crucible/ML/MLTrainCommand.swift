import ArgumentParser
import Experiments
import Foundation
import Learning
import MarketData

/// `crucible ml train SPEC`: trains one model of the spec's `ml` section on the spec's data,
/// writes cv.json, predictions.csv and importance.csv, and registers the model.
struct MLTrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train a model of a spec's ml section: cv.json, predictions.csv, importance.csv, and the registry.",
        discussion: """
        The spec is checked as crucible validate checks it, its data loaded, the model's features \
        computed with the rule language, and the model trained with its validation (purged \
        k-fold) and retraining (walk-forward) settings. Written to --out (created; it must not \
        hold anything yet):
          cv.json: model_id, scores per fold and pooled (cross-validation,
            walk-forward windows), the final model's in-sample score
          predictions.csv: timestamp,prediction (walk-forward, out of sample)
          importance.csv: feature,gain,total_gain,splits (XGBoost only)
        The final model (fitted on every usable row) is registered in --registry under its \
        model_id.

        Examples:
          crucible ml train experiments/ml_xgboost_up.json --out results/ml-up
          crucible ml train SPEC --model up --registry results/models.sqlite
        """
    )

    @Argument(help: "Experiment spec file (JSON) with an ml section.")
    var spec: String

    @Option(help: "The model of ml.models to train (needed when the spec declares several).")
    var model: String?

    @Option(help: "Output folder (default: <output.folder>/<name>/ml-<model> of the spec).")
    var out: String?

    @OptionGroup var registry: RegistryOption

    @Option(help: "Worker threads for the folds and windows (default: every core; results do not depend on it).")
    var threads: Int = ProcessInfo.processInfo.activeProcessorCount

    func run() throws {
        guard threads >= 1 else { throw ValidationError("--threads must be at least 1") }
        let url = URL(fileURLWithPath: spec)
        let decoded: ExperimentSpec
        do { decoded = try SpecDecoder.decode(contentsOf: url) } catch { failWith(error.lines()) }
        guard let ml = decoded.ml else { failWith(["\(spec): the spec has no ml section; declare a model in ml.models"]) }
        let chosen: MLModelSpec
        if let model {
            guard let found = ml.model(named: model) else {
                failWith(["--model \(model): no such model in ml.models; the models are \(ml.models.map(\.name).joined(separator: ", "))"])
            }
            chosen = found
        } else {
            guard ml.models.count == 1 else {
                failWith(["\(spec) declares \(ml.models.count) models (\(ml.models.map(\.name).joined(separator: ", "))); choose one with --model"])
            }
            chosen = ml.models[0]
        }
        let data: ExperimentData
        do { data = try SpecPreflight.check(decoded) } catch { failWith(error.lines()) }

        let folder = URL(fileURLWithPath: out ?? "\(decoded.output.folder)/\(decoded.name)/ml-\(chosen.name)")
        try Self.prepare(folder)
        let trained: ModelColumns.Trained
        do { trained = try ModelColumns.train(chosen, bars: data.bars, threads: threads) } catch {
            failWith([ModelColumns.specProblem(chosen, error).description])
        }
        let record: ModelRecord
        do {
            record = try ModelRecord(outcome: trained.outcome, bars: data.bars, features: trained.features,
                                     createdAt: Int64((Date().timeIntervalSince1970 * 1000).rounded()))
            let store = try ModelRegistry(path: registry.registry)
            try store.register(record)
        } catch { failWith(["\(registry.registry): \(error.description)"]) }
        let written: [String]
        do { written = try TrainingFiles.write(trained, modelID: record.id, to: folder) } catch { failWith([error.description]) }
        print(Self.summary(trained, id: record.id, registry: registry.registry, written: written))
    }

    /// Creates `folder`, refusing a file or a folder that already holds something.
    static func prepare(_ folder: URL) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { failWith(["--out \(folder.path): a file is in the way"]) }
            let contents = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
            guard contents.isEmpty else { failWith(["--out \(folder.path): the folder is not empty; choose a new one"]) }
        }
        do { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) } catch {
            failWith(["--out \(folder.path): \(error.localizedDescription)"])
        }
    }

    /// What the command prints: the id, the rows, the pooled scores and the files.
    static func summary(_ trained: ModelColumns.Trained, id: String, registry: String, written: [String]) -> String {
        let o = trained.outcome
        var lines = ["model \(trained.model.name): \(trained.config.kind.rawValue), \(trained.config.label.task.rawValue), registered as \(id) in \(registry)",
                     "rows: \(o.usableRows.count) usable, \(o.rowsWithoutLabel) without a label, \(o.rowsWithMissingFeatures) with a missing feature"]
        func scores(_ m: FoldMetrics) -> String {
            let parts: [(String, Double?)] = [("auc", m.auc), ("log_loss", m.logLoss), ("accuracy", m.accuracy), ("brier", m.brier),
                                              ("ic", m.informationCoefficient)]
            return "\(m.testRows) rows: " + parts.compactMap { name, v in v.map { "\(name) \(String(format: "%.4f", $0))" } }.joined(separator: ", ")
        }
        if let cv = o.crossValidationOverall { lines.append("cross-validation (\(o.crossValidation.count) folds, pooled), \(scores(cv))") }
        if let wf = o.walkForwardOverall { lines.append("walk-forward (\(o.walkForward.count) windows, out of sample), \(scores(wf))") }
        if trained.config.retrain == nil { lines.append("no retrain: predictions.csv has no rows (only walk-forward predictions are out of sample)") }
        lines.append("in sample (optimistic), \(scores(o.inSample))")
        lines += written.map { "wrote \($0)" }
        return lines.joined(separator: "\n")
    }
}
