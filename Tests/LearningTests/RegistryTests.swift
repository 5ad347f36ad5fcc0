import Foundation
import MarketData
import Testing
@testable import Learning

@Suite struct RegistryTests {
    static func temporaryPath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("crucible-models-\(UUID().uuidString)/nested/models.sqlite").path
    }

    @Test func registersListsShowsAndLoads() throws {
        let (_, bars, features) = try PipelineTests.pipelineInputs()
        let spec = ModelSpec(kind: .xgboost, params: ["num_round": .number(10), "max_depth": .number(2)], label: .forwardReturnSign(horizon: 4),
                             validation: .purgedKFold(folds: 3, embargo: 4), retrain: RetrainSpec(train: 100, test: 50))
        let outcome = try ModelTrainer.train(features: features, bars: bars, config: spec)
        let record = try ModelRecord(outcome: outcome, bars: bars, features: features, createdAt: 1_733_000_000_000)
        let path = Self.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: ((path as NSString).deletingLastPathComponent as NSString).deletingLastPathComponent) }
        let registry = try ModelRegistry(path: path)
        #expect(try registry.register(record))
        #expect(try !registry.register(record), "the same model registers once")
        let ridge = try ModelTrainer.train(features: features, bars: bars, config: ModelSpec(kind: .ridge, label: .forwardReturn(horizon: 2)))
        let second = try ModelRecord(outcome: ridge, bars: bars, features: features, createdAt: 1_733_000_000_001)
        #expect(try registry.register(second))
        // A regression has no calibration curve, a ridge model no gain importance.
        let ridgeMetrics = try second.metrics()
        #expect(ridgeMetrics.calibration == nil && ridgeMetrics.importance == nil && ridgeMetrics.crossValidation == nil)

        let listed = try ModelRegistry(path: path).list()
        #expect(listed.map(\.id) == [record.id, second.id])
        #expect(listed.allSatisfy { $0.model.isEmpty }, "list leaves the model bytes out")
        let shown = try registry.show(id: record.id)
        #expect(shown == record)
        #expect(shown.symbol == "BTCUSDT" && shown.timeframe == "1h" && shown.task == .classification && shown.id.count == 16)
        #expect(shown.labelJSON == #"{"horizon":4,"kind":"forward_return_sign"}"#)
        #expect(shown.parametersJSON.contains(#""model":{"max_depth":2,"num_round":10}"#))
        #expect(shown.featuresJSON == #"[{"name":"mom3","source":"mom3"},{"name":"vol5","source":"vol5"},{"name":"hour","source":"hour"}]"#)
        #expect(shown.dataSHA256 == DataFingerprint.sha256(bars: bars, features: features) && shown.dataSHA256.count == 64)
        #expect(shown.trainingStart == bars.ts[outcome.usableRows[0]] && shown.trainingEnd == bars.ts[bars.count - 1])
        let metrics = try #require(try JSONSerialization.jsonObject(with: Data(shown.metricsJSON.utf8)) as? [String: Any])
        #expect(Set(metrics.keys) == ["cross_validation", "walk_forward", "in_sample", "importance", "calibration"])
        #expect(try shown.metrics() == ModelMetrics(outcome: outcome), "the metrics read back as written")
        #expect(try shown.metrics().calibration?.walkForward?.reduce(0) { $0 + $1.count } == outcome.predictions.indices.filter {
            !outcome.predictions[$0].isNaN && outcome.usableRows.contains($0) }.count, "every scored walk-forward prediction is in one bin")
        let folds = try #require((metrics["cross_validation"] as? [String: Any])?["folds"] as? [[String: Any]])
        #expect(folds.count == 3 && folds[0]["auc"] is Double && folds[0]["log_loss"] is Double)

        #expect(try shown.features().map(\.source) == ["mom3", "vol5", "hour"])
        try shown.checkColumns(of: features)
        #expect(throws: LearningError.self) { try shown.checkColumns(of: FeatureMatrix(timestamps: bars.ts)) }
        let (_, model) = try registry.load(id: record.id)
        let loaded = try model.predictions(for: features), original = try outcome.model.predictions(for: features)
        #expect(loaded.elementsEqual(original) { $0 == $1 || ($0.isNaN && $1.isNaN) }, "the loaded model predicts as the trained one")
        #expect(loaded.filter { $0.isNaN }.count == 5, "no prediction on the warm-up rows, whose features are NaN")
        #expect(loaded.suffix(4).allSatisfy { !$0.isNaN }, "the last bars, without labels, still get predictions")
        #expect(throws: LearningError.unknownModel(id: "nope", path: path)) { try registry.show(id: "nope") }
    }

    /// Read-only (what `crucible ml list | show | predict` open): the models are read, nothing
    /// is written, and a file without a `models` table is refused without getting one.
    @Test func readOnlyReadsAndNeverWrites() throws {
        let (_, bars, features) = try PipelineTests.pipelineInputs()
        let outcome = try ModelTrainer.train(features: features, bars: bars, config: ModelSpec(kind: .ridge, label: .forwardReturn(horizon: 2)))
        let record = try ModelRecord(outcome: outcome, bars: bars, features: features, createdAt: 1)
        let path = Self.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: ((path as NSString).deletingLastPathComponent as NSString).deletingLastPathComponent) }
        try ModelRegistry(path: path).register(record)
        let reader = try ModelRegistry(path: path, readOnly: true)
        #expect(try reader.list().map(\.id) == [record.id])
        #expect(try reader.show(id: record.id) == record)
        #expect(throws: LearningError.self) { try reader.register(record) }

        // An SQLite file of another kind (a run's results.sqlite before any model, say).
        let other = (path as NSString).deletingLastPathComponent + "/other.sqlite"
        let db = try SQLiteConnection<LearningError>(path: other, readOnly: false)
        try db.execute("CREATE TABLE run (id TEXT)")
        do {
            _ = try ModelRegistry(path: other, readOnly: true)
            Issue.record("a file without a models table was opened")
        } catch {
            #expect(error.description.contains(other) && error.description.contains("no models table"), "\(error)")
        }
        var tables: [String] = []
        try db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").query { tables.append($0.text(0)) }
        #expect(tables == ["run"], "opening read-only added no table")
    }

    @Test func sameDataDifferentFeaturesChangeTheFingerprint() throws {
        let (_, bars, features) = try PipelineTests.pipelineInputs()
        var other = FeatureMatrix(timestamps: bars.ts)
        for j in 0..<features.columnCount {
            var column = Array(features.column(j))
            if j == 2 { column[10] += 1 }
            try other.append(name: features.names[j], source: features.sources[j], column)
        }
        #expect(DataFingerprint.sha256(bars: bars, features: features) != DataFingerprint.sha256(bars: bars, features: other))
        #expect(DataFingerprint.sha256(bars: bars, features: features) == DataFingerprint.sha256(bars: bars, features: features))
    }

    @Test func unwritableLocationAndForeignFilesAreReported() throws {
        #expect(throws: LearningError.self) { try ModelRegistry(path: "/proc/crucible-no/models.sqlite") }
        let path = Self.temporaryPath()
        let folder = (path as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: (folder as NSString).deletingLastPathComponent) }
        try Data("timestamp,open,high,low,close,volume\n".utf8).write(to: URL(fileURLWithPath: path))
        do {
            _ = try ModelRegistry(path: path)
            Issue.record("a CSV file was opened as a registry")
        } catch {
            #expect(error.description.contains(path), "\(error.description)")
        }
    }
}
