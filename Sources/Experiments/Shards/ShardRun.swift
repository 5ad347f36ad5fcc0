import Foundation
import MarketData
import Optimization

/// A shard's side of a sweep spread over several machines (`crucible run --shard K/N`).
///
/// Semantics: shard `K/N` evaluates the trial ids `id % N == K` of a grid, random or Sobol
/// search (`TrialSlice`): the points, ids and per-trial seeds are exactly those the whole run
/// gives those ids, so the union of the N shards' stores is the whole run's store. Its folder
/// holds `results.sqlite` (the run, its trials, the daily returns kept for the PBO and a
/// `shard` row: `K`, `N`, the whole run's trial count, the spec's folder, complete or not),
/// `spec.json` and `manifest.json` (with a `shard` member), and no ranked output: the
/// statistics that need every trial (deflated Sharpe over the number of trials, PBO), the
/// final top K's curves and the walk-forward, Monte Carlo and compare stages all run in the
/// merge (`ShardMerge`), which calls the runner's own `conclude` on the merged store. So the
/// merged `ranked.csv` and `summary.json` are byte-identical to a single run's: the stages
/// are computed once, by the same code, on the same trials. `--resume` continues a shard
/// within its slice.
///
/// A Bayesian search is refused: its proposals depend on every earlier result, so there is no
/// fixed slice of ids a shard could evaluate without the others' results.
enum ShardRun {
    /// Refuses a slice of a Bayesian search.
    static func check(_ spec: ExperimentSpec, slice: TrialSlice?) throws(RunError) {
        guard let slice, spec.optimizer.kind == .bayesian else { return }
        throw refusal(slice)
    }

    private static func refusal(_ slice: TrialSlice) -> RunError {
        .unsupported("""
            --shard \(slice): a Bayesian search cannot be sharded: each batch of proposals depends on the results of \
            every earlier trial, so no shard can know its points without the others'. Run it on one machine, or \
            shard a grid, random or Sobol search
            """)
    }

    /// The spec's sequence optimizer proposing only `slice`'s points.
    static func optimizer(_ spec: ExperimentSpec, slice: TrialSlice) throws(RunError) -> any Optimizer {
        let space = spec.strategy.space
        let source: any PointSequence
        switch spec.optimizer.kind {
        case .grid:
            do { source = GridSequence(try ParameterGrid(space)) } catch { throw .optimizer(error.description) }
        case .random: source = RandomSequence(space: space, seed: spec.seed)
        case .sobol: source = SobolPointSequence(space: space, seed: spec.seed)
        case .bayesian: throw refusal(slice)
        }
        return SlicedOptimizer(slicing: source, slice: slice)
    }

    /// Records a new shard's identity; resuming, checks that the folder holds the same shard
    /// (or, without `--shard`, no shard at all) planned for the same number of trials.
    static func open(store: ResultsStore, runID: String, slice: TrialSlice?, total: Int, specDirectory: String?,
                     existed: Bool) throws(RunError) {
        if existed {
            let stored: ShardIdentity?
            do { stored = try store.shard(runID: runID) } catch { throw .store(error) }
            guard stored?.slice == slice else {
                let held = stored.map { "shard \($0.slice) of a sharded run" } ?? "a whole run"
                let flag = stored.map { "with --shard \($0.slice)" } ?? "without --shard"
                throw .resume("\(store.path) holds \(held), not \(slice.map { "shard \($0)" } ?? "a whole run"); resume it \(flag)")
            }
            if let stored, stored.total != total {
                throw .resume("\(store.path): shard \(stored.slice) was planned for \(stored.total) trials, the spec now gives \(total)")
            }
            return
        }
        guard let slice else { return }
        let directory = specDirectory ?? FileManager.default.currentDirectoryPath
        do {
            try store.record(runID: runID, shard: ShardIdentity(slice: slice, total: total, specDirectory: directory, complete: false))
        } catch { throw .store(error) }
    }

    /// Marks the shard complete and writes `spec.json` and `manifest.json`.
    static func finish(folder: ResultsFolder, store: ResultsStore, record: RunRecord, specText: String, threads: Int,
                       wallTime: Double, started: Date, resumed: Bool) throws(RunError) {
        var identity: ShardIdentity
        do throws(StoreError) {
            guard let stored = try store.shard(runID: record.id) else { throw .unknownRun(path: store.path, run: record.id) }
            identity = stored
            identity.complete = true
            try store.record(runID: record.id, shard: identity)
        } catch { throw .store(error) }
        do {
            try folder.writeSpec(specText)
            try folder.writeManifest(RunManifest(runID: record.id, name: record.name, specSHA256: record.specSHA256,
                                                 dataSHA256: record.dataSHA256, engineVersion: record.engineVersion,
                                                 seed: record.seed, threads: threads, wallTimeSeconds: wallTime,
                                                 started: ISO8601DateFormatter().string(from: started), resumed: resumed,
                                                 shard: identity))
        } catch { throw .output(error.description) }
    }
}
