import Analytics
import Foundation
import Testing
import Optimization
@testable import Experiments
import TestSupport

/// End-to-end runs of the shipped example specs on a short slice of the bundled data.
@Suite struct RunnerTests {
    /// An example spec with the data cut to two months (too short for the examples'
    /// `min_trades`, which is dropped), a smaller budget and output in `folder`.
    static func example(_ file: String, folder: TemporaryFolder, budget: Int? = nil,
                        edit: (inout [String: Any]) -> Void = { _ in }) throws -> (ExperimentSpec, String) {
        let url = Fixtures.root.appendingPathComponent("experiments").appendingPathComponent(file)
        var json = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
        var data = json["data"] as! [String: Any]
        data["start"] = "2023-01-01"
        data["end"] = "2023-03-01"
        json["data"] = data
        json["output"] = ["folder": folder.url.path, "top_k": 3]
        json.removeValue(forKey: "walk_forward")
        var objective = json["objective"] as! [String: Any]
        objective.removeValue(forKey: "min_trades")
        json["objective"] = objective
        if let budget {
            var optimizer = json["optimizer"] as! [String: Any]
            optimizer["budget"] = budget
            if optimizer["initial_points"] != nil { optimizer["initial_points"] = min(budget, 6) }
            json["optimizer"] = optimizer
        }
        edit(&json)
        let text = String(decoding: try JSONSerialization.data(withJSONObject: json, options: [.sortedKeys]), as: UTF8.self)
        let spec = try SpecDecoder.decode(Data(text.utf8), baseDirectory: url.deletingLastPathComponent())
        return (spec, text)
    }

    static func read(_ folder: ResultsFolder, _ file: String) throws -> String {
        try String(contentsOf: folder.url.appendingPathComponent(file), encoding: .utf8)
    }

    @Test func theGridGivesTheSameRankingOnOneAndFourThreads() throws {
        let folder = try TemporaryFolder()
        let (spec, text) = try Self.example("grid_sma_cross.json", folder: folder)
        let one = try ExperimentRunner.run(spec: spec, specText: text,
                                           options: RunOptions(threads: 1, out: folder.path("one")))
        let four = try ExperimentRunner.run(spec: spec, specText: text,
                                            options: RunOptions(threads: 4, out: folder.path("four")))
        // fast ∈ {5, …, 50}, slow ∈ {20, …, 200}: 10 × 19 points, of which fast < slow holds for
        // all but fast ∈ {20…50} against slow ≤ fast: 3 + 4 + 5 + 6 + 7 + 8 + 9 = 42 − 26 = 16 fail.
        #expect(one.trials == 190 - 16 && four.trials == 174)
        #expect(try Self.read(one.folder, "ranked.csv") == Self.read(four.folder, "ranked.csv"))
        #expect(try Self.read(one.folder, "summary.json") == Self.read(four.folder, "summary.json"))
        #expect(try Self.read(one.folder, "spec.json") == text)
        #expect(try folderFiles(one.folder) == ["manifest.json", "ranked.csv", "results.sqlite", "spec.json", "summary.json"])
        let manifest = try JSONValue.parse(Data(Self.read(four.folder, "manifest.json").utf8))
        guard case let .object(m) = manifest else { Issue.record("manifest is not an object"); return }
        #expect(m["threads"] == .integer(4))
        #expect(m["seed"] == .string("42"))
        // The top K (3) keep their curves; the others do not.
        let store = try ResultsStore(path: one.folder.storePath)
        let state = try store.resume(runID: one.runID)
        var ranked: [Int] = []
        try store.rankedTrials(runID: one.runID) { _, trial in ranked.append(trial.id) }
        #expect(state.trialsWithCurves == ranked.prefix(3).sorted())
        // Every trial ran with fast < slow.
        #expect(try store.trials(runID: one.runID).allSatisfy { $0.point["fast"]!.number! < $0.point["slow"]!.number! })
        // The grid's PBO is Analytics' CSCV over the stored daily returns (59 days, 16 blocks).
        let daily = try store.dailyReturns(runID: one.runID)
        #expect(daily.count == 174 && daily.allSatisfy { $0.returns.count == 59 })
        let cscv = try CSCVResult(returnsByStrategy: daily.map(\.returns), blocks: 16)
        let summary = try JSONValue.parse(Data(Self.read(one.folder, "summary.json").utf8))
        guard case let .object(top) = summary, case let .object(statistics)? = top["statistics"] else {
            Issue.record("summary has no statistics")
            return
        }
        #expect(statistics["pbo"]?.doubleValue == cscv.pbo)
        #expect(statistics["pbo_trials"]?.doubleValue == 174)
    }

