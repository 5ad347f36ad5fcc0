import Foundation
import Optimization
import Testing
import TestSupport
@testable import Experiments

/// Sharded runs (`--shard K/N`) merged with `ShardMerge` against the single run of the same
/// spec: the merged `ranked.csv` and `summary.json` must be the single run's bytes.
@Suite struct ShardTests {
    /// A short spec of `file` with a walk-forward (two rolling folds) and a Monte Carlo stage.
    static func spec(_ file: String, folder: TemporaryFolder, budget: Int? = nil,
                     edit: (inout [String: Any]) -> Void = { _ in }) throws -> (ExperimentSpec, String) {
        try RunnerTests.example(file, folder: folder, budget: budget) { json in
            json["walk_forward"] = ["mode": "rolling", "train": "30d", "test": "10d"]
            json["monte_carlo"] = ["methods": ["trade_bootstrap", "block_bootstrap"], "paths": 40, "block_length": 24]
            json["optimizer"] = (json["optimizer"] as! [String: Any]).filter { $0.key != "batch_size" }
            var engine = json["engine"] as! [String: Any]
            engine["kind"] = "vectorized"  // the stages run on the vectorized engine only
            json["engine"] = engine
            edit(&json)
        }
    }

    /// The shipped specs' folder, against which their data paths resolve.
    static let specDirectory = Fixtures.root.appendingPathComponent("experiments").path

    /// Options for shard `slice` of a run into `out`.
    static func options(_ out: String, _ slice: TrialSlice?, resume: Bool = false, stopAfter: Int? = nil) -> RunOptions {
        RunOptions(threads: 2, out: out, resume: resume, stopAfter: stopAfter, shard: slice, specDirectory: specDirectory)
    }

    /// Runs the N shards of `spec` into `<folder>/<tag>-K` and returns their folders.
    static func shards(_ spec: ExperimentSpec, _ text: String, count: Int, folder: TemporaryFolder,
                       tag: String) throws -> [String] {
        try (0..<count).map { k in
            let out = folder.path("\(tag)-\(k)")
            let outcome = try ExperimentRunner.run(spec: spec, specText: text,
                                                   options: Self.options(out, TrialSlice(index: k, count: count)))
            #expect(outcome.completed)
            #expect(!FileManager.default.fileExists(atPath: out + "/ranked.csv"), "a shard writes no ranked output")
            return out
        }
    }

    static func read(_ path: String, _ file: String) throws -> Data {
        try Data(contentsOf: URL(fileURLWithPath: path).appendingPathComponent(file))
    }

