import Dispatch
import Foundation
import MarketData
import Optimization
import Simulation
import Strategies

/// Runs parameter sets of a spec through the engine it names.
///
/// Semantics: the strategy is built from each point through `StrategySpec.parameterSet`; the
/// slippage model is chosen once from the spec (`SlippageSetting.apply`) and passed as the
/// engines' generic parameter. On the vectorized engine a batch of points is one
/// `VectorizedEngine.sweep`: every column shares one indicator cache (each distinct indicator
/// column computed once per batch) and the workers split the columns; on the event engine the
/// points run one by one on all threads. Either way every trial's metrics come from the same
/// `TrialMetrics.compute` over its full result, in memory, and nothing but the figures is kept:
/// the runner re-runs the final top K with `backtest` for their curves. A trial's duration is
/// its share of the batch's CPU time (wall time × workers ÷ trials). The evaluator holds no
/// mutable state, so it can be shared across threads.
struct TrialEvaluator: Sendable {
    let spec: ExperimentSpec
    let bars: BarSeries
    /// Whether outcomes carry the UTC-day returns the PBO needs.
    var keepDaily = false
    /// The finer bars `intrabar: sub_bars` replays (`data.sub_bars`).
    var subBars: BarSeries? = nil

    /// One evaluated trial: its record and, when kept, its daily returns for the PBO.
    struct Outcome: Sendable {
        var record: TrialRecord
        var daily: [Double]?
    }

    /// The backtest of `values` (declaration order), with the spec's exits, sizing and risk limits.
    func backtest(_ values: [Optimization.ParameterValue]) throws -> BacktestResult {
        let modifiers = try self.modifiers(values)
        try checkImportedColumns()
        let strategy = try SpecBacktest.strategy(spec, values)
        return try spec.engine.slippage.apply(SingleRun(strategy: strategy, modifiers: modifiers, kind: spec.engine.kind,
                                                        config: spec.engine.config, bars: bars, subBars: subBars))
    }

    /// The spec's modifiers at a point (nil when it has none).
    func modifiers(_ values: [Optimization.ParameterValue]) throws -> Modifiers? {
        try PointModifiers.of(spec, values, periodsPerYear: bars.periodsPerYear)
    }

    /// Imported columns must overlap the bars the run trades.
    private func checkImportedColumns() throws {
        for series in spec.strategy.imported + spec.strategy.modifiers.levelColumns { try series.checkOverlap(with: bars.ts) }
    }

    /// The backtest of any registered strategy's parameters under the spec's engine settings,
    /// without the spec's modifiers (compare's rivals).
    func backtest(parameters: ParameterSet) throws -> BacktestResult {
        let strategy = try StrategyRegistry.type(named: parameters.strategy).init(parameters: parameters)
        return try spec.engine.slippage.apply(SingleRun(strategy: strategy, modifiers: nil, kind: spec.engine.kind,
                                                        config: spec.engine.config, bars: bars, subBars: subBars))
    }

