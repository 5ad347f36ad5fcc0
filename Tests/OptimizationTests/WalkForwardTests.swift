import Foundation
import MarketData
@testable import Optimization
import Simulation
import Testing

@Suite struct WalkForwardTests {
    typealias V = Validation

    static func gridFactory(_ space: SearchSpace, _ seed: UInt64) throws(OptimizationError) -> any Optimizer {
        try GridOptimizer(space: space)
    }

    @Test func trainingNeverSeesTestBars() throws {
        // Tripwire: every window the evaluator receives is logged; a training evaluation of fold k
        // must end before fold k's test window, even with warm-up.
        let bars = V.wave(120)
        let log = WindowLog()
        let inner = V.momentumEvaluator()
        let evaluator = ClosureEvaluator { point, window, scenario in
            log.record(window)
            return try inner.evaluate(point, on: window, scenario: scenario)
        }
        let settings = WalkForwardSettings(train: .bars(40), test: .bars(20), warmupBars: 10, trialsPerFold: 6, batchSize: 4, seed: 3)
        let wf = WalkForward(settings: settings, space: V.momentumSpace, evaluator: evaluator,
                             score: { $0.metrics.finalEquity }, makeOptimizer: Self.gridFactory)
        let report = try wf.run(bars, threads: 2)
        #expect(report.folds.count == 4)
        var trainCalls = 0, testCalls = 0
        for entry in log.all {
            if let fold = report.folds.first(where: { entry.start == $0.fold.testStart && entry.last == $0.fold.testEnd - V.hour }) {
                testCalls += 1
                #expect(entry.first >= bars.ts[max(0, fold.fold.test.lowerBound - 10)])
            } else {
                let fold = try #require(report.folds.first { entry.start == $0.fold.trainStart })
                #expect(entry.last < fold.fold.testStart)
                #expect(entry.last == fold.fold.testStart - V.hour)
                trainCalls += 1
            }
        }
        #expect(trainCalls == 4 * 6 && testCalls == 4)
    }

    @Test func stitchedEquityIsContinuousAndKeepsEachFoldsReturns() throws {
        let bars = V.wave(150)
        let settings = WalkForwardSettings(train: .bars(50), test: .bars(25), warmupBars: 6, trialsPerFold: 6, seed: 1)
        let wf = WalkForward(settings: settings, space: V.momentumSpace, evaluator: V.momentumEvaluator(),
                             score: { $0.metrics.finalEquity }, makeOptimizer: Self.gridFactory)
        let report = try wf.run(bars, threads: 1)
        let s = report.stitched
        #expect(s.equity[0] == 10_000)
        #expect(s.equity.count == 1 + report.folds.count * 25)
        var expectedFinal = 10_000.0
        for (k, fold) in report.folds.enumerated() {
            let r = fold.testResult
            #expect(r.equity[0] == 10_000 && r.equity.count == 26)
            // The first test bar continues from the previous fold's last equity, with the fold's own return.
            for j in 1..<r.equity.count {
                let stitchedReturn = s.equity[s.foldStarts[k] + j - 1] / s.equity[s.foldStarts[k] + j - 2]
                #expect(abs(stitchedReturn - r.equity[j] / r.equity[j - 1]) < 1e-12)
            }
            #expect(Array(s.timestamps[s.foldStarts[k]..<(s.foldStarts[k] + 25)]) == Array(bars.ts[fold.fold.test]))
            expectedFinal *= r.equity.last! / r.equity[0]
        }
        #expect(abs(s.equity.last! / expectedFinal - 1) < 1e-12)
        // The chosen point had the best training score of the six lookbacks.
        for fold in report.folds {
            let window = EvaluationWindow(series: bars, counted: fold.fold.train, warmup: 6)
            for lookback in 1...6 {
                let point = V.momentumSpace.point([.int(lookback)])
                let run = try V.momentumEvaluator().evaluate(point, on: window, scenario: .baseline).counted(in: window)
                #expect(run.metrics.finalEquity <= fold.trainScore)
            }
        }
    }