    @Test(arguments: [("grid_sma_cross.json", nil), ("random_sma_cross.json", 24), ("sobol_sma_cross.json", 24)] as [(String, Int?)])
    func mergedShardsGiveTheSingleRunsBytes(file: String, budget: Int?) throws {
        let folder = try TemporaryFolder()
        let (spec, text) = try Self.spec(file, folder: folder, budget: budget)
        let single = try ExperimentRunner.run(spec: spec, specText: text, options: RunOptions(threads: 2, out: folder.path("single")))
        let ranked = try Self.read(single.folder.url.path, "ranked.csv")
        let summary = try Self.read(single.folder.url.path, "summary.json")
        let summaryText = String(decoding: summary, as: UTF8.self)
        #expect(summaryText.contains("\"walk_forward\"") || summaryText.contains("walk_forward_"), "the walk-forward ran")
        #expect(summaryText.contains("\"monte_carlo\""), "the Monte Carlo stage ran")
        for count in [1, 3, 7] {
            let parts = try Self.shards(spec, text, count: count, folder: folder, tag: "n\(count)")
            let merged = try ShardMerge.merge(shards: parts.reversed(), out: folder.path("merged-\(count)"), threads: 2)
            #expect(merged.outcome.trials == single.trials)
            #expect(try Self.read(merged.outcome.folder.url.path, "ranked.csv") == ranked, "ranked.csv of \(count) shards")
            #expect(try Self.read(merged.outcome.folder.url.path, "summary.json") == summary, "summary.json of \(count) shards")
            let files = try FileManager.default.contentsOfDirectory(atPath: merged.outcome.folder.url.path).sorted()
            #expect(files == (try FileManager.default.contentsOfDirectory(atPath: single.folder.url.path).sorted()),
                    "the merge leaves the single run's files, no partial ones")
        }
    }

    @Test func aMergeThatFindsNoResultLeavesNoRankedFile() throws {
        let folder = try TemporaryFolder()
        let (spec, text) = try Self.spec("grid_sma_cross.json", folder: folder) { json in
            var objective = json["objective"] as! [String: Any]
            objective["min_trades"] = 1_000_000
            json["objective"] = objective
        }
        let parts = try Self.shards(spec, text, count: 3, folder: folder, tag: "none")
        let out = folder.path("merged")
        #expect {
            _ = try ShardMerge.merge(shards: parts, out: out, threads: 2)
        } throws: { error in
            "\(error)".contains("no trial met the objective's limits")
        }
        let files = try FileManager.default.contentsOfDirectory(atPath: out)
        #expect(!files.contains("ranked.csv") && !files.contains(PreparedRanking.partialName), "\(files)")
    }

    @Test func aKilledShardIsRefusedByTheMergeThenResumed() throws {
        let folder = try TemporaryFolder()
        let (spec, text) = try RunnerTests.example("grid_sma_cross.json", folder: folder)
        let single = try ExperimentRunner.run(spec: spec, specText: text, options: RunOptions(threads: 2, out: folder.path("single")))
        let slice = TrialSlice(index: 1, count: 3)!
        var parts = try Self.shards(spec, text, count: 3, folder: folder, tag: "s")
        parts[1] = folder.path("killed")
        let stopped = try ExperimentRunner.run(spec: spec, specText: text,
                                               options: Self.options(parts[1], slice, stopAfter: 20))
        #expect(!stopped.completed && stopped.trials == 20)
        #expect(throws: ShardMergeError.self) { try ShardMerge.merge(shards: parts, out: folder.path("early")) }
        do {
            _ = try ShardMerge.merge(shards: parts, out: folder.path("early2"))
        } catch {
            #expect(error.description.contains("killed: shard 1/3 is incomplete (20 of 58 trials)"))
        }
        // Resuming with another slice, or as a whole run, is refused; with its own slice it finishes.
        for other in [TrialSlice(index: 2, count: 3), nil] {
            #expect(throws: RunError.self) {
                try ExperimentRunner.run(spec: spec, specText: text, options: Self.options(parts[1], other, resume: true))
            }
        }
        let resumed = try ExperimentRunner.run(spec: spec, specText: text,
                                               options: Self.options(parts[1], slice, resume: true))
        #expect(resumed.completed && resumed.trials == 58)
        let merged = try ShardMerge.merge(shards: parts, out: folder.path("merged"), threads: 2)
        #expect(try Self.read(merged.outcome.folder.url.path, "ranked.csv") == Self.read(single.folder.url.path, "ranked.csv"))
        // Every id once: 174 trials, 0…173, each stored with its own seed (the single run's).
        let store = try ResultsStore(path: merged.outcome.folder.storePath)
        let ids = try store.trials(runID: merged.outcome.runID).map(\.id)
        #expect(ids == Array(0..<174))
    }

    /// Every file of `folder` (name and bytes).
    static func contents(_ folder: String) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder) {
            files[name] = try Self.read(folder, name)
        }
        return files
    }

    @Test func theMergeReadsShardsWithoutChangingThem() throws {
        let folder = try TemporaryFolder()
        let (spec, text) = try RunnerTests.example("grid_sma_cross.json", folder: folder, edit: Self.small)
        let parts = try Self.shards(spec, text, count: 3, folder: folder, tag: "s")
        let before = try parts.map(Self.contents)
        let merged = try ShardMerge.merge(shards: parts, out: folder.path("merged"))
        // Every file a shard had is unchanged (SQLite's WAL readers may add the empty `-wal` and
        // the `-shm` index beside the store; they hold no data).
        let after = try parts.map(Self.contents)
        #expect(zip(before, after).map { old, new in new.filter { old[$0.key] != nil } } == before)
        let left = try FileManager.default.contentsOfDirectory(atPath: merged.outcome.folder.url.path)
        #expect(!left.contains(".results.sqlite.partial"))
        #expect(left.contains("results.sqlite"))
    }

    @Test func missingDuplicatedForeignAndWholeFoldersAreNamed() throws {
        let folder = try TemporaryFolder()
        let (spec, text) = try RunnerTests.example("grid_sma_cross.json", folder: folder, edit: Self.small)
        let parts = try Self.shards(spec, text, count: 3, folder: folder, tag: "s")
        func failure(_ shards: [String]) -> String {
            let out = folder.path("m-\(UUID().uuidString)")
            do {
                _ = try ShardMerge.merge(shards: shards, out: out)
                return "merged"
            } catch {
                let left = (try? FileManager.default.contentsOfDirectory(atPath: out)) ?? []
                #expect(left.filter { $0.contains("results.sqlite") } == [], "a failed merge leaves no store behind")
                return error.description
            }
        }
        #expect(failure([parts[0], parts[2]]) == "missing shard 1/3 of 3")
        #expect(failure(parts + [parts[1]]) == "shard 1/3 given twice: \(parts[1]) and \(parts[1])")
        // A shard of another spec (another seed): named with the field that differs.
        let (other, otherText) = try RunnerTests.example("grid_sma_cross.json", folder: folder) { json in
            Self.small(&json)
            json["seed"] = 43
        }
        let foreign = folder.path("foreign")
        _ = try ExperimentRunner.run(spec: other, specText: otherText,
                                     options: Self.options(foreign, TrialSlice(index: 1, count: 3)))
        let message = failure([parts[0], foreign, parts[2]])
        #expect(message.hasPrefix("\(foreign): ran a different spec (sha256)"))
        #expect(message.contains("from \(parts[0])"))
        // Shards of another count, a whole run and a folder with no store.
        let four = folder.path("four")
        _ = try ExperimentRunner.run(spec: spec, specText: text, options: Self.options(four, TrialSlice(index: 3, count: 4)))
        #expect(failure(parts + [four]).hasPrefix("\(four): ran a different shard count (4)"))
        let whole = folder.path("whole")
        _ = try ExperimentRunner.run(spec: spec, specText: text, options: RunOptions(threads: 2, out: whole))
        #expect(failure([whole]) == "\(whole): not a shard folder: it holds a whole run (run without --shard)")
        #expect(failure([folder.path("nowhere")]) == "\(folder.path("nowhere")): not a shard folder: no results.sqlite")
        // Merging into a folder that already holds a run is refused.
        _ = try ShardMerge.merge(shards: parts, out: folder.path("done"))
        do {
            _ = try ShardMerge.merge(shards: parts, out: folder.path("done"))
            Issue.record("merged into a folder holding a run")
        } catch {
            #expect(error.description == "\(folder.path("done")) already holds a run; merge into a new folder")
        }
    }

    @Test func aBayesianSearchIsNotSharded() throws {
        let folder = try TemporaryFolder()
        let (spec, text) = try RunnerTests.example("bayesian_sma_cross.json", folder: folder, budget: 8)
        do {
            _ = try ExperimentRunner.run(spec: spec, specText: text,
                                         options: RunOptions(out: folder.path("bo"), shard: TrialSlice(index: 0, count: 2)))
            Issue.record("a Bayesian shard ran")
        } catch {
            #expect(error.description.hasPrefix("--shard 0/2: a Bayesian search cannot be sharded"))
        }
        #expect(!FileManager.default.fileExists(atPath: folder.path("bo")), "refused before any work")
    }

    /// A smaller grid (fast 5…20 against slow 30…60: 16 points) for the refusal tests.
    static func small(_ json: inout [String: Any]) {
        var strategy = json["strategy"] as! [String: Any]
        strategy["parameters"] = ["fast": ["min": 5, "max": 20, "step": 5], "slow": ["min": 30, "max": 60, "step": 10]]
        json["strategy"] = strategy
    }
}

