import Foundation
import Learning
import MarketData
import Strategies
import Testing
@testable import Experiments
import TestSupport

/// `ModelPrediction` (what `crucible ml predict` runs): a registered model, restored from the
/// registry with its features rebuilt from the stored expressions, predicts what the trained
/// model predicts on its own matrix, and a logistic model predicts the sigmoid of w·x + b of
/// its stored coefficients on features computed here from their definitions.
@Suite struct ModelPredictionTests {
    static func temporaryRegistry() -> (folder: URL, path: String) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mlpredict-\(UUID().uuidString)")
        return (folder, folder.appendingPathComponent("models.sqlite").path)
    }

    /// Trains `spec`'s model `up`, registers it and loads it back from the registry file.
    static func registered(_ spec: ExperimentSpec, bars: BarSeries, registry: String) throws
        -> (trained: ModelColumns.Trained, record: ModelRecord, model: TrainedModel) {
        let model = try #require(spec.ml?.model(named: "up"))
        let trained = try ModelColumns.train(model, bars: bars, threads: 2)
        let record = try ModelRecord(outcome: trained.outcome, bars: bars, features: trained.features, createdAt: 1)
        try ModelRegistry(path: registry).register(record)
        let loaded = try ModelRegistry(path: registry).load(id: record.id)
        return (trained, loaded.record, loaded.model)
    }

    static func sameValues(_ a: [Double], _ b: [Double]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { (x: Double, y: Double) -> Bool in x.bitPattern == y.bitPattern || (x.isNaN && y.isNaN) }
    }

    @Test func xgboostPredictionsOnTheTrainingDataAreTheTrainedModelsOwn() throws {
        let (folder, registry) = Self.temporaryRegistry()
        defer { try? FileManager.default.removeItem(at: folder) }
        let spec = try MLSpecTests.spec.decode()
        let bars = try ExperimentData.load(spec.data).bars
        let (trained, record, model) = try Self.registered(spec, bars: bars, registry: registry)

        let result = try ModelPrediction.predict(model, record: record, bars: bars)
        // The rebuilt features are the training matrix (NaN where it has NaN).
        #expect(result.features.names == trained.features.names && result.features.sources == trained.features.sources)
        #expect(result.features.timestamps == trained.features.timestamps)
        #expect(Self.sameValues(result.features.values, trained.features.values))
        // The final model object of the training, predicting its own matrix directly.
        let direct = try trained.outcome.model.predictions(for: trained.features)
        #expect(Self.sameValues(result.predictions, direct))
        // ret24 needs 24 earlier bars: the first 24 have no prediction, every later bar has one.
        let warmUpEmpty = result.predictions.prefix(24).allSatisfy { (p: Double) -> Bool in p.isNaN }
        let restPredicted = result.predictions.dropFirst(24).allSatisfy { (p: Double) -> Bool in !p.isNaN }
        #expect(warmUpEmpty && restPredicted)
        #expect(result.predictedCount == bars.count - 24)
        let probabilities = result.predictions.allSatisfy { (p: Double) -> Bool in p.isNaN || (0...1).contains(p) }
        #expect(probabilities, "probabilities of class 1")

        // On bars the model never saw (the months after its training), the same holds.
        let later = try ExperimentData.load(MLSpecTests.spec.with("data.start", "2024-05-01").with("data.end", "2024-06-01").decode().data).bars
        #expect(later.ts.first! > bars.ts.last!)
        let onLater = try ModelPrediction.predict(model, record: record, bars: later)
        let laterMatrix = try spec.ml!.model(named: "up")!.featureMatrix(bars: later)
        #expect(Self.sameValues(onLater.predictions, try trained.outcome.model.predictions(for: laterMatrix)))
    }

    @Test func logisticPredictionsAreTheSigmoidOfTheStoredCoefficients() throws {
        let (folder, registry) = Self.temporaryRegistry()
        defer { try? FileManager.default.removeItem(at: folder) }
        let spec = try MLSpecTests.spec
            .with("ml.models.up.features", ["ret1": "close / prev(close, 1) - 1", "range": "(high - low) / close"])
            .with("ml.models.up.model", ["kind": "logistic", "params": ["l2": 0.01]] as [String: Any])
            .decode()
        let bars = try ExperimentData.load(spec.data).bars
        let (_, record, model) = try Self.registered(spec, bars: bars, registry: registry)
        let result = try ModelPrediction.predict(model, record: record, bars: bars)

        // The coefficients as stored (the registry's JSON bytes), read without Learning.
        let stored = try #require(try JSONSerialization.jsonObject(with: Data(record.model)) as? [String: Any])
        let b = try #require(stored["intercept"] as? Double)
        let w = try #require(stored["weights"] as? [Double])
        #expect(w.count == 2)
        // Columns are ordered by feature name: range, ret1.
        #expect(try record.features().map(\.name) == ["range", "ret1"])
        var checked = 0
        for i in 0..<bars.count {
            guard i >= 1 else { #expect(result.predictions[i].isNaN); continue }
            let range = (bars.high[i] - bars.low[i]) / bars.close[i]
            let ret1 = bars.close[i] / bars.close[i - 1] - 1
            let expected = 1 / (1 + exp(-(b + w[0] * range + w[1] * ret1)))
            #expect(abs(result.predictions[i] - expected) <= 1e-12, "bar \(i)")
            checked += 1
        }
        #expect(checked == bars.count - 1)
    }

    @Test func barsOfAnotherTimeframeAreRefused() throws {
        let (folder, registry) = Self.temporaryRegistry()
        defer { try? FileManager.default.removeItem(at: folder) }
        let spec = try MLSpecTests.spec.decode()
        let bars = try ExperimentData.load(spec.data).bars
        let (_, record, model) = try Self.registered(spec, bars: bars, registry: registry)
        var relabelled = bars
        relabelled.timeframe = .h4
        do {
            _ = try ModelPrediction.predict(model, record: record, bars: relabelled)
            Issue.record("4h bars were accepted by a 1h model")
        } catch {
            #expect(error.description.contains("1h bars, the timeframe model \(record.id) was trained on"), "\(error)")
            #expect(error.description.contains("got 4h bars"))
        }
    }

    @Test func aFeatureReadingAnImportedColumnIsRefusedNamingTheModel() throws {
        let (folder, registry) = Self.temporaryRegistry()
        defer { try? FileManager.default.removeItem(at: folder) }
        let spec = try MLSpecTests.spec.decode()
        let bars = try ExperimentData.load(spec.data).bars
        var (_, record, _) = try Self.registered(spec, bars: bars, registry: registry)
        record.featuresJSON = #"[{"name":"funding","source":"funding"},{"name":"ret24","source":"close / prev(close, 24) - 1"}]"#
        do {
            _ = try ModelPrediction.featureProgram(of: record)
            Issue.record("a feature reading an imported column was rebuilt on bars alone")
        } catch {
            #expect(error.description.hasPrefix("model \(record.id) features: "), "\(error)")
            #expect(error.description.contains("unknown name \"funding\""), "\(error)")
        }
    }
}