    /// Evaluates `points` (trial ids `ids`, the run's `seed`) on `threads` workers; outcomes in
    /// the order of `points`.
    func evaluate(_ points: [TrialPoint], ids: [Int], seed: UInt64, threads: Int) -> [Outcome] {
        let clock = ContinuousClock()
        let started = clock.now
        var outcomes = zip(points, ids).map { point, id in
            Outcome(record: TrialRecord(id: id, point: point, metrics: Array(repeating: nil, count: TrialMetrics.names.count),
                                        objective: nil, status: .failed, seed: ExperimentRunner.trialSeed(seed, id),
                                        durationSeconds: 0),
                    daily: nil)
        }
        let slots = OutcomeSlots(outcomes)
        if let columns = sweepColumns() {
            do {
                try checkImportedColumns()
                try spec.engine.slippage.apply(BatchSweep(evaluator: self, columns: columns, points: points, threads: threads, slots: slots))
            } catch {
                slots.failAll(String(describing: error))
            }
        } else {
            let workers = max(1, min(threads, points.count))
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                for i in stride(from: worker, to: points.count, by: workers) {
                    do { slots.measure(i, try backtest(points[i].values), self) } catch { slots.fail(i, String(describing: error)) }
                }
            }
        }
        outcomes = slots.values
        let elapsed = clock.now - started
        let share = ExperimentRunner.seconds(elapsed) * Double(max(1, min(threads, points.count))) / Double(max(points.count, 1))
        for k in outcomes.indices { outcomes[k].record.durationSeconds = share }
        return outcomes
    }

    /// How a batch becomes sweep columns: nil when the spec runs on the event engine or its
    /// strategy has no vectorized form (its points then run one by one).
    private func sweepColumns() -> BatchSweep.Columns? {
        guard spec.engine.kind == .vectorized else { return nil }
        if spec.strategy.rules != nil { return .rules }
        guard let type = (try? StrategyRegistry.type(named: spec.strategy.name)) as? any (RegisteredStrategy & VectorizedStrategy).Type else {
            return nil
        }
        return .registered(type)
    }

    /// The record's metrics, objective and status from a finished backtest, plus its daily returns when kept.
    func measure(_ result: BacktestResult, into outcome: inout Outcome) {
        do {
            let measured = try TrialMetrics.compute(result, initialCash: spec.engine.config.initialCash, periodsPerYear: bars.periodsPerYear)
            outcome.record.metrics = measured.metrics
            outcome.record.sharpe = measured.sharpe
            outcome.record.objective = measured.metrics[ObjectiveMetric.allCases.firstIndex(of: spec.objective.metric)!]
            outcome.record.status = Self.feasible(measured.metrics, spec.objective) ? .ok : .infeasible
            if keepDaily {
                outcome.daily = Overfitting.dailyReturns(timestamps: result.timestamps, equity: result.equity,
                                                         initialCash: spec.engine.config.initialCash, timeframe: bars.timeframe)
            }
        } catch {
            outcome.record.error = String(describing: error)
        }
    }

    /// The objective's limits: enough trades, a drawdown no deeper than allowed.
    static func feasible(_ metrics: [Double?], _ objective: ObjectiveSpec) -> Bool {
        let all = ObjectiveMetric.allCases
        if let minTrades = objective.minTrades,
           (metrics[all.firstIndex(of: .tradeCount)!] ?? 0) < Double(minTrades) { return false }
        if let limit = objective.maxDrawdown,
           let drawdown = metrics[all.firstIndex(of: .maxDrawdown)!], -drawdown > limit { return false }
        return true
    }
}

/// One backtest of a built strategy on the spec's engine with a concrete slippage model.
private struct SingleRun: SlippageVisitor {
    /// A built-in or a rule strategy.
    let strategy: any EventStrategy & Sendable
    /// Exits, sizing and risk limits around it (nil: none).
    let modifiers: Modifiers?
    let kind: EngineKind
    let config: EngineConfig
    let bars: BarSeries
    let subBars: BarSeries?

    func visit<Model: SlippageModel>(_ model: Model) throws -> BacktestResult {
        switch kind {
        case .event:
            return try event(strategy, EventEngine(config: config, slippage: model))
        case .vectorized:
            guard let vectorized = strategy as? any VectorizedStrategy else {
                let name = (strategy as? any RegisteredStrategy).map { type(of: $0).descriptor.name } ?? "the strategy"
                throw StrategyError.unsupportedEngine(strategy: name, engine: "vectorized")
            }
            return try self.vectorized(vectorized, VectorizedEngine(config: config, slippage: model))
        }
    }

    private func event<S: EventStrategy, Model: SlippageModel>(_ s: S, _ engine: EventEngine<Model>) throws -> BacktestResult {
        guard let modifiers else { return try engine.run(s, bars: bars, subBars: subBars) }
        return try engine.run(modifiers.apply(s, instruments: [config.trading(bars.instrument)]), bars: bars, subBars: subBars)
    }

