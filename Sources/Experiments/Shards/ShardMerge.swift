import Foundation
import MarketData
import Optimization

/// Joins the folders of a sharded run (`crucible merge SHARD_DIR... --out DIR`) into one run
/// folder, as if one machine had run the spec.
///
/// Semantics: every folder must hold one complete shard (`ShardRun`) of the same spec bytes,
/// data hash, engine version, shard count N and planned trial count; the N indices must each
/// appear exactly once (the error names what is missing or duplicated). The trials and daily
/// returns are copied into a new `results.sqlite` bit for bit; the merged ids must be every id
/// `0 ..< count`. The spec's data is reloaded (resolved against the spec's folder recorded by
/// the shards) and must hash as the shards' did. Then `ExperimentRunner.conclude` does what a
/// single run does after its search — the top K's curves, the PBO, the deflated Sharpe over all
/// trials, walk-forward, Monte Carlo, compare — so `ranked.csv` and `summary.json` are
/// byte-identical to a single run's of the same spec.
public enum ShardMerge {
    /// Merges `shards` (folder paths, any order) into the new run folder `out`; returns the
    /// merged run and the spec's folder the shards recorded (for resolving its data paths).
    public static func merge(shards: [String], out: String, threads: Int = ProcessInfo.processInfo.activeProcessorCount)
        throws(ShardMergeError) -> (outcome: RunOutcome, specDirectory: URL) {
        let started = ContinuousClock.now
        let startDate = Date()
        let found = try shards.map { path throws(ShardMergeError) in try Found(path) }
        guard let first = found.first else { throw .noShards }
        try checkAgreement(found)
        let spec: ExperimentSpec
        do {
            spec = try SpecDecoder.decode(Data(first.record.specText.utf8),
                                          baseDirectory: URL(fileURLWithPath: first.identity.specDirectory))
        } catch { throw .spec(lines: error.lines(file: "\(first.path)/spec.json")) }
        let windowEvaluator: ClosureEvaluator?
        do {
            windowEvaluator = spec.walkForward != nil || spec.monteCarlo != nil ? try SpecWindowEvaluator.make(spec) : nil
        } catch { throw .run(error) }
        let data: ExperimentData
        do { data = try ExperimentData.load(spec.data) } catch { throw .run(.data(error.description)) }
        guard data.sha256 == first.record.dataSHA256 else { throw .dataChanged(expected: first.record.dataSHA256, found: data.sha256) }

        let url = URL(fileURLWithPath: out)
        guard !FileManager.default.fileExists(atPath: url.appendingPathComponent("results.sqlite").path) else {
            throw .output("\(out) already holds a run; merge into a new folder")
        }
        let folder: ResultsFolder
        do { folder = try ResultsFolder.createFresh(at: url) } catch { throw .output(error.description) }
        let lock: RunLock
        do { lock = try RunLock(folder: url) } catch { throw .run(error) }
        defer { withExtendedLifetime(lock) {} }
        var record = first.record
        record.id = url.lastPathComponent
        let (store, prepared) = try copyWhileRanking(found, record: record, topK: spec.output.topK, into: folder)
        let range = try stored { () throws(StoreError) in try store.trialIDRange(runID: record.id) }
        guard range.min == 0, range.max == range.count - 1 else {
            throw .gaps(count: range.count, lowest: range.min, highest: range.max)
        }

        let loop = TrialLoop(spec: spec, bars: data.bars, store: store, runID: record.id, total: first.identity.total)
        let evaluator = TrialEvaluator(spec: spec, bars: data.bars, keepDaily: loop.keepDaily, subBars: data.subBars)
        do {
            try ExperimentRunner.conclude(spec: spec, specText: record.specText, bars: data.bars, folder: folder, store: store,
                                          record: record, loop: loop, evaluator: evaluator, windowEvaluator: windowEvaluator,
                                          threads: max(1, threads), started: started, startDate: startDate, resumed: false,
                                          mergedShards: found.count, prepared: prepared)
        } catch {
            try? FileManager.default.removeItem(at: prepared.file)
            throw .run(error)
        }
        return (RunOutcome(folder: folder, runID: record.id, trials: range.count, completed: true),
                URL(fileURLWithPath: first.identity.specDirectory))
    }

    /// The merged store, copied on a second thread while this one writes the ranking of all the
    /// shards' trials (`ResultsStore.rankedTrials(across:)`, ranks as in one store) to the
    /// hidden `PreparedRanking` file that `conclude` moves into place (and that a failure
    /// removes).
    private static func copyWhileRanking(_ found: [Found], record: RunRecord, topK: Int, into folder: ResultsFolder)
        throws(ShardMergeError) -> (ResultsStore, PreparedRanking) {
        let shards = found.sorted { $0.identity.slice.index < $1.identity.slice.index }.map { (path: $0.store.path, runID: $0.record.id) }
        let partial = folder.url.appendingPathComponent(PreparedRanking.partialName)
        let sources = found.map { RankingSource(store: $0.store, runID: $0.record.id) }
        let (copied, ranked) = concurrently({ () -> ShardMergeError? in
            do throws(ShardMergeError) { try copy(shards, record: record, into: folder) } catch { return error }
            return nil
        }, while: { () -> Result<ResultsFolder.RankedOutcome, ShardMergeError> in
            do throws(ExperimentOutputError) {
                return .success(try folder.writeRanked(from: sources, top: max(topK, 1), named: PreparedRanking.partialName))
            } catch { return .failure(.output(error.description)) }
        })
        do throws(ShardMergeError) {
            if let copied { throw copied }
            let outcome = try ranked.get()
            let store = try stored { () throws(StoreError) in try ResultsStore(path: folder.storePath) }
            return (store, PreparedRanking(file: partial, outcome: outcome))
        } catch {
            try? FileManager.default.removeItem(at: partial)
            throw error
        }
    }

