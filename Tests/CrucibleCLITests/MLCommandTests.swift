import Experiments
import Foundation
import Learning
import MarketData
import Strategies
import Testing
import TestSupport

/// `crucible ml train | list | show | predict`: the files train writes, the registry it fills,
/// the predictions of a registered model, and the refusals.
@Suite struct MLCommandTests {
    static func spec(retrain: Bool = true) -> [String: Any] {
        var model: [String: Any] = [
            "features": ["ret24": "close / prev(close, 24) - 1", "hour": "hour()"],
            "label": ["kind": "forward_return_sign", "horizon": 24] as [String: Any],
            "model": ["kind": "xgboost", "params": ["max_depth": 3, "eta": 0.1, "num_round": 20, "seed": 7] as [String: Any]] as [String: Any],
            "validation": ["kind": "purged_kfold", "folds": 3, "embargo": 24] as [String: Any],
        ]
        if retrain { model["retrain"] = ["train": "60d", "test": "10d"] }
        return [
            "name": "mltrain",
            "seed": 1,
            "data": ["file": Fixtures.dataset("btcusdt_1h.csv").path, "start": "2024-01-01", "end": "2024-05-01"],
            "ml": ["models": ["up": model]],
            "strategy": ["name": "sma_cross"],
            "engine": ["kind": "vectorized", "cash": 10_000],
            "objective": ["metric": "sharpe_ratio", "direction": "maximize"],
            "optimizer": ["kind": "grid"],
        ]
    }

    static func write(_ json: [String: Any], in folder: URL) throws -> URL {
        let url = folder.appendingPathComponent("spec.json")
        try JSONSerialization.data(withJSONObject: json, options: [.sortedKeys]).write(to: url)
        return url
    }

    @Test func trainWritesTheFilesAndRegistersTheModel() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let specURL = try Self.write(Self.spec(), in: folder)
        let out = folder.appendingPathComponent("out"), registry = folder.appendingPathComponent("models.sqlite").path
        let result = try CLI.run(["ml", "train", specURL.path, "--out", out.path, "--registry", registry, "--threads", "2"])
        #expect(result.status == 0, "\(result.stderr)")