    @Test func efficiencyOnAHandMadeCase() throws {
        // Daily bars; the evaluator makes equity grow by the pattern (+2c, 0, +2c, 0, ...) from the
        // window's first counted bar, c = 0.001 on 4-bar training windows and 0.0005 on 2-bar
        // test windows. 12 bars, train 4, test 2 -> 4 folds.
        //   IS: returns (0.002, 0, 0.002, 0): annual = 1.002^(2·365/4) − 1,
        //       Sharpe = 0.001 / (0.001·√(4/3)) · √365 = √(3/4)·√365.
        //   OOS (stitched, 8 returns of (0.001, 0)): annual = 1.001^(4·365/8) − 1,
        //       Sharpe = 0.0005 / (0.0005·√(8/7)) · √365 = √(7/8)·√365.
        let bars = V.bars(close: [Double](repeating: 100, count: 12), timeframe: .d1)
        let evaluator = ClosureEvaluator { _, window, _ in
            let c = window.countedBars == 4 ? 0.001 : 0.0005
            var equity = [Double](repeating: 1_000, count: window.bars.count)
            for i in window.start..<equity.count {
                let before = i == 0 ? 1_000 : equity[i - 1]
                equity[i] = before * (1 + ((i - window.start) % 2 == 0 ? 2 * c : 0))
            }
            return V.result(equity: equity, initialCash: 1_000, bars: window.bars)
        }
        let space = try SearchSpace([Parameter("x", .intRange(lower: 0, upper: 1))])
        let wf = WalkForward(settings: WalkForwardSettings(train: .bars(4), test: .bars(2), trialsPerFold: 2), space: space,
                             evaluator: evaluator, score: { $0.metrics.finalEquity }, makeOptimizer: Self.gridFactory)
        let report = try wf.run(bars, threads: 1)
        #expect(report.folds.count == 4)
        let e = report.efficiency
        let isAnnual = pow(1.002, 2 * 365.0 / 4) - 1, oosAnnual = pow(1.001, 4 * 365.0 / 8) - 1
        #expect(abs(try #require(e.inSampleAnnualReturn) / isAnnual - 1) < 1e-9)
        #expect(abs(try #require(e.outOfSampleAnnualReturn) / oosAnnual - 1) < 1e-9)
        #expect(abs(try #require(e.returnEfficiency) - oosAnnual / isAnnual) < 1e-9)
        #expect(abs(try #require(e.inSampleSharpe) - (0.75 * 365).squareRoot()) < 1e-9)
        #expect(abs(try #require(e.outOfSampleSharpe) - (7.0 / 8 * 365).squareRoot()) < 1e-9)
        #expect(abs(try #require(e.sharpeEfficiency) - (7.0 / 6).squareRoot()) < 1e-9)
        // Equal scores: the earliest trial (x = 0) wins every fold; the parameter never moves.
        #expect(report.stability[0].values == [.int(0), .int(0), .int(0), .int(0)])
        #expect(report.stability[0].modeShare == 1 && report.stability[0].standardDeviation == 0)
    }

    @Test func parameterStabilityFigures() {
        // Values 2, 4, 4, 6: mean 4, sample sd √(8/3), CV √(8/3)/4, mode 4 in half the folds.
        let numeric = ParameterStability(name: "n", values: [.int(2), .int(4), .int(4), .int(6)])
        #expect(numeric.mean == 4 && numeric.mode == .int(4) && numeric.modeShare == 0.5)
        #expect(abs(numeric.coefficientOfVariation! - (8.0 / 3).squareRoot() / 4) < 1e-12)
        let category = ParameterStability(name: "kind", values: [.string("ema"), .string("sma"), .string("ema")])
        #expect(category.mode == .string("ema") && abs(category.modeShare - 2.0 / 3) < 1e-12)
        #expect(category.mean == nil && category.coefficientOfVariation == nil)
    }