    /// Copies the run record and every shard's trials (in slice order) into a hidden file
    /// without journal or syncs, which is flushed to disk and renamed to `results.sqlite` once
    /// complete; a failed or killed copy never leaves a `results.sqlite` behind.
    private static func copy(_ shards: [(path: String, runID: String)], record: RunRecord, into folder: ResultsFolder)
        throws(ShardMergeError) {
        let partial = folder.url.appendingPathComponent(".results.sqlite.partial").path
        do throws(ShardMergeError) {
            try stored { () throws(StoreError) in
                let building = try ResultsStore(path: partial, access: .bulkLoad)
                try building.open(record)
                for shard in shards {
                    _ = try building.copyTrials(from: shard.path, source: shard.runID, into: record.id)
                }
            }
            guard let handle = FileHandle(forUpdatingAtPath: partial) else { throw ShardMergeError.output("cannot reopen \(partial)") }
            do {
                try handle.synchronize()
                try handle.close()
            } catch let failure { throw ShardMergeError.output("\(partial): \(failure.localizedDescription)") }
            guard rename(partial, folder.storePath) == 0 else {
                throw ShardMergeError.output("cannot rename \(partial) to \(folder.storePath): \(String(cString: strerror(errno)))")
            }
        } catch {
            try? FileManager.default.removeItem(atPath: partial)
            throw error
        }
    }

    /// One shard folder as found on disk.
    private struct Found {
        let path: String
        let store: ResultsStore
        let record: RunRecord
        let identity: ShardIdentity

        init(_ path: String) throws(ShardMergeError) {
            self.path = path
            let storePath = URL(fileURLWithPath: path).appendingPathComponent("results.sqlite").path
            guard FileManager.default.fileExists(atPath: storePath) else { throw .notAShard(path: path, reason: "no results.sqlite") }
            let store = try ShardMerge.stored { () throws(StoreError) in try ResultsStore(path: storePath, access: .readOnly) }
            let ids = try ShardMerge.stored { () throws(StoreError) in try store.runIDs() }
            guard ids.count == 1, let record = try ShardMerge.stored({ () throws(StoreError) in try store.run(id: ids[0]) }) else {
                throw .notAShard(path: path, reason: "it holds \(ids.count) runs, a shard holds one")
            }
            guard let identity = try ShardMerge.stored({ () throws(StoreError) in try store.shard(runID: record.id) }) else {
                throw .notAShard(path: path, reason: "it holds a whole run (run without --shard)")
            }
            guard identity.complete else {
                let held = try ShardMerge.stored { () throws(StoreError) in try store.trialIDRange(runID: record.id).count }
                throw .incomplete(path: path, slice: identity.slice, stored: held, expected: identity.slice.share(of: identity.total))
            }
            self.store = store
            self.record = record
            self.identity = identity
        }
    }

    /// `body`'s result, a store error reported as the merge's.
    private static func stored<T>(_ body: () throws(StoreError) -> T) throws(ShardMergeError) -> T {
        do { return try body() } catch { throw .run(.store(error)) }
    }

    /// Same spec, data, engine, shard count and trial count everywhere; each index once.
    private static func checkAgreement(_ found: [Found]) throws(ShardMergeError) {
        let first = found[0]
        let fields: [(String, (Found) -> String)] = [
            ("spec (sha256)", { $0.record.specSHA256 }),
            ("data (sha256)", { $0.record.dataSHA256 }),
            ("engine version", { $0.record.engineVersion }),
            ("shard count", { String($0.identity.slice.count) }),
            ("trial count", { String($0.identity.total) }),
        ]
        for shard in found.dropFirst() {
            for (field, value) in fields where value(shard) != value(first) {
                throw .mismatch(field: field, path: shard.path, value: value(shard), reference: first.path,
                                referenceValue: value(first))
            }
        }
        let count = first.identity.slice.count
        var byIndex = [[String]](repeating: [], count: count)
        for shard in found { byIndex[shard.identity.slice.index].append(shard.path) }
        if let index = byIndex.firstIndex(where: { $0.count > 1 }) {
            throw .duplicated(slice: TrialSlice(index: index, count: count)!, paths: byIndex[index])
        }
        let missing = byIndex.indices.filter { byIndex[$0].isEmpty }.map { TrialSlice(index: $0, count: count)! }
        if !missing.isEmpty { throw .missing(slices: missing, of: count) }
    }
}
