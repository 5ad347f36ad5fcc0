import Foundation

/// Settings of a strategy comparison (the options of `crucible compare`).
public struct ComparisonOptions: Sendable, Equatable {
    /// Periods per year used to annualize (8760 for 1h bars, 365 for 1d).
    public var periodsPerYear: Double
    /// Column every other column is tested against (SPA, reality check, StepM, paired tests).
    public var benchmark: String?
    /// Bootstrap replicates.
    public var replicates: Int
    /// Mean block length of the stationary bootstrap.
    public var blockSize: Double
    /// Seed of the bootstrap stream.
    public var seed: UInt64
    /// Hansen's studentized SPA (default) or arch's unstudentized statistic.
    public var studentized: Bool
    /// Family-wise error rate of StepM.
    public var stepMSize: Double
    /// Size of the model confidence set.
    public var mcsSize: Double

    public init(periodsPerYear: Double, benchmark: String? = nil, replicates: Int = 10_000, blockSize: Double = 10,
                seed: UInt64 = 0, studentized: Bool = true, stepMSize: Double = 0.05, mcsSize: Double = 0.1) {
        self.periodsPerYear = periodsPerYear; self.benchmark = benchmark; self.replicates = replicates
        self.blockSize = blockSize; self.seed = seed; self.studentized = studentized
        self.stepMSize = stepMSize; self.mcsSize = mcsSize
    }
}

/// Metrics of every column side by side and, with two or more columns, the statistical tests
/// comparing them. Built by `StrategyComparison.run`.
public struct ComparisonReport: Sendable {
    /// One column's metrics: (empyrical name, value or nil = undefined) in display order.
    public struct ColumnMetrics: Sendable {
        public var name: String
        public var values: [(name: String, value: Double?)]
        public var undefinedReasons: [String: String]
    }

    /// Paired tests of one column against the benchmark.
    public struct PairedResult: Sendable {
        public var strategy: String
        public var tTestPValue: Double?
        public var wilcoxonPValue: Double?
        public var jobsonKorkieMemmelPValue: Double?
        public var holmAdjusted: Double?
        public var benjaminiHochbergAdjusted: Double?
    }

    public var options: ComparisonOptions
    public var periods: Int
    public var droppedRows: Int
    public var metrics: [ColumnMetrics]
    /// DSR of the best column by Sharpe ratio, with the number of columns as trials.
    public var deflatedSharpe: (best: String, value: Double)?
    public var spa: SuperiorPredictiveAbility?
    public var stepM: StepM?
    public var mcs: ModelConfidenceSet?
    public var paired: [PairedResult]
    /// Column names of the tested strategies (all but the benchmark), in file order.
    public var strategyNames: [String]
    /// All column names in file order.
    public var columnNames: [String]
    /// Notes on undefined or skipped results.
    public var notes: [String]
}

/// Runs the comparison behind `crucible compare`.
public enum StrategyComparison {
    /// Computes metrics per column and the tests: MCS over all columns (≥ 2); with a benchmark,
    /// SPA, reality check, StepM and paired t / Wilcoxon / Jobson–Korkie–Memmel (Holm- and
    /// BH-adjusted) of every other column against it.
    public static func run(_ table: ReturnTable, options: ComparisonOptions) throws(AnalyticsError) -> ComparisonReport {
        let t = table.timestamps.count
        try AnalyticsError.checkCount(t, atLeast: 10, for: "compare")
        if let name = options.benchmark, !table.names.contains(name) {
            throw .invalidArgument(name: "benchmark", expected: "one of the columns \(table.names)", got: name)
        }
        var notes: [String] = []
        if table.droppedRows > 0 { notes.append("\(table.droppedRows) row(s) with a missing or NaN value were dropped to align the columns") }

        var metrics: [ComparisonReport.ColumnMetrics] = []
        var sharpeMoments: [SharpeMoments?] = []
        for (name, column) in zip(table.names, table.columns) {
            let m = try ReturnMetrics(returns: column, periodsPerYear: options.periodsPerYear)
            var values = m.named
            let moments = try? SharpeMoments(returns: column)
            sharpeMoments.append(moments)
            values.append(("probabilistic_sharpe_ratio", moments?.probabilisticSharpe(benchmark: 0)))
            var reasons = m.undefinedReasons
            if moments == nil { reasons["probabilistic_sharpe_ratio"] = "constant series: Sharpe ratio undefined" }
            metrics.append(.init(name: name, values: values, undefinedReasons: reasons))
            for (key, _) in values where reasons[key] != nil { notes.append("\(name): \(key) undefined (\(reasons[key]!))") }
        }

        var report = ComparisonReport(options: options, periods: t, droppedRows: table.droppedRows, metrics: metrics,
                                      deflatedSharpe: nil, spa: nil, stepM: nil, mcs: nil, paired: [],
                                      strategyNames: table.names, columnNames: table.names, notes: notes)
        guard table.columns.count >= 2 else { return report }

        let defined = sharpeMoments.compactMap { $0 }
        if defined.count == sharpeMoments.count {
            let sharpes = defined.map(\.sharpe)
            var best = 0
            for k in sharpes.indices where sharpes[k] > sharpes[best] { best = k }
            let trials = try ExpectedMaximumSharpe(trials: sharpes.count, varianceOfSharpes: Moments.variance(sharpes))
            report.deflatedSharpe = (table.names[best], defined[best].deflatedSharpe(trials: trials))
        }

        report.mcs = try ModelConfidenceSet(strategies: table.columns, size: options.mcsSize, blockSize: options.blockSize,
                                            replicates: options.replicates, seed: options.seed)

        guard let benchName = options.benchmark else { return report }
        let b = table.names.firstIndex(of: benchName)!
        let others = table.names.indices.filter { $0 != b }
        let strategies = others.map { table.columns[$0] }
        report.strategyNames = others.map { table.names[$0] }
        let diff = try LossDifferentials(strategies: strategies, benchmark: table.columns[b], blockSize: options.blockSize,
                                         replicates: options.replicates, seed: options.seed)
        report.spa = SuperiorPredictiveAbility(diff, studentized: options.studentized)
        report.stepM = StepM(diff, size: options.stepMSize, studentized: options.studentized)

        var paired: [ComparisonReport.PairedResult] = []
        for k in others {
            let x = table.columns[k], y = table.columns[b]
            paired.append(.init(strategy: table.names[k],
                                tTestPValue: try? PairedTests.tTest(x, y).pValue,
                                wilcoxonPValue: try? PairedTests.wilcoxon(x, y).pValue,
                                jobsonKorkieMemmelPValue: try? PairedTests.jobsonKorkieMemmel(x, y).pValue))
        }
        let tIndices = paired.indices.filter { paired[$0].tTestPValue != nil }
        let tValues = tIndices.map { paired[$0].tTestPValue! }
        if !tValues.isEmpty {
            let holm = try MultipleTestingAdjustment.holm.adjust(tValues).adjusted
            let bh = try MultipleTestingAdjustment.benjaminiHochberg.adjust(tValues).adjusted
            for (n, i) in tIndices.enumerated() { paired[i].holmAdjusted = holm[n]; paired[i].benjaminiHochbergAdjusted = bh[n] }
        }
        report.paired = paired
        return report
    }
}
