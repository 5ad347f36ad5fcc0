import Foundation
import MarketData
@testable import Optimization
import Simulation
import Strategies
import Testing
import TestSupport

/// `EventWindowEvaluator` keeps the `WindowEvaluator` contract the way the vectorized one does:
/// hand-computed prices for the gate and the latency, and walk-forward folds equal to the event
/// engine run directly on each window.
@Suite struct EventWindowEvaluatorTests {
    typealias V = Validation

    static func signals(_ flags: [SignalFlags], fees: Double = 0) -> EventWindowEvaluator<SignalDelayed<PrecomputedSignals>, NoSlippage> {
        var config = EngineConfig()
        config.fees = .flat(bps: fees)
        return EventWindowEvaluator(config: config, slippage: NoSlippage()) { _ in PrecomputedSignals(signals: flags) }
    }

    @Test func aDelayedSignalFillsThatManyBarsLate() throws {
        // Closes 100...107, each bar opening at the previous close; long from the signal at bar 1
        // to the signal at bar 4. On time: buy at open[2] = 101, sell at open[5] = 104. One bar
        // late: buy at open[3] = 102, sell at open[6] = 105 (as in the vectorized engine).
        let bars = V.bars(close: (0..<8).map { 100 + Double($0) })
        let evaluator = Self.signals([[], .entryLong, [], [], .exitLong, [], [], []])
        let point = V.momentumSpace.point([.int(1)])
        let window = EvaluationWindow(bars: bars)
        let onTime = try evaluator.evaluate(point, on: window, scenario: .baseline)
        #expect(onTime.fills.map(\.bar) == [2, 5] && onTime.fills.map(\.price) == [101, 104])
        let late = try evaluator.evaluate(point, on: window, scenario: Scenario(signalDelay: 1))
        #expect(late.fills.map(\.bar) == [3, 6] && late.fills.map(\.price) == [102, 105])
        #expect(abs(late.equity.last! - 10_000 * 105 / 102) < 1e-9)
    }

    @Test func aHeldSignalDelayedIsActedOnOnceAsOnTheVectorizedEngine() throws {
        // A level rule: entry flagged on bars 1–4, exit on bars 6–7, half the equity per entry,
        // two bars late. The entry of bar 1 is decided at bar 3 and fills at open[4] = 103; the
        // exit of bar 6 at bar 8, filling at open[9] = 108. The later flags find the position
        // their predecessors left and do nothing: one entry and one exit sent, none refused
        // (orders delayed on their way would have been sent while the position still looked
        // flat, then refused for cash, and the second exit for want of a position).
        let bars = V.bars(close: (0..<12).map { 100 + Double($0) })
        let flags: [SignalFlags] = [[], .entryLong, .entryLong, .entryLong, .entryLong, [], .exitLong, .exitLong, [], [], [], []]
        let rules = { () -> VectorizedRules in
            var rules = VectorizedRules()
            rules.fraction = 0.5
            return rules
        }()
        let point = V.momentumSpace.point([.int(1)])
        let window = EvaluationWindow(bars: bars)
        let late = Scenario(signalDelay: 2)
        var config = EngineConfig()
        config.fees = .flat(bps: 0)
        let event = try EventWindowEvaluator(config: config, slippage: NoSlippage()) { _ in
            PrecomputedSignals(signals: flags, rules: rules)
        }.evaluate(point, on: window, scenario: late)
        let vectorized = try VectorizedWindowEvaluator(config: config, slippage: NoSlippage()) { _ in
            PrecomputedSignals(signals: flags, rules: rules)
        }.evaluate(point, on: window, scenario: late)
        #expect(event.fills.map(\.bar) == [4, 9])
        #expect(event.orderUpdates.map(\.status) == [.accepted, .filled, .accepted, .filled])
        #expect(event.fills.map(\.price) == [103, 108])
        #expect(event.fills.map(\.bar) == vectorized.fills.map(\.bar))
        #expect(event.fills.map(\.quantity) == vectorized.fills.map(\.quantity))
        #expect(event.equity == vectorized.equity)
        #expect(abs(event.equity.last! - (5_000 + 5_000 * 108 / 103)) < 1e-9)
    }

    @Test func warmUpSignalsAreRefusedAndTheFirstTradeWaitsForTheWindow() throws {
        // Window starts at bar 4: the entry decided at bar 1 is refused (the strategy is told);
        // the one decided at bar 3, the last warm-up close, fills at open[4] = 103.
        let bars = V.bars(close: (0..<8).map { 100 + Double($0) })
        let window = EvaluationWindow(bars: bars, start: 4)
        let point = V.momentumSpace.point([.int(1)])
        let early = try Self.signals([[], .entryLong, [], [], [], [], [], []]).evaluate(point, on: window, scenario: .baseline)
        #expect(early.fills.isEmpty && early.equity.allSatisfy { $0 == 10_000 })
        #expect(early.orderUpdates.map(\.status) == [.rejected(.beforeTradingStart)] && early.orderUpdates[0].bar == 1)
        let edge = try Self.signals([[], [], [], .entryLong, [], [], [], []]).evaluate(point, on: window, scenario: .baseline)
        #expect(edge.fills.map(\.bar) == [4] && edge.fills.map(\.price) == [103])
        #expect(try edge.counted(in: window).fills.map(\.bar) == [1])
    }

