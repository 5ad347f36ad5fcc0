/// `summary.json`: the run at a glance — trial counts by status, the best trials with their
/// parameters and metrics, and run-level statistics the runner adds (e.g. the probability of
/// backtest overfitting). Holds no timings and no run id (the manifest has both), so it is as
/// reproducible as `ranked.csv`.
public struct ExperimentSummary: Sendable {
    public var run: RunRecord
    public var optimizer: OptimizerKind
    public var counts: [TrialStatus: Int]
    /// The best trials in rank order (at most the spec's `top_k`, at least the best one).
    public var top: [TrialRecord]
    /// Run-level statistics in the order given (nil: undefined).
    public var statistics: [(name: String, value: Double?)]
    /// Sections the run's stages add after `top`, in order (`gaussian_process`, `sobol_baseline`,
    /// `monte_carlo`, `compare`).
    public var sections: [(name: String, value: JSONText)]

    public init(run: RunRecord, optimizer: OptimizerKind, counts: [TrialStatus: Int], top: [TrialRecord],
                statistics: [(name: String, value: Double?)] = [], sections: [(name: String, value: JSONText)] = []) {
        self.run = run; self.optimizer = optimizer; self.counts = counts; self.top = top; self.statistics = statistics
        self.sections = sections
    }

    /// The summary as JSON, members in a fixed order.
    public var json: JSONText {
        let total = counts.values.reduce(0, +)
        return .object([
            ("name", .string(run.name)),
            ("seed", .string(String(run.seed))),
            ("objective", .object([("metric", .string(run.objectiveMetric)), ("direction", .string(run.direction.rawValue))])),
            ("optimizer", .string(optimizer.rawValue)),
            ("trials", .object([("total", .int(Int64(total)))]
                + TrialStatus.allCases.map { ($0.rawValue, .int(Int64(counts[$0] ?? 0))) })),
            ("statistics", .object(statistics.map { ($0.name, .number($0.value)) })),
            ("best", top.first.map(trialJSON) ?? .null),
            ("top", .array(top.map(trialJSON))),
        ] + sections.map { ($0.name, $0.value) })
    }

    private func trialJSON(_ trial: TrialRecord) -> JSONText {
        .object([
            ("trial", .int(Int64(trial.id))),
            ("status", .string(trial.status.rawValue)),
            ("objective", .number(trial.objective)),
            ("parameters", ResultsStore.json(trial.point)),
            ("metrics", .object(zip(run.metricNames, trial.metrics).map { ($0, .number($1)) })),
        ])
    }
}
