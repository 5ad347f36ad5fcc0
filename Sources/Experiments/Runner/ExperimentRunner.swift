import Analytics
import Foundation
import MarketData
import Optimization

/// Runs an experiment spec: proposes parameter sets with the spec's optimizer, evaluates them
/// on all threads, commits each batch of finished trials to `results.sqlite` as it completes,
/// keeps equity and trades of the top K, and writes `ranked.csv`, `summary.json`, `spec.json`
/// and `manifest.json` at the end (a spec's `ml` models are trained first, on the loaded data,
/// registered in the store's `models` table and their files written to `ml/<name>/`:
/// `ModelColumns`). After the search the spec's stages run in order: walk-forward
/// (`WalkForwardRun`), Monte Carlo (`MonteCarloRun`) and compare (`CompareRun`).
/// A shard (`RunOptions.shard`) searches only its slice of the trial ids and stops there; the
/// rest runs once the shards are merged (`ShardRun`, `ShardMerge`).
///
/// Semantics (determinism): trial ids follow proposal order; proposals come in batches whose
/// size the spec fixes (the Bayesian optimizer's `batch_size`; the sequence optimizers —
/// grid, random, Sobol — propose independently of results, so they are drawn in chunks of
/// 4,096 points, each evaluated as one vectorized sweep over a shared indicator cache and
/// committed in one transaction, without changing any point); results of a batch are recorded
/// and observed in id order. Only figures are kept per trial; once the search is complete the
/// final top K are re-run for their equity and trades (`TrialLoop.storeTopCurves`). So `ranked.csv` is byte-identical for any thread count. Resuming replays every stored
/// trial into a fresh optimizer (the sequence optimizers then skip them, the Bayesian one refits
/// on them) and hands the ids of trials proposed but never finished out first, so nothing
/// finished runs twice and nothing is lost.
///
/// Refusals: before anything is created the spec is checked against its data by
/// `SpecPreflight` (what `crucible validate` runs too), so a run that cannot start leaves no
/// folder; a search that produced nothing to rank (every trial failed, none met the
/// objective's limits, none traded) ends with `RunError.noResults` and the first failure's
/// reason, its folder kept for inspection.
public enum ExperimentRunner {
    /// Points of a sequence optimizer evaluated (as one sweep on the vectorized engine) and
    /// committed together.
    static let sequenceChunk = 4_096

    /// How many points to ask for at once.
    static func chunk(_ spec: ExperimentSpec, threads: Int) -> Int {
        spec.optimizer.kind == .bayesian ? spec.optimizer.batchSize : max(spec.optimizer.batchSize, sequenceChunk)
    }

    public static func run(spec: ExperimentSpec, specText: String, options: RunOptions,
                           progress: (@Sendable (RunProgress) -> Void)? = nil) throws(RunError) -> RunOutcome {
        let clock = ContinuousClock()
        let started = clock.now
        let startDate = Date()
        try ShardRun.check(spec, slice: options.shard)
        if let slice = options.shard, !ModelColumns.modelsRead(by: spec).isEmpty {
            throw .unsupported("--shard \(slice): a spec whose rules read ml models cannot be sharded yet (the merge does not retrain them); run it on one machine")
        }
        let data: ExperimentData
        do { data = try SpecPreflight.check(spec) } catch { throw .invalid(error) }
        // The models' walk-forward predictions, computed once on the loaded data (`ModelColumns`).
        let (spec, models) = try ModelColumns.attachTrained(spec, bars: data.bars, threads: options.threads)
        let windowEvaluator = spec.walkForward != nil || spec.monteCarlo != nil ? try SpecWindowEvaluator.make(spec) : nil

        let (folder, lock, store, record, existed) = try openRun(spec: spec, specText: specText, data: data,
                                                                 options: options, at: startDate)
        let runID = record.id
        defer { withExtendedLifetime(lock) {} }
        try ModelColumns.record(models, bars: data.bars, in: folder.url, registry: store.path,
                                createdAt: Int64((startDate.timeIntervalSince1970 * 1000).rounded()))

        let total = try budget(spec)
        try ShardRun.open(store: store, runID: runID, slice: options.shard, total: total,
                          specDirectory: options.specDirectory, existed: existed)
        let optimizer = try makeOptimizer(spec, slice: options.shard)
        var loop = TrialLoop(spec: spec, bars: data.bars, store: store, runID: runID, total: total, slice: options.shard ?? .whole)
        if existed { try loop.replay(into: optimizer) }
        let evaluator = TrialEvaluator(spec: spec, bars: data.bars, keepDaily: loop.keepDaily, subBars: data.subBars)
        let chunk = chunk(spec, threads: options.threads)
        while loop.finished < loop.total {
            let points: [TrialPoint]
            do { points = try optimizer.suggest(count: min(chunk, loop.total - loop.finished)) } catch { throw .optimizer(error.description) }
            if points.isEmpty { break }
            let ids = loop.ids(count: points.count)
            let outcomes = evaluator.evaluate(points, ids: ids, seed: spec.seed, threads: options.threads)
            let batch = try loop.commit(outcomes, limit: options.stopAfter.map { $0 - loop.committedNow })
            for trial in batch {
                do { try optimizer.observe(trial.point, observed(trial, spec)) } catch { throw .optimizer(error.description) }
            }
            progress?(loop.progress(elapsed: seconds(clock.now - started)))
            if let limit = options.stopAfter, loop.committedNow >= limit {
                return RunOutcome(folder: folder, runID: runID, trials: loop.finished, completed: false)
            }
        }
        if options.shard != nil {
            try ShardRun.finish(folder: folder, store: store, record: record, specText: specText, threads: options.threads,
                                wallTime: seconds(clock.now - started), started: startDate, resumed: existed)
        } else {
            try conclude(spec: spec, specText: specText, bars: data.bars, folder: folder, store: store, record: record,
                         loop: loop, evaluator: evaluator, windowEvaluator: windowEvaluator, threads: options.threads,
                         started: started, startDate: startDate, resumed: existed, progress: progress)
        }
        return RunOutcome(folder: folder, runID: runID, trials: loop.finished, completed: true)
    }

