import Foundation
import MarketData
import Simulation

/// Walk-forward optimization: for each fold, search the training window with a fresh inner
/// optimizer, then run the best point on the following test window, and join the test runs.
///
/// Semantics: fold k's optimizer is built with seed `SeedMixer.mix(settings.seed, 100, k)` and
/// asked for `batchSize` points at a time until `trialsPerFold` trials ran or it has nothing
/// left; each batch is evaluated in parallel and observed in proposal order (value =
/// −score, so the optimizer minimizes; a failed evaluation or a NaN score is observed as
/// NaN). The best trial has the highest score (the earliest on a tie). Training windows read
/// only bars before the test window (warm-up included); the test evaluation of the chosen
/// point warms up on the `warmupBars` bars before the test window (training data) and counts
/// only the test bars (`EvaluationWindow`). A position still open at the end of a test window
/// is marked at its last close (no exit fee), and the next fold starts flat from that equity.
/// A fold in which no training trial scores is an error naming the fold. Folds run side by
/// side (each depends only on its windows and seed), each with its share of the threads; the
/// report lists them in order, so results depend on the settings and seed only, never on the
/// thread count. Progress counts folds and weighs them by bar evaluations (`estimatedWork`).
public struct WalkForward<Evaluator: WindowEvaluator>: Sendable {
    public let settings: WalkForwardSettings
    public let space: SearchSpace
    public let evaluator: Evaluator
    /// The objective of a counted run (see `BacktestResult.counted(in:)`), higher is better;
    /// NaN marks an infeasible trial (e.g. too few trades).
    public let score: @Sendable (BacktestResult) -> Double
    /// Builds the inner optimizer of a fold from the space and the fold's seed.
    public let makeOptimizer: @Sendable (SearchSpace, UInt64) throws(OptimizationError) -> any Optimizer

    public init(settings: WalkForwardSettings, space: SearchSpace, evaluator: Evaluator,
                score: @escaping @Sendable (BacktestResult) -> Double,
                makeOptimizer: @escaping @Sendable (SearchSpace, UInt64) throws(OptimizationError) -> any Optimizer) {
        self.settings = settings
        self.space = space
        self.evaluator = evaluator
        self.score = score
        self.makeOptimizer = makeOptimizer
    }

    /// The seed of fold `index`'s optimizer.
    public func foldSeed(_ index: Int) -> UInt64 { SeedMixer.mix(settings.seed, 100, UInt64(index)) }

    /// Runs every fold over `bars` with up to `threads` evaluations at once; `progress` is
    /// planned with every fold's `estimatedWork` and told of each finished batch and fold.
    /// `subBars` (the finer series for the `sub_bars` intrabar path) goes with every window.
    public func run(_ bars: BarSeries, subBars: BarSeries? = nil, threads: Int = ProcessInfo.processInfo.activeProcessorCount,
                    progress: ProgressTally? = nil) throws(ValidationError) -> WalkForwardReport {
        let folds = try WalkForwardWindows.folds(timestamps: bars.ts, timeframe: bars.timeframe, settings: settings)
        progress?.plan(units: folds.count, work: folds.reduce(0) { $0 + estimatedWork($1, bars: bars) })
        let outer = max(1, min(threads, folds.count)), inner = max(1, threads / outer)
        let results = parallelMap(folds.count, threads: outer) { k -> Result<FoldOutcome, ValidationError> in
            do throws(ValidationError) { return .success(try runFold(folds[k], bars: bars, subBars: subBars, threads: inner, progress: progress)) } catch {
                return .failure(error)
            }
        }
        var outcomes: [FoldOutcome] = []
        for result in results { outcomes.append(try result.get()) }
        let stitched = StitchedEquity(folds: outcomes)
        let oos = PerformanceSummary(equity: stitched.equity, periodsPerYear: bars.periodsPerYear)
        return WalkForwardReport(settings: settings, folds: outcomes, stitched: stitched, outOfSample: oos,
                                 efficiency: WalkForwardEfficiency(folds: outcomes, outOfSample: oos),
                                 stability: ParameterStability.all(names: space.names, points: outcomes.map(\.best)))
    }

