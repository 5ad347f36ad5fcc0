import BenchSupport
import Foundation
import Optimization

/// One optimizer run: the best-so-far regret after each evaluation, and the CPU seconds the
/// optimizer itself spent (suggest + observe, objective excluded).
struct RunResult {
    let regretByEvaluation: [Double]
    let optimizerSeconds: Double
}

enum OptimizerKind: String, CaseIterable {
    case grid, random, sobol, bayes
}

enum Runs {
    /// Settings for `bayes` runs (defaults unless given on the command line).
    nonisolated(unsafe) static var bayesSettings = BayesianSettings()

    static func makeOptimizer(_ kind: OptimizerKind, function: TestFunction, seed: UInt64, budget: Int) throws -> any Optimizer {
        switch kind {
        case .grid: return try GridOptimizer(space: gridSpace(function.space, budget: budget))
        case .random: return RandomOptimizer(space: function.space, seed: seed)
        case .sobol: return SobolOptimizer(space: function.space, seed: seed)
        case .bayes: return try BayesianOptimizer(space: function.space, seed: seed, settings: bayesSettings)
        }
    }

    /// The same box with about `budget^(1/d)` evenly spaced levels per axis.
    static func gridSpace(_ space: SearchSpace, budget: Int) throws -> SearchSpace {
        let d = Double(space.parameters.count)
        let levels = max(2, Int(pow(Double(budget), 1 / d).rounded(.down)))
        let parameters = space.parameters.map { p -> Parameter in
            switch p.domain {
            case let .doubleRange(lower, upper, _, _):
                return Parameter(p.name, .doubleRange(lower: lower, upper: upper, step: (upper - lower) / Double(levels - 1)))
            case let .intRange(lower, upper, _, _):
                return Parameter(p.name, .intRange(lower: lower, upper: upper, step: max(1, (upper - lower) / (levels - 1))))
            default: return p
            }
        }
        return try SearchSpace(parameters, constraints: space.constraints.map(\.text))
    }

    static func run(_ kind: OptimizerKind, function: TestFunction, seed: UInt64, budget: Int, batch: Int) throws -> RunResult {
        let optimizer = try makeOptimizer(kind, function: function, seed: seed, budget: budget)
        var best = Double.infinity
        var regrets: [Double] = []
        var spent = 0.0
        while regrets.count < budget {
            let start = cpuSeconds()
            let points = try optimizer.suggest(count: min(batch, budget - regrets.count))
            spent += cpuSeconds() - start
            if points.isEmpty { break }
            for point in points {
                let value = function.evaluate(point.values)
                best = min(best, value)
                regrets.append(best - function.minimum)
                let observeStart = cpuSeconds()
                try optimizer.observe(point, value)
                spent += cpuSeconds() - observeStart
            }
        }
        while regrets.count < budget { regrets.append(regrets.last ?? .infinity) }   // exhausted grid
        return RunResult(regretByEvaluation: regrets, optimizerSeconds: spent)
    }

    /// Median CPU milliseconds of one `suggest(count: 1)` after `observations` Sobol points.
    static func proposalOverhead(function: TestFunction, observations: Int, repeats: Int) throws -> Double {
        var times: [Double] = []
        for r in 0..<repeats {
            let design = SobolOptimizer(space: function.space, seed: UInt64(1000 + r))
            let bayes = try BayesianOptimizer(space: function.space, seed: UInt64(r), settings: bayesSettings)
            for point in try design.suggest(count: observations) {
                try bayes.observe(point, function.evaluate(point.values))
            }
            let start = cpuSeconds()
            _ = try bayes.suggest(count: 1)
            times.append((cpuSeconds() - start) * 1000)
        }
        return Stats.quantile(times, 0.5)
    }

    static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
            + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
    }
}