    private func vectorized<S: VectorizedStrategy, Model: SlippageModel>(_ s: S, _ engine: VectorizedEngine<Model>) throws -> BacktestResult {
        guard let modifiers else { return try engine.run(s, bars: bars, subBars: subBars) }
        return try engine.run(modifiers.vectorized(s, instrument: config.trading(bars.instrument)), bars: bars, subBars: subBars)
    }
}

/// A batch of points as one vectorized sweep: columns built from the points (a point the
/// strategy refuses fails alone), run over one shared cache, each result measured on its worker.
private struct BatchSweep: SlippageVisitor {
    /// Where the columns come from: a registered strategy type, or the spec's rules.
    enum Columns {
        case registered(any (RegisteredStrategy & VectorizedStrategy).Type)
        case rules
    }

    let evaluator: TrialEvaluator
    let columns: Columns
    let points: [TrialPoint]
    let threads: Int
    let slots: OutcomeSlots

    func visit<Model: SlippageModel>(_ model: Model) throws {
        let strategy = evaluator.spec.strategy
        switch columns {
        case let .registered(type): try sweep(type, model)
        case .rules: try sweep(model) { try strategy.ruleStrategy($0.values) }
        }
    }

    private func sweep<S: RegisteredStrategy & VectorizedStrategy, Model: SlippageModel>(_: S.Type, _ model: Model) throws {
        let strategy = evaluator.spec.strategy
        try sweep(model) { try S(parameters: strategy.parameterSet($0.values)) }
    }

    /// Columns with the spec's modifiers when it has any (`Modified` keeps the base's cache and kernel).
    private func sweep<S: VectorizedStrategy, Model: SlippageModel>(_ model: Model, _ build: @escaping (TrialPoint) throws -> S) throws {
        guard !evaluator.spec.strategy.modifiers.isEmpty else { return try sweepColumns(model, build) }
        let evaluator = self.evaluator, instrument = evaluator.spec.engine.config.trading(evaluator.bars.instrument)
        try sweepColumns(model) { point in
            try evaluator.modifiers(point.values)!.vectorized(try build(point), instrument: instrument)
        }
    }

    private func sweepColumns<S: VectorizedStrategy, Model: SlippageModel>(_ model: Model, _ build: (TrialPoint) throws -> S) throws {
        var columns: [S] = []
        var pointOf: [Int] = []
        for (i, point) in points.enumerated() {
            do {
                columns.append(try build(point))
                pointOf.append(i)
            } catch {
                slots.fail(i, String(describing: error))
            }
        }
        guard !columns.isEmpty else { return }
        let engine = VectorizedEngine(config: evaluator.spec.engine.config, slippage: model)
        let slots = self.slots, evaluator = self.evaluator
        do {
            try engine.sweep(columns, bars: evaluator.bars, subBars: evaluator.subBars, threads: threads) { column, result in
                slots.measure(pointOf[column], result, evaluator)
            }
        } catch {
            for i in pointOf { slots.fail(i, String(describing: error)) }
        }
    }
}

/// Per-point outcome slots filled by concurrent workers (each index written by one worker).
private final class OutcomeSlots: @unchecked Sendable {
    private var outcomes: [TrialEvaluator.Outcome]
    private let lock = NSLock()

    init(_ outcomes: [TrialEvaluator.Outcome]) { self.outcomes = outcomes }

    /// Measures `result` outside the lock, then stores it at `i`.
    func measure(_ i: Int, _ result: BacktestResult, _ evaluator: TrialEvaluator) {
        lock.lock()
        var outcome = outcomes[i]
        lock.unlock()
        evaluator.measure(result, into: &outcome)
        lock.lock()
        outcomes[i] = outcome
        lock.unlock()
    }

    func fail(_ i: Int, _ message: String) {
        lock.lock()
        outcomes[i].record.error = message
        outcomes[i].record.status = .failed
        lock.unlock()
    }

    func failAll(_ message: String) {
        for i in outcomes.indices { fail(i, message) }
    }

    var values: [TrialEvaluator.Outcome] {
        lock.lock()
        defer { lock.unlock() }
        return outcomes
    }
}
