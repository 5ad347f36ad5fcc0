import Foundation
import Learning
import MarketData
import Testing
@testable import Experiments
import TestSupport

/// A run that trains models registers them in its own `results.sqlite`, in the `models` table
/// of the shared registry's schema: the row is the record of the same training done directly,
/// its id is `cv.json`'s `model_id`, and it predicts from there as from the shared registry.
@Suite struct RunModelsTableTests {
    /// The `CREATE TABLE` text of `models` in the SQLite file at `path`.
    static func modelsTableSQL(_ path: String) throws -> String? {
        let db = try SQLiteConnection<LearningError>(path: path, readOnly: true)
        var sql: String?
        try db.prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'models'").query { sql = $0.text(0) }
        return sql
    }

    @Test func aRunRegistersTheModelsItTrainsInItsStore() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("runmodels-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let spec = try MLSpecTests.spec.with("output", ["folder": folder.path]).decode()
        let outcome = try ExperimentRunner.run(spec: spec, specText: "{}", options: RunOptions(threads: 2, out: folder.appendingPathComponent("run").path))
        #expect(outcome.completed)
        let store = outcome.folder.url.appendingPathComponent("results.sqlite").path

        let registry = try ModelRegistry(path: store, readOnly: true)
        let rows = try registry.list()
        #expect(rows.count == 1)
        let cv = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: outcome.folder.url.appendingPathComponent("ml/up/cv.json"))) as? [String: Any])
        #expect(rows.first?.id == cv["model_id"] as? String)

        // The same training done here: the stored row is its record, model bytes included.
        let bars = try ExperimentData.load(spec.data).bars
        let trained = try ModelColumns.train(try #require(spec.ml?.model(named: "up")), bars: bars, threads: 1)
        let stored = try registry.show(id: rows[0].id)
        #expect(stored.createdAt > 1_700_000_000_000, "the run's start time, epoch ms")
        #expect(stored == (try ModelRecord(outcome: trained.outcome, bars: bars, features: trained.features, createdAt: stored.createdAt)))

        // One schema: the run's table is the shared registry's, text for text.
        let shared = folder.appendingPathComponent("models.sqlite").path
        _ = try ModelRegistry(path: shared)
        let runSQL = try #require(try Self.modelsTableSQL(store))
        #expect(runSQL == (try Self.modelsTableSQL(shared)))

        // The run's store serves as a registry: the loaded model predicts as the trained one.
        let (record, model) = try registry.load(id: rows[0].id)
        let predicted = try ModelPrediction.predict(model, record: record, bars: bars).predictions
        let direct = try trained.outcome.model.predictions(for: trained.features)
        #expect(predicted.count == direct.count && zip(predicted, direct).allSatisfy { $0.bitPattern == $1.bitPattern || ($0.isNaN && $1.isNaN) })
    }

    @Test func aRunWithoutModelsHasNoModelsTable() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("runmodels-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        // The model is declared but no rule reads it, so nothing is trained.
        let spec = try MLSpecTests.spec.with("ml.models.up.retrain", nil)
            .with("strategy.rules", ["long_entry": "close > sma(close, 24) + threshold", "long_exit": "close < sma(close, 24)"])
            .with("strategy.parameters", ["threshold": ["values": [0, 10]]])
            .with("output", ["folder": folder.path]).decode()
        let outcome = try ExperimentRunner.run(spec: spec, specText: "{}", options: RunOptions(threads: 2, out: folder.appendingPathComponent("run").path))
        #expect(outcome.completed)
        let store = outcome.folder.url.appendingPathComponent("results.sqlite").path
        #expect(try Self.modelsTableSQL(store) == nil)
        #expect(throws: LearningError.self) { try ModelRegistry(path: store, readOnly: true) }
    }
}