/// `TrialSlice`'s arithmetic against the definition (filtering the ids one by one).
@Suite struct TrialSliceTests {
    @Test func sharesAndIdsMatchTheDefinition() {
        for count in 1...9 {
            for index in 0..<count {
                let slice = TrialSlice(index: index, count: count)!
                for total in [0, 1, 2, 7, 8, 9, 100, 101] {
                    let owned = (0..<total).filter { $0 % count == index }
                    #expect(slice.share(of: total) == owned.count)
                    #expect(owned.indices.map(slice.globalID) == owned)
                    #expect(owned.map(slice.localID) == Array(owned.indices))
                }
            }
        }
        #expect(TrialSlice(index: 3, count: 3) == nil && TrialSlice(index: -1, count: 3) == nil && TrialSlice(index: 0, count: 0) == nil)
    }

    @Test func aSlicedStreamIsTheWholeStreamsPointsAtItsIds() throws {
        let space = try SearchSpace([Parameter("a", .intRange(lower: 1, upper: 40)),
                                     Parameter("b", .doubleRange(lower: 0, upper: 1))])
        let whole = RandomSequence(space: space, seed: 9)
        let all = (0..<60).compactMap { _ in whole.next() }
        for count in [1, 3, 7] {
            for index in 0..<count {
                let sliced = SlicedSequence(RandomSequence(space: space, seed: 9), slice: TrialSlice(index: index, count: count)!)
                var got: [[ParameterValue]] = []
                while got.count < 60, let values = sliced.next() { got.append(values) }
                let expected = all.indices.filter { $0 % count == index }.map { all[$0] }
                #expect(Array(got.prefix(expected.count)) == expected)
            }
        }
    }
}