    /// Everything after the search, from the stored trials: the final top K's curves, the PBO,
    /// the stages (walk-forward, Monte Carlo, compare), `spec.json`, `ranked.csv`,
    /// `summary.json` and `manifest.json`. A run calls it once its search is complete; the
    /// merge of a sharded run (`ShardMerge`) calls it on the merged store, so the statistics
    /// that need every trial and the stages see exactly what a single run's would.
    static func conclude(spec: ExperimentSpec, specText: String, bars: BarSeries, folder: ResultsFolder, store: ResultsStore,
                         record: RunRecord, loop: TrialLoop, evaluator: TrialEvaluator, windowEvaluator: ClosureEvaluator?,
                         threads: Int, started: ContinuousClock.Instant, startDate: Date, resumed: Bool,
                         mergedShards: Int? = nil, prepared: PreparedRanking? = nil,
                         progress: (@Sendable (RunProgress) -> Void)? = nil) throws(RunError) {
        let runID = record.id
        try requireResults(store: store, runID: runID)
        try loop.storeTopCurves(evaluator, top: prepared.map { Array($0.outcome.top.prefix(max(0, spec.output.topK))) })

        var statistics: [(name: String, value: Double?)] = []
        if loop.keepDaily {
            let daily: [(trialID: Int, returns: [Double])]
            do { daily = try store.dailyReturns(runID: runID) } catch { throw .store(error) }
            statistics += Overfitting.statistics(daily) ?? [("pbo", nil)]
        }
        let walkForward = try spec.walkForward.map { wf throws(RunError) in
            try WalkForwardRun.run(spec: spec, walkForward: wf, bars: bars, subBars: evaluator.subBars, evaluator: windowEvaluator!,
                                   threads: threads, store: store, runID: runID, progress: progress)
        }
        statistics += walkForward?.statistics ?? []
        let ranked = try writeRanked(folder: folder, store: store, runID: runID, spec: spec, specText: specText, prepared: prepared)
        var sections: [(name: String, value: JSONText)] = []
        if let fit = try GaussianProcessSummary.section(spec: spec, store: store, runID: runID) {
            sections.append(("gaussian_process", fit))
        }
        if let baseline = try SobolBaseline.section(spec: spec, evaluator: evaluator, store: store, runID: runID,
                                                     count: loop.finished, threads: threads) {
            sections.append(("sobol_baseline", baseline))
        }
        if let monteCarlo = spec.monteCarlo {
            guard let point = walkForward?.lastPoint ?? ranked.top.first(where: { $0.status == .ok })?.point else {
                throw .data("monte_carlo: no trial succeeded, so there is no chosen point to stress")
            }
            sections.append(("monte_carlo", try MonteCarloRun.run(spec: spec, monteCarlo: monteCarlo, point: point, bars: bars, subBars: evaluator.subBars,
                                                                  evaluator: windowEvaluator!, threads: threads,
                                                                  store: store, runID: runID, progress: progress)))
        }
        if let compare = spec.compare {
            let chosen = try chosenReturns(spec: spec, walkForward: walkForward, top: ranked.top, evaluator: evaluator)
            sections.append(("compare", try CompareRun.run(spec: spec, compare: compare, chosen: chosen, bars: bars,
                                                           folder: folder, store: store, runID: runID)))
        }
        try writeSummary(folder: folder, runID: runID, spec: spec, record: record, ranked: ranked, statistics: statistics,
                         sections: sections, threads: threads, wallTime: seconds(ContinuousClock.now - started),
                         started: startDate, resumed: resumed, mergedShards: mergedShards)
    }

