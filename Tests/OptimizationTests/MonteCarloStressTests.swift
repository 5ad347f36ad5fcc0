import Foundation
import MarketData
@testable import Optimization
import Simulation
import Strategies
import Testing

@Suite struct MonteCarloStressTests {
    typealias V = Validation

    static func signalEvaluator(fees: Double = 0) -> VectorizedWindowEvaluator<PrecomputedSignals, NoSlippage> {
        var config = EngineConfig()
        config.fees = .flat(bps: fees)
        return VectorizedWindowEvaluator(config: config, slippage: NoSlippage()) { _ in
            PrecomputedSignals(signals: [[], .entryLong, [], [], .exitLong, [], [], []])
        }
    }

    @Test func latencyStressEqualsDelayedSignalsInTheEngine() throws {
        // Closes 100...107, each bar opening at the previous close; long from the signal at bar 1
        // to the signal at bar 4, no fees. On time: buy at open[2] = 101, sell at open[5] = 104.
        // One bar late: buy at open[3] = 102, sell at open[6] = 105.
        let bars = V.bars(close: (0..<8).map { 100 + Double($0) })
        let window = EvaluationWindow(bars: bars)
        let point = V.momentumSpace.point([.int(1)])
        let late = try Self.signalEvaluator().evaluate(point, on: window, scenario: Scenario(signalDelay: 1))
        let shifted = PrecomputedSignals(signals: [[], [], .entryLong, [], [], .exitLong, [], []])
        var config = EngineConfig()
        config.fees = .flat(bps: 0)
        let direct = try VectorizedEngine(config: config, slippage: NoSlippage()).run(shifted, bars: bars)
        #expect(late.equity == direct.equity)
        #expect(late.fills.map(\.bar) == [3, 6] && late.fills.map(\.price) == [102, 105])
        #expect(abs(late.equity.last! - 10_000 * 105 / 102) < 1e-9)
        let onTime = try Self.signalEvaluator().evaluate(point, on: window, scenario: .baseline)
        #expect(abs(onTime.equity.last! - 10_000 * 104 / 101) < 1e-9)
        let report = try MonteCarlo(settings: MonteCarloSettings(paths: 50), threads: 1)
            .latencyStress(bars: 1, point: point, window: window, evaluator: Self.signalEvaluator())
        #expect(report.paths == 1 && report.metric("final_equity")!.p50 == direct.equity.last!)
    }

    @Test func moreCostsLowerTheFinalEquityOfTheSameTrades() throws {
        var config = EngineConfig()
        config.fees = .flat(bps: 10)
        let evaluator = VectorizedWindowEvaluator(config: config, slippage: FixedSlippage(bps: 5)) { point in
            LookbackMomentum(lookback: Int(point["lookback"]!.number!))
        }
        let window = EvaluationWindow(bars: V.wave(120))
        let point = V.momentumSpace.point([.int(3)])
        let runs = try [1.0, 2, 4].map { try evaluator.evaluate(point, on: window, scenario: Scenario(costMultiplier: $0)) }
        #expect(runs[0].fills.count > 4)
        #expect(runs[1].fills.map(\.bar) == runs[0].fills.map(\.bar) && runs[2].fills.map(\.bar) == runs[0].fills.map(\.bar))
        #expect(runs[0].equity.last! > runs[1].equity.last! && runs[1].equity.last! > runs[2].equity.last!)
        #expect(runs[1].metrics.totalFees > runs[0].metrics.totalFees)
        // Slippage doubles too: a buy at reference p fills at p·(1 + 2·5 bps).
        let buy0 = try #require(runs[0].fills.first { $0.side == .buy }), buy1 = try #require(runs[1].fills.first { $0.side == .buy })
        #expect(abs(buy1.price / (buy0.price / 1.0005) - 1.001) < 1e-12)
        let report = try MonteCarlo(settings: MonteCarloSettings(paths: 3), threads: 2)
            .costStress(maxMultiplier: 4, point: point, window: window, evaluator: evaluator)
        let middle = try evaluator.evaluate(point, on: window, scenario: Scenario(costMultiplier: 2.5))
        #expect(report.metric("final_equity")!.p50 == middle.equity.last!)
    }