        let cv = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("cv.json"))) as? [String: Any])
        let id = try #require(cv["model_id"] as? String)
        #expect(id.count == 16)
        #expect(cv["model"] as? String == "up" && cv["kind"] as? String == "xgboost" && cv["task"] as? String == "classification")
        let crossValidation = try #require(cv["cross_validation"] as? [String: Any])
        #expect((crossValidation["folds"] as? [Any])?.count == 3)
        #expect((crossValidation["overall"] as? [String: Any])?["auc"] is Double)
        let walkForward = try #require(cv["walk_forward"] as? [String: Any])
        // 2,904 bars (Jan–Apr 2024), 1,440 training bars, windows of 240: ceil(1,464 / 240) = 7.
        #expect((walkForward["folds"] as? [Any])?.count == 7)
        #expect(walkForward["train_bars"] as? Int == 1_440 && walkForward["test_bars"] as? Int == 240)
        #expect(cv["in_sample"] is [String: Any])
        #expect(result.stdout.contains("registered as \(id)"))

        // predictions.csv is the column model("up") reads in a run: the same rows, the same numbers.
        let lines = try String(contentsOf: out.appendingPathComponent("predictions.csv"), encoding: .utf8).split(separator: "\n")
        #expect(lines.first == "timestamp,prediction")
        let rows = lines.dropFirst().map { $0.split(separator: ",") }
        let spec = try SpecDecoder.decode(contentsOf: specURL)
        let bars = try ExperimentData.load(spec.data).bars
        var withRules = spec
        withRules.strategy.rules = try RuleSet(longEntry: "model(\"up\") > 0.5")
            .compile(parameters: [], columns: [RuleProgram.modelColumn("up")])
        let column = try ModelColumns.attach(withRules, bars: bars, threads: 1).strategy.imported[0]
        let expected = zip(column.timestamps, column.values).filter { !$0.1.isNaN }
        #expect(rows.count == expected.count && rows.count > 0)
        #expect(zip(rows, expected).allSatisfy { row, e in Int64(row[0]) == e.0 && Double(row[1]) == e.1 })
        #expect((cv["rows"] as? [String: Any])?["out_of_sample_predictions"] as? Int == expected.count)
        #expect(Int64(rows[0][0])! == bars.ts[1_440], "the first prediction is the first bar after the first training window")

        let importance = try String(contentsOf: out.appendingPathComponent("importance.csv"), encoding: .utf8).split(separator: "\n")
        #expect(importance.first == "feature,gain,total_gain,splits")
        #expect(Set(importance.dropFirst().map { String($0.split(separator: ",")[0]) }) == ["hour", "ret24"])

        let list = try CLI.run(["ml", "list", "--registry", registry])
        #expect(list.status == 0)
        #expect(list.stdout.split(separator: "\n").count == 2)
        #expect(list.stdout.contains("\(id)\tBTCUSDT\t1h\txgboost\tclassification"), "\(list.stdout)")
        let show = try CLI.run(["ml", "show", id, "--registry", registry])
        #expect(show.status == 0)
        #expect(show.stdout.contains("model_id: \(id)") && show.stdout.contains("\"horizon\":24"))

        // The folder now holds files: a second train into it is refused.
        let again = try CLI.run(["ml", "train", specURL.path, "--out", out.path, "--registry", registry])
        #expect(again.status != 0 && again.stderr.contains("not empty"))
    }

    /// `ml predict` on bars the model never saw (May 2024; it trained on January–April) writes
    /// what the trained model predicts on the features of those bars, and nothing for the
    /// warm-up bars.
    @Test func predictWritesTheRegisteredModelsPredictions() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let specURL = try Self.write(Self.spec(), in: folder)
        let registry = folder.appendingPathComponent("models.sqlite").path
        let train = try CLI.run(["ml", "train", specURL.path, "--out", folder.appendingPathComponent("out").path, "--registry", registry])
        #expect(train.status == 0, "\(train.stderr)")
        let cv = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("out/cv.json"))) as? [String: Any])
        let id = try #require(cv["model_id"] as? String)

        // May 2024 of the dataset as its own bars file.
        let start: Int64 = 1_714_521_600_000, end: Int64 = 1_717_200_000_000   // 2024-05-01, 2024-06-01 UTC
        let all = try String(contentsOf: Fixtures.dataset("btcusdt_1h.csv"), encoding: .utf8).split(separator: "\n")
        let may = all.dropFirst().filter { line in Int64(line.prefix { $0 != "," }).map { $0 >= start && $0 < end } ?? false }
        #expect(may.count == 31 * 24)
        let data = folder.appendingPathComponent("btcusdt_1h.csv")
        try ([String(all[0])] + may.map(String.init)).joined(separator: "\n").appending("\n").write(to: data, atomically: true, encoding: .utf8)
        let out = folder.appendingPathComponent("pred.csv")
        let predict = try CLI.run(["ml", "predict", id, "--data", data.path, "--out", out.path, "--registry", registry])
        #expect(predict.status == 0, "\(predict.stderr)")
        #expect(predict.stdout.contains("720 predictions, 24 bars without one"), "\(predict.stdout)")

        // The same training in process; its final model predicts May's features directly.
        let spec = try SpecDecoder.decode(contentsOf: specURL)
        let model = try #require(spec.ml?.model(named: "up"))
        let trained = try ModelColumns.train(model, bars: try ExperimentData.load(spec.data).bars, threads: 1)
        let bars = try CSVBarReader.read(path: data.path)
        let expected = try trained.outcome.model.predictions(for: try model.featureMatrix(bars: bars))
        let lines = try String(contentsOf: out, encoding: .utf8).split(separator: "\n")
        #expect(lines.first == "timestamp,prediction")
        let rows = lines.dropFirst().map { $0.split(separator: ",") }
        let want = zip(bars.ts, expected).filter { !$0.1.isNaN }
        #expect(rows.count == 720 && want.count == 720)
        #expect(zip(rows, want).allSatisfy { row, e in Int64(row[0]) == e.0 && Double(row[1]) == e.1 })
        #expect(Int64(rows[0][0]) == bars.ts[24], "ret24 needs 24 earlier bars")

        // Errors name the model id, the registry and the file.
        let unknown = try CLI.run(["ml", "predict", "0123456789abcdef", "--data", data.path, "--out", out.path, "--registry", registry])
        #expect(unknown.status != 0 && unknown.stderr.contains("no model '0123456789abcdef' in registry \(registry)"), "\(unknown.stderr)")
        let missing = folder.appendingPathComponent("none.csv").path
        let noData = try CLI.run(["ml", "predict", id, "--data", missing, "--out", out.path, "--registry", registry])
        #expect(noData.status != 0 && noData.stderr.contains(missing), "\(noData.stderr)")
        let daily = try CLI.run(["ml", "predict", id, "--data", Fixtures.dataset("btcusdt_1d.csv").path, "--out", out.path, "--registry", registry])
        #expect(daily.status != 0 && daily.stderr.contains("model \(id)") && daily.stderr.contains("got 1d bars"), "\(daily.stderr)")
        #expect(daily.stderr.contains("btcusdt_1d.csv"))
    }

    @Test func withoutRetrainThereAreNoOutOfSamplePredictions() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let specURL = try Self.write(Self.spec(retrain: false), in: folder)
        let out = folder.appendingPathComponent("out")
        let result = try CLI.run(["ml", "train", specURL.path, "--out", out.path, "--registry", folder.appendingPathComponent("r.sqlite").path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try String(contentsOf: out.appendingPathComponent("predictions.csv"), encoding: .utf8) == "timestamp,prediction\n")
        #expect(result.stdout.contains("no retrain: predictions.csv has no rows"))
    }

    @Test func refusals() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let missing = folder.appendingPathComponent("none.sqlite").path
        let list = try CLI.run(["ml", "list", "--registry", missing])
        #expect(list.status != 0 && list.stderr.contains("no model registry"))
        #expect(!FileManager.default.fileExists(atPath: missing))
        var noML = Self.spec()
        noML["ml"] = nil
        let specURL = try Self.write(noML, in: folder)
        let train = try CLI.run(["ml", "train", specURL.path, "--out", folder.appendingPathComponent("o").path])
        #expect(train.status != 0 && train.stderr.contains("no ml section"))
        let bad = try Self.write(Self.spec().merging(["ml": ["models": ["up": ["features": [:] as [String: Any]]]]]) { $1 }, in: folder)
        let invalid = try CLI.run(["ml", "train", bad.path, "--out", folder.appendingPathComponent("o").path])
        #expect(invalid.status != 0 && invalid.stderr.contains("ml.models.up.features: expected at least one feature"))
    }
}