    @Test func buyAndHoldHoldsAWindowFromItsFirstBarOnBothEngines() throws {
        // Its entry at bar 0 is refused (warm-up), so it asks again until the close of bar 19,
        // the last warm-up bar: bought at open[20] plus 2 bps, held to the end.
        let bars = V.wave(60)
        let window = EvaluationWindow(bars: bars, start: 20)
        let point = V.momentumSpace.point([.int(1)])
        let event = try EventWindowEvaluator(config: EngineConfig(), slippage: FixedSlippage(bps: 2)) { _ in BuyAndHold() }
            .evaluate(point, on: window, scenario: .baseline)
        let vectorized = try VectorizedWindowEvaluator(config: EngineConfig(), slippage: FixedSlippage(bps: 2)) { _ in BuyAndHold() }
            .evaluate(point, on: window, scenario: .baseline)
        #expect(event.fills.map(\.bar) == [20] && vectorized.fills.map(\.bar) == [20])
        #expect(abs(event.fills[0].price - bars.open[20] * 1.0002) < 1e-9)
        #expect(event.equity.count == vectorized.equity.count)
        #expect(zip(event.equity, vectorized.equity).allSatisfy { abs($0 / $1 - 1) < 1e-9 })
    }

    @Test func costStressScalesFeesAndSlippageOfTakerFills() throws {
        var config = EngineConfig()
        config.fees = FeeModel(makerBps: 2, takerBps: 10)
        let bars = V.wave(80)
        let evaluator = EventWindowEvaluator(config: config, slippage: FixedSlippage(bps: 5)) { _ in
            try SMACross(fast: 3, slow: 8)
        }
        let point = V.momentumSpace.point([.int(1)])
        let window = EvaluationWindow(bars: bars)
        let base = try evaluator.evaluate(point, on: window, scenario: .baseline)
        let doubled = try evaluator.evaluate(point, on: window, scenario: Scenario(costMultiplier: 2))
        // The same run with 20 bps fees and 10 bps slippage written out by hand.
        var twice = EngineConfig()
        twice.fees = FeeModel(makerBps: 4, takerBps: 20)
        let direct = try EventEngine(config: twice, slippage: FixedSlippage(bps: 10)).run(try SMACross(fast: 3, slow: 8), bars: bars)
        #expect(base.fills.count > 2 && doubled.fills.map(\.bar) == base.fills.map(\.bar))
        // Equal up to rounding: the scaled price is p + 2·(p·1.0005 − p), the direct one p·1.001.
        #expect(doubled.equity.count == direct.equity.count && doubled.fills.map(\.bar) == direct.fills.map(\.bar))
        #expect(zip(doubled.equity, direct.equity).allSatisfy { abs($0 / $1 - 1) < 1e-12 })
        #expect(zip(doubled.fills, direct.fills).allSatisfy { abs($0.price / $1.price - 1) < 1e-12 && abs($0.fee / $1.fee - 1) < 1e-9 })
        #expect(doubled.equity.last! < base.equity.last!)
    }

    @Test func walkForwardFoldsEqualTheEngineRunOnEachWindow() throws {
        let bars = try Fixtures.bars("btcusdt_1d.csv").slice(0..<700)
        let space = try SearchSpace([Parameter("fast", .intRange(lower: 5, upper: 20, step: 5)),
                                     Parameter("slow", .intRange(lower: 30, upper: 60, step: 15))], constraints: ["fast < slow"])
        var config = EngineConfig()
        config.fees = FeeModel(makerBps: 2, takerBps: 8)
        let build: @Sendable (TrialPoint) throws -> SMACross = { point in
            try SMACross(fast: Int(point["fast"]!.number!), slow: Int(point["slow"]!.number!), stopLoss: 0.04)
        }
        let evaluator = EventWindowEvaluator(config: config, slippage: FixedSlippage(bps: 3), strategy: build)
        let settings = WalkForwardSettings(train: .bars(240), test: .bars(90), anchoring: .rolling, warmupBars: 120,
                                           trialsPerFold: 12, batchSize: 4, seed: 3)
        let wf = WalkForward(settings: settings, space: space, evaluator: evaluator,
                             score: { $0.metrics.sharpe.isFinite ? $0.metrics.sharpe : .nan },
                             makeOptimizer: { space, _ throws(OptimizationError) in try GridOptimizer(space: space) })
        let report = try wf.run(bars, threads: 2)
        let serial = try wf.run(bars, threads: 1)
        #expect(serial.folds.map(\.best) == report.folds.map(\.best) && serial.stitched == report.stitched)
        #expect(serial.folds.map(\.testResult.fills) == report.folds.map(\.testResult.fills))
        #expect(report.folds.count == 5)
        var trades = 0
        for fold in report.folds {
            // The test bars with the 120 bars before them; trading from the last warm-up close.
            let from = fold.fold.test.lowerBound - 120
            let window = bars.slice(from..<fold.fold.test.upperBound)
            let direct = try EventEngine(config: config, slippage: FixedSlippage(bps: 3))
                .run(try build(fold.best), bars: window, timing: OrderTiming(tradingStart: window.ts[119]))
            let test = fold.testResult
            #expect(Array(test.equity.dropFirst()) == Array(direct.equity[120...]))
            #expect(test.trades.map(\.entryPrice) == direct.trades.map(\.entryPrice))
            #expect(test.trades.map(\.exitReason) == direct.trades.map(\.exitReason))
            #expect(test.trades.map(\.entryBar) == direct.trades.map { $0.entryBar - 119 })
            #expect(test.fills.map(\.price) == direct.fills.map(\.price))
            trades += test.trades.count
        }
        #expect(trades > 0)
    }
}
