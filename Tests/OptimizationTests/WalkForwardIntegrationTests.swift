import MarketData
@testable import Optimization
import Simulation
import Strategies
import Testing
import TestSupport

/// The path the experiment runner takes: a registered strategy in the vectorized engine, a
/// Bayesian inner optimizer per fold, then Monte Carlo on a chosen point, on real daily data.
@Suite struct WalkForwardIntegrationTests {
    static func evaluator() -> VectorizedWindowEvaluator<SMACross, FixedSlippage> {
        VectorizedWindowEvaluator(config: EngineConfig(), slippage: FixedSlippage(bps: 2)) { point in
            let overrides: [(String, Strategies.ParameterValue)] = [
                ("fast", .int(Int(point["fast"]!.number!))), ("slow", .int(Int(point["slow"]!.number!))),
            ]
            return try SMACross(parameters: ParameterSet(strategy: "sma_cross", specs: SMACross.descriptor.parameters, overrides: overrides))
        }
    }

    @Test func smaCrossWalkForwardWithBayesianFoldsOnBitcoinDaily() throws {
        let bars = try Fixtures.bars("btcusdt_1d.csv").slice(0..<900)
        let space = try SearchSpace([Parameter("fast", .intRange(lower: 5, upper: 30, step: 5)),
                                     Parameter("slow", .intRange(lower: 20, upper: 100, step: 20))], constraints: ["fast < slow"])
        var bayes = BayesianSettings()
        bayes.initialPoints = 4
        bayes.candidates = 128
        bayes.localCandidates = 8
        bayes.refinementStarts = 1
        bayes.refinementIterations = 10
        bayes.hyperparameterRestarts = 1
        let settings = WalkForwardSettings(train: .bars(360), test: .bars(120), anchoring: .anchored, warmupBars: 100,
                                           trialsPerFold: 8, batchSize: 4, seed: 12)
        let wf = WalkForward(settings: settings, space: space, evaluator: Self.evaluator(),
                             score: { $0.metrics.sharpe.isFinite ? $0.metrics.sharpe : .nan },
                             makeOptimizer: { [bayes] space, seed throws(OptimizationError) in try BayesianOptimizer(space: space, seed: seed, settings: bayes) })
        let report = try wf.run(bars, threads: 2)
        // 900 bars, train 360 (anchored), test and step 120: tests start at 360, 480, 600, 720; 840 + 120 > 900.
        #expect(report.folds.map(\.fold.test.lowerBound) == [360, 480, 600, 720])
        #expect(report.folds.allSatisfy { $0.fold.train.lowerBound == 0 && $0.fold.train.upperBound == $0.fold.test.lowerBound })
        for fold in report.folds {
            #expect(fold.trials.count == 8)
            #expect(Set(fold.trials.map(\.point)).count == 8)                       // no point proposed twice
            #expect(fold.trials.allSatisfy { $0.point["fast"]!.number! < $0.point["slow"]!.number! })
            #expect(fold.trainScore == fold.trials.map(\.score).filter(\.isFinite).max())
            #expect(fold.testResult.equity.count == 121)
        }
        #expect(report.stitched.equity.count == 1 + 4 * 120)
        #expect(report.stability.map(\.name) == ["fast", "slow"])
        #expect(report.outOfSample.finalEquity == report.stitched.equity.last!)

        // Monte Carlo on the last fold's choice over its test window (warmed up on training bars).
        let last = report.folds[3]
        let window = EvaluationWindow(series: bars, counted: last.fold.test, warmup: 100)
        let mc = try MonteCarlo(settings: MonteCarloSettings(paths: 8, seed: 12, fanPoints: 13), threads: 2)
        let stress = try mc.run(.costStress(maxMultiplier: 3), point: last.best, space: space, window: window, evaluator: Self.evaluator())
        #expect(stress.metric("final_equity")!.p95 <= last.testResult.equity.last! * (1 + 1e-12))
        let jitter = try mc.run(.parameterPerturbation(PerturbationSettings(steps: 1)), point: last.best, space: space, window: window,
                                evaluator: Self.evaluator())
        #expect(jitter.paths == 8 && jitter.failedPaths == 0)
    }
}