    /// The bar evaluations fold `fold` plans: `trialsPerFold` runs over its training window and
    /// one over its test window, warm-up bars included.
    public func estimatedWork(_ fold: WalkForwardFold, bars: BarSeries) -> Double {
        let train = EvaluationWindow(series: bars, counted: fold.train, warmup: settings.warmupBars)
        let test = EvaluationWindow(series: bars, counted: fold.test, warmup: settings.warmupBars)
        return Double(settings.trialsPerFold) * Double(train.bars.count) + Double(test.bars.count)
    }

    /// Searches one fold's training window and tests the best point; `progress` hears of each
    /// batch and, at the end, of the fold with the rest of its `estimatedWork`.
    public func runFold(_ fold: WalkForwardFold, bars: BarSeries, subBars: BarSeries? = nil, threads: Int,
                        progress: ProgressTally? = nil) throws(ValidationError) -> FoldOutcome {
        let seed = foldSeed(fold.index)
        let optimizer: any Optimizer
        do { optimizer = try makeOptimizer(space, seed) } catch { throw .optimizer(error) }
        let trainWindow = EvaluationWindow(series: bars, counted: fold.train, warmup: settings.warmupBars, subBars: subBars)
        let evaluator = self.evaluator, score = self.score
        var best: (score: Double, point: TrialPoint, result: BacktestResult)?
        var trials: [ScoredTrial] = []
        var failed = 0
        while trials.count < settings.trialsPerFold {
            let points: [TrialPoint]
            do { points = try optimizer.suggest(count: min(settings.batchSize, settings.trialsPerFold - trials.count)) } catch { throw .optimizer(error) }
            if points.isEmpty { break }
            let outcomes = parallelMap(points.count, threads: threads) { i in
                TrialOutcome(points[i], window: trainWindow, evaluator: evaluator, score: score)
            }
            progress?.add(work: Double(points.count) * Double(trainWindow.bars.count))
            for (point, outcome) in zip(points, outcomes) {
                if case let .violation(error) = outcome { throw error }
                let value: Double
                if case let .scored(s, result) = outcome {
                    value = -s
                    if best == nil || s > best!.score { best = (s, point, result) }
                } else {
                    value = .nan
                    failed += 1
                }
                do { try optimizer.observe(point, value) } catch { throw .optimizer(error) }
                trials.append(ScoredTrial(point: point, score: -value))
            }
        }
        guard let best else {
            throw .evaluation("fold \(fold.index): none of \(trials.count) training trials produced a finite score")
        }
        let testWindow = EvaluationWindow(series: bars, counted: fold.test, warmup: settings.warmupBars, subBars: subBars)
        let test: BacktestResult
        do {
            test = try evaluator.evaluate(best.point, on: testWindow, scenario: .baseline).counted(in: testWindow)
        } catch let error as ValidationError {
            throw error
        } catch {
            throw .evaluation("fold \(fold.index): \(best.point) on the test window: \(error)")
        }
        progress?.add(units: 1, work: estimatedWork(fold, bars: bars) - Double(trials.count) * Double(trainWindow.bars.count))
        let ppy = bars.periodsPerYear
        return FoldOutcome(
            fold: fold, seed: seed, best: best.point, trainScore: best.score, testScore: score(test), trials: trials, failedTrials: failed,
            inSample: PerformanceSummary(equity: best.result.equity, periodsPerYear: ppy, tradeCount: best.result.closedTrades.count),
            trainResult: best.result,
            outOfSample: PerformanceSummary(equity: test.equity, periodsPerYear: ppy, tradeCount: test.closedTrades.count),
            testResult: test)
    }
}

/// One training trial: scored, failed (evaluation error or NaN score) or a contract violation.
enum TrialOutcome: Sendable {
    case scored(Double, BacktestResult)
    case failed
    case violation(ValidationError)

    init<E: WindowEvaluator>(_ point: TrialPoint, window: EvaluationWindow, evaluator: E, score: (BacktestResult) -> Double) {
        let run: BacktestResult
        do { run = try evaluator.evaluate(point, on: window, scenario: .baseline) } catch { self = .failed; return }
        do {
            let counted = try run.counted(in: window)
            let s = score(counted)
            self = s.isFinite ? .scored(s, counted) : .failed
        } catch {
            self = .violation(error)
        }
    }
}