    /// The value the optimizer minimizes: the objective (negated when maximizing); NaN for a
    /// trial that failed, broke a limit or has no objective, which the optimizers skip.
    static func observed(_ trial: TrialRecord, _ spec: ExperimentSpec) -> Double {
        guard trial.status == .ok, let value = trial.objective, value.isFinite else { return .nan }
        return spec.objective.direction == .maximize ? -value : value
    }

    /// The number of trials the run aims for: the budget, or for the grid its points that
    /// satisfy the constraints (`OptimizerSpec.plannedTrials`: counted arithmetically, or
    /// streamed with a cap, never materialized).
    static func budget(_ spec: ExperimentSpec) throws(RunError) -> Int {
        do { return try spec.optimizer.plannedTrials(spec.strategy.space) } catch {
            throw .invalid(SpecError([SpecProblem(path: error.path, message: error.message)]))
        }
    }

    /// Refuses a search that produced nothing to rank, with the first failure's reason.
    static func requireResults(store: ResultsStore, runID: String) throws(RunError) {
        let outcomes: TrialOutcomes
        do { outcomes = try store.outcomes(runID: runID) } catch { throw .store(error) }
        let total = outcomes.ok + outcomes.infeasible + outcomes.failed
        guard total > 0 else { throw .noResults("no trial ran") }
        let first = outcomes.firstFailure.map { "; the first failure, trial \($0.id): \($0.error)" } ?? ""
        if outcomes.ok == 0 {
            if outcomes.infeasible == 0 { throw .noResults("every one of the \(total) trials failed\(first)") }
            throw .noResults("no trial met the objective's limits (min_trades, max_drawdown): \(outcomes.infeasible) infeasible, "
                             + "\(outcomes.failed) failed\(first)")
        }
        if outcomes.traded == 0 {
            throw .noResults("no trial traded: none of the \(outcomes.ok) successful trials made a trade on this data")
        }
    }

    /// The run's optimizer; for a shard, the one proposing only its slice (`ShardRun`).
    static func makeOptimizer(_ spec: ExperimentSpec, slice: TrialSlice? = nil) throws(RunError) -> any Optimizer {
        if let slice { return try ShardRun.optimizer(spec, slice: slice) }
        do { return try makeOptimizer(spec, space: spec.strategy.space, seed: spec.seed) } catch { throw .optimizer(error.description) }
    }

    /// The spec's optimizer over `space` with `seed` (walk-forward builds one per fold).
    static func makeOptimizer(_ spec: ExperimentSpec, space: SearchSpace, seed: UInt64) throws(OptimizationError) -> any Optimizer {
        switch spec.optimizer.kind {
        case .grid: return try GridOptimizer(space: space)
        case .random: return RandomOptimizer(space: space, seed: seed)
        case .sobol: return SobolOptimizer(space: space, seed: seed)
        case .bayesian: return try BayesianOptimizer(space: space, seed: seed, settings: spec.optimizer.bayesian ?? BayesianSettings())
        }
    }

    /// The trial's own seed: SplitMix64 of the run's seed and the trial id (recorded per trial;
    /// the built-in strategies and engines draw no random numbers).
    static func trialSeed(_ seed: UInt64, _ id: Int) -> UInt64 { SeedMixer.trial(seed, id) }

