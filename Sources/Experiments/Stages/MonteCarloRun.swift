import Foundation
import MarketData
import Optimization

/// The Monte Carlo stage of a run, on Optimization's `MonteCarlo`: each method the spec lists
/// run at the chosen point, its summaries (percentiles, equity fan, histograms of final return
/// and maximum drawdown) committed to the store and returned for
/// `summary.json`.
///
/// Semantics: the chosen point is the best trial of the search, or with a walk-forward the
/// point its last fold chose (the one you would trade next); it is evaluated over the whole
/// data (`EvaluationWindow` from the first bar). Spec methods map one to one:
/// `block_bootstrap` → stationary bootstrap of bar returns with mean block `block_length`
/// (default: the cube root of the number of bars, rounded), `gbm`/`garch`/`jump_diffusion` →
/// synthetic prices, `parameter_perturbation` → one level (discrete) or ±`perturbation`
/// (continuous), `cost_stress` → multipliers from 1 to `cost_multiplier`, `latency_stress` →
/// `latency_bars`, `dropped_bars` → `drop_fraction`. Paths are seeded from the run's seed, so
/// the summaries do not depend on the thread count (paths run in parallel on either engine).
/// Progress counts paths over every method, weighted by their estimated work. Equity fans keep
/// 101 positions.
enum MonteCarloRun {
    static let fanPoints = 101

    static func method(_ method: MonteCarloMethod, _ spec: MonteCarloSpec, bars: Int) -> Optimization.MonteCarloMethod {
        switch method {
        case .tradeReshuffle: return .tradeReshuffle
        case .tradeBootstrap: return .tradeBootstrap
        case .blockBootstrap:
            return .returnBootstrap(meanBlockLength: Double(spec.blockLength ?? max(1, Int(cbrt(Double(bars)).rounded()))))
        case .gbm: return .synthetic(.gbm)
        case .garch: return .synthetic(.garch)
        case .jumpDiffusion: return .synthetic(.jumpDiffusion)
        case .parameterPerturbation: return .parameterPerturbation(PerturbationSettings(steps: 1, fraction: spec.perturbation))
        case .costStress: return .costStress(maxMultiplier: spec.costMultiplier)
        case .latencyStress: return .latencyStress(bars: spec.latencyBars)
        case .droppedBars: return .droppedBars(fraction: spec.dropFraction)
        }
    }

    /// Runs every method and stores the summaries; returns the `monte_carlo` section of `summary.json`.
    static func run(spec: ExperimentSpec, monteCarlo: MonteCarloSpec, point: TrialPoint, bars: BarSeries, subBars: BarSeries?,
                    evaluator: ClosureEvaluator, threads: Int, store: ResultsStore, runID: String,
                    progress: (@Sendable (RunProgress) -> Void)? = nil) throws(RunError) -> JSONText {
        let settings = MonteCarloSettings(paths: monteCarlo.paths, seed: spec.seed, ruinThreshold: monteCarlo.ruinThreshold,
                                          fanPoints: fanPoints)
        var engine: MonteCarlo
        do { engine = try MonteCarlo(settings: settings, threads: threads) } catch { throw .data("monte_carlo: \(error)") }
        let window = EvaluationWindow(bars: bars, subBars: subBars)
        // Every method's paths are planned up front, so the ETA covers the whole stage.
        engine.progress = RunProgress.tally(.monteCarlo, progress)
        // The event engine runs about 3× slower per bar than the vectorized one (benchmarks/README.md).
        engine.rerunCost = spec.engine.kind == .event ? 3 : 1
        for specMethod in monteCarlo.methods {
            let planned = engine.estimatedWork(method(specMethod, monteCarlo, bars: bars.count), window: window)
            engine.progress?.plan(units: planned.paths, work: planned.work)
        }
        var records: [MonteCarloRecord] = []
        var fans: [MonteCarloFanRecord] = []
        var histograms: [MonteCarloHistogramRecord] = []
        var sections: [(String, JSONText)] = []
        for specMethod in monteCarlo.methods {
            let report: MonteCarloReport
            do {
                report = try engine.run(method(specMethod, monteCarlo, bars: bars.count), point: point, space: spec.strategy.space,
                                        window: window, evaluator: evaluator)
            } catch { throw .data("monte_carlo.\(specMethod.rawValue): \(error)") }
            for metric in report.metrics {
                records.append(MonteCarloRecord(method: specMethod, metric: metric.name, paths: report.paths,
                                                percentiles: [metric.p5, metric.p25, metric.p50, metric.p75, metric.p95], mean: metric.mean,
                                                probabilityOfLoss: report.probabilityOfLoss, probabilityOfRuin: report.probabilityOfRuin))
            }
            let bands = report.fan.indices.indices.map { j in report.fan.bands.map { $0[j] } }
            fans.append(MonteCarloFanRecord(method: specMethod, pathIndices: report.fan.indices, bands: bands))
            histograms += report.histograms.map {
                MonteCarloHistogramRecord(method: specMethod, metric: $0.name, edges: $0.edges, counts: $0.counts)
            }
            sections.append((specMethod.rawValue, json(report)))
        }
        do {
            try store.record(runID: runID, monteCarlo: records)
            try store.record(runID: runID, fans: fans)
            try store.record(runID: runID, histograms: histograms)
        } catch { throw .store(error) }
        return .object([("point", ResultsStore.json(point)), ("paths", .int(Int64(monteCarlo.paths))),
                        ("ruin_threshold", .number(monteCarlo.ruinThreshold)), ("methods", .object(sections))])
    }

    static func json(_ report: MonteCarloReport) -> JSONText {
        let names = ["p5", "p25", "p50", "p75", "p95"]
        return .object([
            ("paths", .int(Int64(report.paths))),
            ("failed_paths", .int(Int64(report.failedPaths))),
            ("probability_of_loss", .number(report.probabilityOfLoss)),
            ("probability_of_ruin", .number(report.probabilityOfRuin)),
            ("metrics", .object(report.metrics.map { m in
                (m.name, .object([("p5", .number(m.p5)), ("p25", .number(m.p25)), ("p50", .number(m.p50)),
                                  ("p75", .number(m.p75)), ("p95", .number(m.p95)), ("mean", .number(m.mean))]))
            })),
            ("fan", .object([("indices", .array(report.fan.indices.map { .int(Int64($0)) }))]
                + zip(names, report.fan.bands).map { ($0, .array($1.map(JSONText.number))) })),
        ])
    }
}
