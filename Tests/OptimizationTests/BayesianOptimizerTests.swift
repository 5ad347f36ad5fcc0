import Foundation
import Testing
@testable import Optimization

@Suite struct BayesianOptimizerTests {
    /// Runs sequential ask/tell on a test function; returns the proposals and the best value.
    static func run(_ optimizer: BayesianOptimizer, _ function: TestFunction, evaluations: Int) throws -> ([TrialPoint], Double) {
        var points: [TrialPoint] = []
        var best = Double.infinity
        while points.count < evaluations {
            let point = try #require(try optimizer.suggest(count: 1).first)
            let value = function.evaluate(point.values)
            best = min(best, value)
            try optimizer.observe(point, value)
            points.append(point)
        }
        return (points, best)
    }

    @Test func findsBraninsMinimumInFortyEvaluations() throws {
        let optimizer = try BayesianOptimizer(space: TestFunction.branin.space, seed: 0)
        let (_, best) = try Self.run(optimizer, .branin, evaluations: 40)
        #expect(best - TestFunction.branin.minimum < 0.05)    // random search: ~1 at this budget
    }

    @Test func sameSeedSameProposalsAndResumeReproducesTheNextOne() throws {
        let function = TestFunction.hartmann3
        let (first, _) = try Self.run(try BayesianOptimizer(space: function.space, seed: 4), function, evaluations: 14)
        let (second, _) = try Self.run(try BayesianOptimizer(space: function.space, seed: 4), function, evaluations: 14)
        #expect(first == second)
        let (other, _) = try Self.run(try BayesianOptimizer(space: function.space, seed: 5), function, evaluations: 12)
        #expect(Array(first.prefix(12)) != other)
        // Resume: replay the first 13 trials (in reverse, as a store might return them) into a
        // fresh optimizer; it proposes the 14th point of the uninterrupted run.
        let resumed = try BayesianOptimizer(space: function.space, seed: 4)
        for point in first.prefix(13).reversed() { try resumed.observe(point, function.evaluate(point.values)) }
        #expect(try resumed.suggest(count: 1) == [first[13]])
    }

    @Test func pastTheCoarseFitTheProposalIsStillAFunctionOfTheTrialSet() throws {
        // 70 observations: the hyperparameters are fitted on a 40-row subset, then polished on all
        // 70 (and a single start, past `restartsUpTo`); a replay in another order proposes the same.
        let function = TestFunction.hartmann3
        let design = SobolOptimizer(space: function.space, seed: 21)
        let points = try design.suggest(count: 70)
        let inOrder = try BayesianOptimizer(space: function.space, seed: 6)
        for point in points { try inOrder.observe(point, function.evaluate(point.values)) }
        let shuffled = try BayesianOptimizer(space: function.space, seed: 6)
        for k in 0..<points.count { let point = points[(k * 29) % points.count]; try shuffled.observe(point, function.evaluate(point.values)) }
        #expect(try inOrder.suggest(count: 2) == shuffled.suggest(count: 2))
        #expect(inOrder.fittedHyperparameters() == shuffled.fittedHyperparameters())
    }

