import Foundation
import Learning
import MarketData
import Strategies

/// Trains a spec's models on its data and hands their walk-forward predictions to the rules.
///
/// Semantics: a model is trained once per run on the whole loaded series (`ModelTrainer.train`
/// over `MLModelSpec.featureMatrix`); its `TrainingOutcome.predictions` — each made by a model
/// refitted on the `retrain.train` bars before its window, on labels that end before the
/// window — become the imported series `model("name")` reads, stamped with the bars' open
/// times. Like any imported column it is joined by timestamp, so the search, the walk-forward
/// folds and the Monte Carlo reruns of the spec all read the same out-of-sample values; bars
/// without a prediction (the first `train` bars, rows with a missing feature) are NaN, where
/// every comparison is false. Exit level expressions (`"take_profit": "..."`) read the same
/// columns (`ModifierSpec.levelColumns`). Only the models the strategy reads are trained.
public enum ModelColumns {
    /// One model trained on a spec's data.
    public struct Trained: Sendable {
        public let model: MLModelSpec
        /// The configuration as trained (retrain lengths in bars).
        public let config: ModelSpec
        public let features: FeatureMatrix
        public let outcome: TrainingOutcome
    }

    /// Trains `model` on `bars` (features computed from them) on up to `threads` threads.
    public static func train(_ model: MLModelSpec, bars: BarSeries, threads: Int) throws(LearningError) -> Trained {
        let config = try model.modelSpec(timeframe: bars.timeframe)
        let features = try model.featureMatrix(bars: bars)
        let outcome = try ModelTrainer.train(features: features, bars: bars, config: config, threads: threads)
        return Trained(model: model, config: config, features: features, outcome: outcome)
    }

    /// The models of `spec` its strategy reads — in its rules or its exit level expressions —
    /// in spec order.
    public static func modelsRead(by spec: ExperimentSpec) -> [MLModelSpec] {
        guard let ml = spec.ml else { return [] }
        let read = Set(columnsRead(by: spec.strategy))
        return ml.models.filter { read.contains($0.columnName) }
    }

    /// The imported columns the rules and the exit level expressions of `strategy` read.
    static func columnsRead(by strategy: StrategySpec) -> [String] {
        (strategy.rules?.usedColumns ?? []) + (strategy.modifiers.levels?.usedColumns ?? [])
    }

    /// `spec` with the predictions of every model its rules or exit level expressions name
    /// appended to `strategy.imported` and `strategy.modifiers.levelColumns`, each in its
    /// program's column order (a spec without models is returned as it is).
    public static func attach(_ spec: ExperimentSpec, bars: BarSeries, threads: Int) throws(RunError) -> ExperimentSpec {
        try attachTrained(spec, bars: bars, threads: threads).spec
    }

    /// `attach`, with the models it trained (spec order). Each model is trained once, however
    /// many programs read it.
    static func attachTrained(_ spec: ExperimentSpec, bars: BarSeries, threads: Int) throws(RunError)
        -> (spec: ExperimentSpec, trained: [Trained]) {
        let rules = spec.strategy.rules, levels = spec.strategy.modifiers.levels
        guard let ml = spec.ml, rules != nil || levels != nil else { return (spec, []) }
        var all: [Trained] = []
        var series: [String: ImportedSeries] = [:]
        for s in spec.strategy.imported + spec.strategy.modifiers.levelColumns { series[s.name] = s }
        let named = Set((rules?.columns ?? []) + (levels?.columns ?? []))
        let read = Set(columnsRead(by: spec.strategy))
        for model in ml.models where named.contains(model.columnName) {
            guard read.contains(model.columnName) else {
                // Named by no expression: its column is never read, so nothing is trained for it.
                series[model.columnName] = ImportedSeries(name: model.columnName, file: "ml.models.\(model.name) (not read)",
                                                          timestamps: bars.ts, values: [Double](repeating: .nan, count: bars.count))
                continue
            }
            let trained: Trained
            do { trained = try train(model, bars: bars, threads: threads) } catch { throw problem(model, error) }
            all.append(trained)
            series[model.columnName] = ImportedSeries(name: model.columnName, file: "ml.models.\(model.name) (walk-forward predictions)",
                                                      timestamps: bars.ts, values: trained.outcome.predictions)
        }
        func columns(_ program: RuleProgram) throws(RunError) -> [ImportedSeries] {
            try program.columns.map { name throws(RunError) in
                guard let s = series[name] else {
                    throw RunError.data("the strategy reads the column \(name), which neither data.columns nor ml.models provides")
                }
                return s
            }
        }
        var attached = spec
        if let rules { attached.strategy.imported = try columns(rules) }
        if let levels { attached.strategy.modifiers.levelColumns = try columns(levels) }
        return (attached, all)
    }

    /// Registers each trained model in the run's store (the `models` table of `results.sqlite`
    /// at `registry`, `ModelRegistry`'s schema, created at `createdAt`) and writes its
    /// `TrainingFiles` into `<folder>/ml/<name>/`, so a run records the scores, the model and
    /// the exact predictions its rules read; `model_id` in `cv.json` is the row's id. A resumed
    /// run registers the same ids again, which keeps the first rows.
    static func record(_ trained: [Trained], bars: BarSeries, in folder: URL, registry: String, createdAt: Int64) throws(RunError) {
        guard !trained.isEmpty else { return }
        let store: ModelRegistry
        do { store = try ModelRegistry(path: registry) } catch { throw .output(error.description) }
        for t in trained {
            let url = folder.appendingPathComponent("ml").appendingPathComponent(t.model.name)
            do { try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true) } catch {
                throw .output("\(url.path): \(error.localizedDescription)")
            }
            let record: ModelRecord
            do { record = try ModelRecord(outcome: t.outcome, bars: bars, features: t.features, createdAt: createdAt) } catch {
                throw problem(t.model, error)
            }
            do { try store.register(record) } catch { throw .output(error.description) }
            _ = try TrainingFiles.write(t, modelID: record.id, to: url)
        }
    }

    /// A Learning error as a problem of the model's part of the spec.
    static func problem(_ model: MLModelSpec, _ error: LearningError) -> RunError {
        .invalid(SpecError([specProblem(model, error)]))
    }

    /// A Learning error at the JSON path of the setting it names (`ml.models.up.retrain.train`).
    public static func specProblem(_ model: MLModelSpec, _ error: LearningError) -> SpecProblem {
        let base = "ml.models.\(model.name)"
        if case let .invalidArgument(name, expected, got) = error {
            return SpecProblem(path: base + "." + name, message: "expected \(expected), got \(got)")
        }
        return SpecProblem(path: base, message: error.description)
    }

    /// Checks what can be checked of `model` on the data without training: the retrain lengths
    /// in whole bars and at least one walk-forward window.
    public static func preflight(_ model: MLModelSpec, bars: BarSeries) -> SpecProblem? {
        do {
            let config = try model.modelSpec(timeframe: bars.timeframe)
            if let retrain = config.retrain { _ = try WalkForwardSchedule.windows(rowCount: bars.count, retrain) }
            return nil
        } catch {
            return specProblem(model, error)
        }
    }
}