    static func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
    }

    /// The run's folder, lock, store and record. A new run gets a fresh folder (never an
    /// existing file or a folder holding anything) named by a unique run id; `--resume`
    /// continues the run stored in `--out`, whatever the folder is called now, after checking
    /// that the spec, the data and the engine version are those it started with. If anything
    /// fails before the first trial, a folder made here is removed again.
    private static func openRun(spec: ExperimentSpec, specText: String, data: ExperimentData, options: RunOptions,
                                at date: Date) throws(RunError)
        -> (folder: ResultsFolder, lock: RunLock, store: ResultsStore, record: RunRecord, existed: Bool) {
        let folder = try openFolder(spec: spec, options: options, at: date)
        do throws(RunError) {
            let lock = try RunLock(folder: folder.url)
            let store: ResultsStore
            do { store = try ResultsStore(path: folder.storePath) } catch { throw RunError.store(error) }
            var runID = folder.url.lastPathComponent
            if options.resume {
                let stored: [String]
                do { stored = try store.runIDs() } catch { throw RunError.store(error) }
                guard stored.count == 1 else {
                    throw RunError.resume("\(folder.storePath): expected one run to resume, found \(stored.count)")
                }
                runID = stored[0]
            }
            let record = RunRecord(id: runID, name: spec.name, specText: specText,
                                   specSHA256: SHA256.hex(Array(specText.utf8)), dataSHA256: data.sha256,
                                   engineVersion: CrucibleVersion.current, seed: spec.seed,
                                   parameterNames: spec.strategy.space.names, metricNames: TrialMetrics.names,
                                   objectiveMetric: spec.objective.metric.rawValue, direction: spec.objective.direction)
            let existed: Bool
            do { existed = try store.open(record) } catch { throw RunError.store(error) }
            return (folder, lock, store, record, existed)
        } catch {
            if !options.resume { try? FileManager.default.removeItem(at: folder.url) }
            throw error
        }
    }

    private static func openFolder(spec: ExperimentSpec, options: RunOptions, at date: Date) throws(RunError) -> ResultsFolder {
        if let out = options.out {
            let url = URL(fileURLWithPath: out)
            if options.resume {
                guard FileManager.default.fileExists(atPath: url.appendingPathComponent("results.sqlite").path) else {
                    throw .resume("\(out): no results.sqlite to resume")
                }
                return ResultsFolder(url: url)
            }
            do { return try ResultsFolder.createFresh(at: url) } catch { throw .output(error.description) }
        }
        if options.resume { throw .resume("--resume needs --out naming the run folder to continue") }
        do { return try ResultsFolder.createNew(root: spec.output.folder, name: spec.name, at: date) } catch {
            throw .output(error.description)
        }
    }

    /// `spec.json` and `ranked.csv` (or the prepared one moved into place); the top trials and
    /// the Sharpe deflation for the summary.
    private static func writeRanked(folder: ResultsFolder, store: ResultsStore, runID: String, spec: ExperimentSpec,
                                    specText: String, prepared: PreparedRanking?) throws(RunError) -> ResultsFolder.RankedOutcome {
        do {
            try folder.writeSpec(specText)
            if let prepared {
                try prepared.install(in: folder)
                return prepared.outcome
            }
            return try folder.writeRanked(from: store, runID: runID, top: max(spec.output.topK, 1))
        } catch let error as ExperimentOutputError {
            throw .output(error.description)
        } catch {
            throw .output(String(describing: error))
        }
    }

    /// The chosen strategy's returns for the compare stage: the walk-forward's stitched
    /// out-of-sample curve, else the best successful trial rerun over the data.
    private static func chosenReturns(spec: ExperimentSpec, walkForward: WalkForwardRun.Outcome?, top: [TrialRecord],
                                      evaluator: TrialEvaluator) throws(RunError) -> ReturnSeries {
        let name = "best_\(spec.strategy.name)"
        if let stitched = walkForward?.stitched {
            return ReturnSeries(name: name, timestamps: stitched.timestamps, equity: stitched.equity)
        }
        guard let best = top.first(where: { $0.status == .ok }) else {
            throw .data("compare: no trial succeeded, so there is no chosen strategy to compare")
        }
        do {
            let result = try evaluator.backtest(best.point.values)
            return ReturnSeries(name: name, timestamps: result.timestamps,
                                returns: BacktestMetrics.returns(result, initialCash: spec.engine.config.initialCash))
        } catch { throw .data("compare: rerunning the best trial: \(error)") }
    }

    private static func writeSummary(folder: ResultsFolder, runID: String, spec: ExperimentSpec, record: RunRecord,
                                     ranked: ResultsFolder.RankedOutcome,
                                     statistics stageStatistics: [(name: String, value: Double?)],
                                     sections: [(name: String, value: JSONText)], threads: Int, wallTime: Double,
                                     started: Date, resumed: Bool, mergedShards: Int?) throws(RunError) {
        do {
            let bestDSR = ranked.deflation.flatMap { d in ranked.top.first?.sharpe.map { $0.deflatedSharpe(trials: d) } }
            let statistics: [(name: String, value: Double?)] = [
                ("expected_max_sharpe_per_period", ranked.deflation?.sharpe),
                ("deflated_sharpe_ratio_of_best", bestDSR),
            ] + stageStatistics
            try folder.writeSummary(ExperimentSummary(run: record, optimizer: spec.optimizer.kind, counts: ranked.counts,
                                                      top: ranked.top, statistics: statistics, sections: sections))
            let formatter = ISO8601DateFormatter()
            try folder.writeManifest(RunManifest(runID: runID, name: spec.name, specSHA256: record.specSHA256,
                                                 dataSHA256: record.dataSHA256, engineVersion: record.engineVersion,
                                                 seed: spec.seed, threads: threads, wallTimeSeconds: wallTime,
                                                 started: formatter.string(from: started), resumed: resumed,
                                                 specFolder: spec.specFolder, data: spec.data.resolvedDescription,
                                                 mergedShards: mergedShards))
        } catch {
            throw .output(error.description)
        }
    }
}