    @Test func proposalsDoNotDependOnHowManyThreadsRunAtOnce() throws {
        // A sweep runs one optimizer per search on as many threads as it is given; the
        // proposals (batched BLAS kernels included) must not change with the thread count.
        let function = TestFunction.mixedSweep
        let (alone, _) = try Self.run(try BayesianOptimizer(space: function.space, seed: 9), function, evaluations: 16)
        let runs = ProposalLog()
        DispatchQueue.concurrentPerform(iterations: 4) { _ in
            runs.record(try? Self.run(try BayesianOptimizer(space: function.space, seed: 9), function, evaluations: 16).0)
        }
        #expect(runs.all.count == 4)
        for run in runs.all { #expect(run == alone) }
    }

    @Test func mixedSpacesGetLevelsNoDuplicatesAndRespectConstraints() throws {
        let space = try SearchSpace([Parameter("fast", .intRange(lower: 2, upper: 12)),
                                     Parameter("slow", .intRange(lower: 4, upper: 16, step: 2)),
                                     Parameter("kind", .choice(["sma", "ema", "wma"]))],
                                    constraints: ["fast < slow"])
        let optimizer = try BayesianOptimizer(space: space, seed: 2)
        var seen = Set<TrialPoint>()
        for _ in 0..<24 {
            let point = try #require(try optimizer.suggest(count: 1).first)
            let values = try space.validate(point)                        // levels only
            #expect(values[0].number! < values[1].number!)
            #expect(seen.insert(point).inserted)
            let penalty: Double = values[2] == .string("ema") ? 0 : 1
            try optimizer.observe(point, abs(values[0].number! - 5) + abs(values[1].number! - 10) + penalty)
        }
    }

    @Test func batchesAreDistinctUnderBothStrategies() throws {
        for strategy in [BayesianSettings.BatchStrategy.krigingBeliever, .constantLiar] {
            var settings = BayesianSettings()
            settings.batchStrategy = strategy
            let optimizer = try BayesianOptimizer(space: TestFunction.branin.space, seed: 1, settings: settings)
            for point in try optimizer.suggest(count: 10) { try optimizer.observe(point, TestFunction.branin.evaluate(point.values)) }
            let batch = try optimizer.suggest(count: 4)
            #expect(batch.count == 4)
            #expect(Set(batch).count == 4)
            // Pending points are fantasized: the next batch avoids them too.
            let next = try optimizer.suggest(count: 2)
            #expect(Set(batch).isDisjoint(with: next))
        }
    }

    @Test func failedTrialsCountAsTheWorstValueSoTheSearchLeavesTheirRegion() throws {
        // Branin where every trial with x1 < 2.5 fails (NaN), half of the box; two of its three
        // minima (x1 = π, 9.42) lie outside that half. Counted as the worst value observed, the
        // failures steer the model away: after the 10-point design few proposals fall there,
        // and the search still reaches a minimum.
        let function = TestFunction.branin
        let optimizer = try BayesianOptimizer(space: function.space, seed: 3)
        var intoFailures = 0, best = Double.infinity
        for i in 0..<40 {
            let point = try #require(try optimizer.suggest(count: 1).first)
            let x1 = try #require(point.values[0].number)
            let value = x1 < 2.5 ? Double.nan : function.evaluate(point.values)
            if i >= 10 && x1 < 2.5 { intoFailures += 1 }
            if value.isFinite { best = min(best, value) }
            try optimizer.observe(point, value)
        }
        #expect(intoFailures <= 6, "\(intoFailures) of 30 model proposals in the failing half")
        #expect(best - function.minimum < 0.05)
        // The fitted length scales use the same observations.
        #expect(optimizer.fittedHyperparameters() != nil)
    }

    @Test func upperConfidenceBoundAlsoConverges() throws {
        var settings = BayesianSettings()
        settings.acquisition = .upperConfidenceBound(kappa: 2)
        let (_, best) = try Self.run(try BayesianOptimizer(space: TestFunction.branin.space, seed: 0, settings: settings), .branin, evaluations: 30)
        #expect(best - TestFunction.branin.minimum < 0.5)
    }

    @Test func unusableSettingsAreRefused() {
        var settings = BayesianSettings()
        settings.initialPoints = 0
        #expect(throws: OptimizationError.invalidSetting("bayesian optimizer: initial_points must be at least 1, got 0")) {
            try BayesianOptimizer(space: TestFunction.branin.space, seed: 0, settings: settings)
        }
    }
}

/// Proposal sequences recorded from several threads.
final class ProposalLog: @unchecked Sendable {
    private let lock = NSLock()
    private var runs: [[TrialPoint]?] = []

    func record(_ run: [TrialPoint]?) {
        lock.lock()
        runs.append(run)
        lock.unlock()
    }

    var all: [[TrialPoint]?] {
        lock.lock()
        defer { lock.unlock() }
        return runs
    }
}