    private func folderFiles(_ folder: ResultsFolder) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.url.path)
            .filter { !$0.hasPrefix("results.sqlite-") && $0 != ".lock" }.sorted()
    }

    @Test(arguments: ["random_sma_cross.json", "bayesian_sma_cross.json"])
    func aKilledRunResumesWithoutRunningAnyTrialTwice(_ file: String) throws {
        let folder = try TemporaryFolder()
        let (spec, text) = try Self.example(file, folder: folder, budget: 12)
        let whole = try ExperimentRunner.run(spec: spec, specText: text, options: RunOptions(threads: 2, out: folder.path("whole")))
        #expect(whole.completed && whole.trials == 12)

        let cut = try ExperimentRunner.run(spec: spec, specText: text,
                                           options: RunOptions(threads: 2, out: folder.path("cut"), stopAfter: 5))
        #expect(!cut.completed && cut.trials == 5)
        #expect(!FileManager.default.fileExists(atPath: cut.folder.url.appendingPathComponent("ranked.csv").path))
        #expect(throws: RunError.self) {
            try ExperimentRunner.run(spec: spec, specText: text, options: RunOptions(threads: 2, out: folder.path("cut")))
        }
        let resumed = try ExperimentRunner.run(spec: spec, specText: text,
                                               options: RunOptions(threads: 3, out: folder.path("cut"), resume: true))
        #expect(resumed.completed && resumed.trials == 12)
        let trials = try ResultsStore(path: resumed.folder.storePath).trials(runID: resumed.runID)
        #expect(trials.map(\.id) == Array(0..<12))
        if file.hasPrefix("random") {
            // A sequence optimizer resumes exactly: the same ranking as the uninterrupted run.
            #expect(try Self.read(resumed.folder, "ranked.csv") == Self.read(whole.folder, "ranked.csv"))
        } else {
            // The Bayesian model is refitted on the stored trials; its first trials are the same
            // seeded Sobol design.
            let wholeTrials = try ResultsStore(path: whole.folder.storePath).trials(runID: whole.runID)
            #expect(trials.prefix(5).map(\.point) == wholeTrials.prefix(5).map(\.point))
        }
    }

    @Test func aRunFolderInUseIsRefused() throws {
        let folder = try TemporaryFolder()
        let (spec, text) = try Self.example("random_sma_cross.json", folder: folder, budget: 2)
        let run = try ExperimentRunner.run(spec: spec, specText: text, options: RunOptions(threads: 1, out: folder.path("busy")))
        let held = try RunLock(folder: run.folder.url)
        #expect(throws: RunError.self) {
            try ExperimentRunner.run(spec: spec, specText: text, options: RunOptions(threads: 1, out: folder.path("busy"), resume: true))
        }
        withExtendedLifetime(held) {}
    }

    @Test func theSobolExampleRuns() throws {
        let folder = try TemporaryFolder()
        let (spec, text) = try Self.example("sobol_sma_cross.json", folder: folder, budget: 16)
        let outcome = try ExperimentRunner.run(spec: spec, specText: text, options: RunOptions(threads: 2))
        #expect(outcome.completed && outcome.trials == 16)
        #expect(outcome.folder.url.deletingLastPathComponent().lastPathComponent == "sobol_sma_cross")
        let lines = try Self.read(outcome.folder, "ranked.csv").split(separator: "\n")
        #expect(lines.count == 17)
    }
}