    @Test func resultsDoNotDependOnThreadsAndFoldSeedsDifferBySeed() throws {
        let bars = V.wave(120)
        func run(threads: Int, seed: UInt64) throws -> WalkForwardReport {
            let settings = WalkForwardSettings(train: .bars(40), test: .bars(20), warmupBars: 6, trialsPerFold: 3, batchSize: 3, seed: seed)
            return try WalkForward(settings: settings, space: V.momentumSpace, evaluator: V.momentumEvaluator(),
                                   score: { $0.metrics.finalEquity },
                                   makeOptimizer: { space, seed throws(OptimizationError) in RandomOptimizer(space: space, seed: seed) })
                .run(bars, threads: threads)
        }
        let one = try run(threads: 1, seed: 9), four = try run(threads: 4, seed: 9)
        #expect(one.folds.map(\.best) == four.folds.map(\.best))
        #expect(one.stitched == four.stitched)
        #expect(Set(one.folds.map(\.seed)).count == one.folds.count)
        let other = try run(threads: 1, seed: 10)
        #expect(other.folds.map(\.seed) != one.folds.map(\.seed))
    }

    @Test func anEvaluatorThatFillsBeforeTheWindowIsRefused() throws {
        let bars = V.wave(60)
        let inner = V.momentumEvaluator()
        // Ignores the window's start: trades from the first bar.
        let leaky = ClosureEvaluator { point, window, scenario in
            try inner.evaluate(point, on: EvaluationWindow(bars: window.bars, start: 0), scenario: scenario)
        }
        let settings = WalkForwardSettings(train: .bars(20), test: .bars(10), warmupBars: 10, trialsPerFold: 2)
        let wf = WalkForward(settings: settings, space: V.momentumSpace, evaluator: leaky,
                             score: { $0.metrics.finalEquity }, makeOptimizer: Self.gridFactory)
        #expect { try wf.run(bars, threads: 1) } throws: { error in
            if case .lookAhead = error as? ValidationError { return true }
            return false
        }
    }

    @Test func warmUpFeedsIndicatorsButTradesOnlyInsideTheWindow() throws {
        let bars = V.wave(60)
        let window = EvaluationWindow(series: bars, counted: 30..<60, warmup: 20)
        #expect(window.start == 20 && window.bars.count == 50 && window.bars.ts[0] == bars.ts[10])
        let point = V.momentumSpace.point([.int(3)])
        let run = try V.momentumEvaluator().evaluate(point, on: window, scenario: .baseline)
        #expect(run.fills.allSatisfy { $0.bar >= 20 })
        #expect(run.equity[..<20].allSatisfy { $0 == 10_000 })
        let counted = try run.counted(in: window)
        #expect(counted.equity.count == 31 && counted.timestamps[0] == bars.ts[29])
        #expect(Array(counted.timestamps[1...]) == Array(bars.ts[30..<60]))
        #expect(counted.fills.allSatisfy { $0.bar >= 1 } && !counted.fills.isEmpty)
        // The decision at the close of the last warm-up bar (bar 29) fills at the open of bar 30:
        // indicators were warm, so the strategy can be in the market from the window's first bar.
        let first = try #require(counted.fills.first)
        let signalAt29 = bars.close[29] > bars.close[26]
        #expect(signalAt29 == (first.bar == 1))

        // Close fills: the first decision that may trade is at the close of the window's first bar.
        var config = EngineConfig()
        config.fill = .close
        let closeFills = VectorizedWindowEvaluator(config: config, slippage: NoSlippage()) { _ in LookbackMomentum(lookback: 3) }
        let closeRun = try closeFills.evaluate(point, on: window, scenario: .baseline)
        #expect(!closeRun.fills.isEmpty && closeRun.fills.allSatisfy { $0.bar >= 20 })
        #expect(closeRun.equity[..<20].allSatisfy { $0 == 10_000 })
        #expect((closeRun.fills[0].bar == 20) == (bars.close[30] > bars.close[27]))
    }
}
