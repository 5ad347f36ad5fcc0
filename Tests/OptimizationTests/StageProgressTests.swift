import Foundation
import MarketData
@testable import Optimization
import Simulation
import Testing

/// Progress of walk-forward and Monte Carlo: units counted, work weighed by bar evaluations, so
/// an ETA from the finished share follows what the stage really costs.
@Suite struct StageProgressTests {
    typealias V = Validation

    /// Every state a tally reported, in order.
    final class Recorder: @unchecked Sendable {
        private let lock = NSLock()
        private var states: [StageProgress] = []
        func record(_ p: StageProgress) { lock.lock(); states.append(p); lock.unlock() }
        var all: [StageProgress] { lock.lock(); defer { lock.unlock() }; return states }
    }

    @Test func anchoredFoldsWeighTheirGrowingTrainingWindows() throws {
        // 120 bars, anchored: training 0..<40, 0..<60, 0..<80, 0..<100 (+ no warm-up before bar 0),
        // tests of 20 bars warmed up on 10; six trials (the whole grid) per fold.
        let bars = V.wave(120)
        let settings = WalkForwardSettings(train: .bars(40), test: .bars(20), anchoring: .anchored, warmupBars: 10,
                                           trialsPerFold: 6, batchSize: 4, seed: 3)
        let wf = WalkForward(settings: settings, space: V.momentumSpace, evaluator: V.momentumEvaluator(),
                             score: { $0.metrics.finalEquity }, makeOptimizer: { space, _ throws(OptimizationError) in
                                 try GridOptimizer(space: space)
                             })
        let recorder = Recorder()
        let report = try wf.run(bars, threads: 2, progress: ProgressTally(recorder.record))
        let states = recorder.all
        #expect(report.folds.count == 4)
        // Planned: 6 × training bars + (10 + 20) test bars per fold.
        let planned = [40, 60, 80, 100].reduce(0.0) { $0 + 6 * Double($1) + 30 }
        #expect(states.first?.total == 4 && states.first?.workTotal == planned)
        #expect(states.last?.done == 4 && states.last?.workDone == planned && states.last?.fraction == 1)
        // Never backwards, whichever thread reported.
        #expect(zip(states, states.dropFirst()).allSatisfy { $0.done <= $1.done && $0.workDone <= $1.workDone })
        // Each fold reports its two batches (4 + 2 trials) and then itself: 4 × 3 updates after the plan.
        #expect(states.count == 1 + 4 * 3)
    }

    @Test func monteCarloPlansEveryPathAndReportsEachOnce() throws {
        let bars = V.wave(80)
        let window = EvaluationWindow(bars: bars)
        let point = V.momentumSpace.point([.int(3)])
        let recorder = Recorder()
        var mc = try MonteCarlo(settings: MonteCarloSettings(paths: 5, seed: 1), threads: 2)
        mc.progress = ProgressTally(recorder.record)
        let methods: [MonteCarloMethod] = [.tradeReshuffle, .returnBootstrap(meanBlockLength: 4), .costStress(maxMultiplier: 2), .latencyStress(bars: 1)]
        for method in methods {
            let planned = mc.estimatedWork(method, window: window)
            mc.progress?.plan(units: planned.paths, work: planned.work)
        }
        // Paths: 5 + 5 + 5 + 1. Work: reruns 80 bars a path, a bootstrap path a fifth of that, a
        // trade path 1; the resampling methods add one baseline run of 80 bars each.
        let total: Double = 85 + 160 + 400 + 80
        #expect(recorder.all.last?.total == 16 && recorder.all.last?.workTotal == total)
        for method in methods { _ = try mc.run(method, point: point, space: V.momentumSpace, window: window, evaluator: V.momentumEvaluator()) }
        let last = try #require(recorder.all.last)
        #expect(last.done == 16 && last.workDone == total && last.fraction == 1)

        // On an engine three times slower per bar, reruns weigh three times as much; a synthetic
        // path is its generation (11 vectorized reruns) plus one rerun.
        mc.rerunCost = 3
        #expect(mc.estimatedWork(.costStress(maxMultiplier: 2), window: window) == (5, 5 * 240))
        #expect(mc.estimatedWork(.synthetic(.gbm), window: window) == (5, 5 * 14 * 80))
        #expect(mc.estimatedWork(.tradeReshuffle, window: window) == (5, 240 + 5))
    }
}