    @Test func perturbationStaysInTheSpaceAndItsConstraints() throws {
        let space = try SearchSpace([
            Parameter("a", .intRange(lower: 2, upper: 20, step: 2)),
            Parameter("b", .doubleRange(lower: 0.1, upper: 0.9)),
            Parameter("kind", .choice(["x", "y"])),
        ], constraints: ["a < 16"])
        let chosen: [Optimization.ParameterValue] = [.int(14), .double(0.5), .string("x")]
        let rng = SeededGenerator(seed: 3)
        var seenA = Set<Int>()
        for _ in 0..<200 {
            let v = Perturbation.jitter(chosen, space: space, settings: PerturbationSettings(steps: 2, fraction: 0.1), rng: rng)
            guard case let .int(a) = v[0], case let .double(b) = v[1] else { Issue.record("wrong types \(v)"); return }
            #expect([10, 12, 14].contains(a))      // 16 and 18 break a < 16
            #expect(b >= 0.45 && b <= 0.55)
            #expect(v[2] == Optimization.ParameterValue.string("x"))
            seenA.insert(a)
        }
        #expect(seenA == [10, 12, 14])
    }

    @Test func droppedBarsWithNothingDroppedIsTheBaselineAndRunsAreReproducible() throws {
        let window = EvaluationWindow(series: V.wave(100), counted: 20..<100, warmup: 20)
        let point = V.momentumSpace.point([.int(4)])
        let evaluator = V.momentumEvaluator()
        let baseline = try evaluator.evaluate(point, on: window, scenario: .baseline).counted(in: window)
        let none = try MonteCarlo(settings: MonteCarloSettings(paths: 4), threads: 2)
            .droppedBars(fraction: 0, point: point, window: window, evaluator: evaluator)
        #expect(none.metric("final_equity")!.p5 == baseline.equity.last! && none.metric("final_equity")!.p95 == baseline.equity.last!)
        let settings = MonteCarloSettings(paths: 12, seed: 8, fanPoints: 9)
        let a = try MonteCarlo(settings: settings, threads: 1).droppedBars(fraction: 0.2, point: point, window: window, evaluator: evaluator)
        let b = try MonteCarlo(settings: settings, threads: 3).droppedBars(fraction: 0.2, point: point, window: window, evaluator: evaluator)
        #expect(a == b && a.failedPaths == 0)
        #expect(a.metric("final_equity")!.p5 < a.metric("final_equity")!.p95)
    }

    @Test func everyMethodRunsThroughTheDispatcherDeterministically() throws {
        let window = EvaluationWindow(series: V.wave(160), counted: 10..<160, warmup: 10)
        let point = V.momentumSpace.point([.int(2)])
        let methods: [MonteCarloMethod] = [
            .tradeReshuffle, .tradeBootstrap, .returnBootstrap(meanBlockLength: 5), .synthetic(.gbm), .synthetic(.garch),
            .synthetic(.jumpDiffusion), .parameterPerturbation(PerturbationSettings()), .costStress(maxMultiplier: 3),
            .latencyStress(bars: 1), .droppedBars(fraction: 0.1),
        ]
        let settings = MonteCarloSettings(paths: 6, seed: 21, fanPoints: 7)
        for method in methods {
            let one = try MonteCarlo(settings: settings, threads: 1)
                .run(method, point: point, space: V.momentumSpace, window: window, evaluator: V.momentumEvaluator())
            let two = try MonteCarlo(settings: settings, threads: 2)
                .run(method, point: point, space: V.momentumSpace, window: window, evaluator: V.momentumEvaluator())
            #expect(one == two, "\(method.name)")
            #expect(one.method == method.name && one.failedPaths == 0)
            #expect(one.initialEquity == 10_000)
            #expect(one.fan.bands.allSatisfy { $0.count == 7 })
        }
    }
}
