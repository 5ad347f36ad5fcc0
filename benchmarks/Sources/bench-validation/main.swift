import BenchSupport
import Foundation
import MarketData
import Optimization
import Simulation
import Strategies

// bench-validation: walk-forward and Monte Carlo on the SMA crossover over BTC 1h.
// Usage: swift run -c release --package-path benchmarks bench-validation [--data PATH] [--threads N]
//        [--paths N] [--only walk-forward|monte-carlo]

let dataPath = option("--data") ?? "datasets/btcusdt_1h.csv"
let threads = option("--threads").flatMap(Int.init) ?? ProcessInfo.processInfo.activeProcessorCount
let paths = option("--paths").flatMap(Int.init) ?? 1_000
let only = option("--only")
func wanted(_ part: String) -> Bool { only == nil || only == part }

func timed<T>(_ label: String, work: Int, unit: String, _ body: () throws -> T) rethrows -> T {
    let (w0, c0) = (now(), cpuTime())
    let value = try body()
    let (wall, cpu) = (now() - w0, cpuTime() - c0)
    let padded = label.padding(toLength: 30, withPad: " ", startingAt: 0)
    print(padded + String(format: " %8.2f s wall %8.2f s CPU %14.0f ", wall, cpu, Double(work) / wall) + unit + "/s (wall)")
    return value
}

let bars = try CSVBarReader.read(path: dataPath)
let space = try SearchSpace([Parameter("fast", .intRange(lower: 5, upper: 50, step: 5)),
                             Parameter("slow", .intRange(lower: 20, upper: 200, step: 20))], constraints: ["fast < slow"])
let evaluator = VectorizedWindowEvaluator(config: EngineConfig(), slippage: FixedSlippage(bps: 2)) { point in
    try SMACross(fast: Int(point["fast"]!.number!), slow: Int(point["slow"]!.number!))
}
print("\(bars.count) bars from \(dataPath), \(threads) threads")

if wanted("walk-forward") {
    // Six months of training, one month of testing, rolling by a month; every grid point per fold.
    let settings = WalkForwardSettings(train: .bars(4_380), test: .bars(730), warmupBars: 200, trialsPerFold: 1_000, batchSize: 16, seed: 1)
    let wf = WalkForward(settings: settings, space: space, evaluator: evaluator, score: { $0.metrics.sharpe.isFinite ? $0.metrics.sharpe : .nan },
                         makeOptimizer: { space, _ throws(OptimizationError) in try GridOptimizer(space: space) })
    let folds = try WalkForwardWindows.folds(timestamps: bars.ts, barMilliseconds: bars.timeframe.milliseconds, settings: settings)
    let trials = folds.count * folds[0].trialsCount(space)
    let barsRun = folds.reduce(0) { $0 + ($1.train.count + 200) * $1.trialsCount(space) + $1.test.count + 200 }
    let report = try timed("walk-forward (grid per fold)", work: barsRun, unit: "bars") { try wf.run(bars, threads: threads) }
    print("  \(report.folds.count) folds, \(trials) trials; OOS annual return \(report.outOfSample.annualReturn ?? .nan), "
          + "Sharpe \(report.outOfSample.sharpe ?? .nan); efficiency (return, Sharpe) = "
          + "(\(report.efficiency.returnEfficiency.map { String(format: "%.3f", $0) } ?? "n/a"), "
          + "\(report.efficiency.sharpeEfficiency.map { String(format: "%.3f", $0) } ?? "n/a"))")
}

if wanted("monte-carlo") {
    let window = EvaluationWindow(bars: bars, start: 0)
    let point = space.point([.int(10), .int(60)])
    let mc = try MonteCarlo(settings: MonteCarloSettings(paths: paths, seed: 1), threads: threads)
    let engineMethods: [MonteCarloMethod] = [
        .synthetic(.gbm), .synthetic(.garch), .synthetic(.jumpDiffusion), .parameterPerturbation(PerturbationSettings()),
        .costStress(maxMultiplier: 3), .droppedBars(fraction: 0.01),
    ]
    for method in [MonteCarloMethod.tradeReshuffle, .tradeBootstrap, .returnBootstrap(meanBlockLength: 24)] + engineMethods {
        let rerun = engineMethods.contains(method)
        let report = try timed(method.name, work: paths * (rerun ? bars.count : 1), unit: rerun ? "bars" : "paths") {
            try mc.run(method, point: point, space: space, window: window, evaluator: evaluator)
        }
        let f = report.metric("final_equity")!
        print(String(format: "  final equity p5 %.0f  p50 %.0f  p95 %.0f  P(loss) %.3f  P(ruin) %.3f", f.p5, f.p50, f.p95,
                     report.probabilityOfLoss, report.probabilityOfRuin))
    }
}
print(String(format: "peak RSS %.0f MiB", peakRSS()))

extension WalkForwardFold {
    /// Feasible grid points (every one is a trial of the fold).
    func trialsCount(_ space: SearchSpace) -> Int {
        (try? ParameterGrid(space)).map { grid in grid.indices.filter { space.satisfiesConstraints(grid[$0]) }.count } ?? 0
    }
}
