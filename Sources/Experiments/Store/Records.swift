import Analytics
import Optimization
import Simulation
import Strategies

/// One run of an experiment as the store keeps it.
public struct RunRecord: Sendable, Equatable {
    public var id: String
    public var name: String
    /// The spec file's bytes as given (also copied next to the results).
    public var specText: String
    public var specSHA256: String
    public var dataSHA256: String
    public var engineVersion: String
    public var seed: UInt64
    /// Parameter names in declaration order (the columns of every trial).
    public var parameterNames: [String]
    /// Metric names in the order the runner reports them.
    public var metricNames: [String]
    public var objectiveMetric: String
    public var direction: ObjectiveSpec.Direction

    public init(id: String, name: String, specText: String, specSHA256: String, dataSHA256: String,
                engineVersion: String, seed: UInt64, parameterNames: [String], metricNames: [String],
                objectiveMetric: String, direction: ObjectiveSpec.Direction) {
        self.id = id; self.name = name; self.specText = specText; self.specSHA256 = specSHA256
        self.dataSHA256 = dataSHA256; self.engineVersion = engineVersion; self.seed = seed
        self.parameterNames = parameterNames; self.metricNames = metricNames
        self.objectiveMetric = objectiveMetric; self.direction = direction
    }
}

/// How a trial ended.
///
/// Semantics: `ok` trials are ranked by their objective; `infeasible` ones ran but broke an
/// objective limit (too few trades, too deep a drawdown) and rank after every `ok` one;
/// `failed` ones threw (their `error` says why) and rank last.
public enum TrialStatus: String, Sendable, CaseIterable {
    case ok, infeasible, failed
}

/// One evaluated parameter set.
///
/// Semantics: `id` is the trial's index in proposal order (0, 1, 2, …), which the optimizer's
/// seeded streams fix independently of the thread count; it breaks ranking ties. `metrics`
/// are in the run's `metricNames` order; a metric undefined for this trial is nil.
/// `sharpe` holds the per-period Sharpe moments of the trial's returns (nil when undefined),
/// from which ranked outputs deflate the Sharpe ratio for the number of trials actually run.
/// `durationSeconds` is wall time and never reaches `ranked.csv`.
public struct TrialRecord: Sendable, Equatable {
    public var id: Int
    public var point: TrialPoint
    public var metrics: [Double?]
    public var objective: Double?
    public var status: TrialStatus
    public var error: String?
    public var seed: UInt64
    public var sharpe: SharpeMoments?
    public var durationSeconds: Double

    public init(id: Int, point: TrialPoint, metrics: [Double?], objective: Double?, status: TrialStatus,
                error: String? = nil, seed: UInt64, sharpe: SharpeMoments? = nil, durationSeconds: Double) {
        self.id = id; self.point = point; self.metrics = metrics; self.objective = objective
        self.status = status; self.error = error; self.seed = seed; self.sharpe = sharpe
        self.durationSeconds = durationSeconds
    }
}

/// The full detail kept for a top-K trial: equity at every bar close, every trade and every
/// risk event (a limit firing, an order refused or resized).
public struct TrialCurves: Sendable, Equatable {
    public var timestamps: [Int64]
    public var equity: [Double]
    public var trades: [Trade]
    public var riskEvents: [RiskEvent]

    public init(timestamps: [Int64], equity: [Double], trades: [Trade], riskEvents: [RiskEvent] = []) {
        precondition(timestamps.count == equity.count, "one equity value per timestamp")
        self.timestamps = timestamps
        self.equity = equity
        self.trades = trades
        self.riskEvents = riskEvents
    }
}

/// One walk-forward fold: its windows (epoch ms, end exclusive), the parameters chosen on the
/// training window, and the metrics in and out of sample (in the run's `metricNames` order).
public struct FoldRecord: Sendable, Equatable {
    public var index: Int
    public var trainStart: Int64
    public var trainEnd: Int64
    public var testStart: Int64
    public var testEnd: Int64
    public var point: TrialPoint
    public var inSample: [Double?]
    public var outOfSample: [Double?]

    public init(index: Int, trainStart: Int64, trainEnd: Int64, testStart: Int64, testEnd: Int64,
                point: TrialPoint, inSample: [Double?], outOfSample: [Double?]) {
        self.index = index; self.trainStart = trainStart; self.trainEnd = trainEnd
        self.testStart = testStart; self.testEnd = testEnd; self.point = point
        self.inSample = inSample; self.outOfSample = outOfSample
    }
}

/// The distribution of one metric under one Monte Carlo method.
public struct MonteCarloRecord: Sendable, Equatable {
    public var method: MonteCarloMethod
    public var metric: String
    public var paths: Int
    /// Percentiles 5, 25, 50, 75 and 95.
    public var percentiles: [Double]
    public var mean: Double
    public var probabilityOfLoss: Double
    public var probabilityOfRuin: Double

    public init(method: MonteCarloMethod, metric: String, paths: Int, percentiles: [Double], mean: Double,
                probabilityOfLoss: Double, probabilityOfRuin: Double) {
        precondition(percentiles.count == 5, "percentiles 5, 25, 50, 75, 95")
        self.method = method; self.metric = metric; self.paths = paths; self.percentiles = percentiles
        self.mean = mean; self.probabilityOfLoss = probabilityOfLoss; self.probabilityOfRuin = probabilityOfRuin
    }
}

/// The equity fan of one Monte Carlo method: percentile bands of equity along the paths.
///
/// Semantics: `pathIndices[j]` is the bar (or trade) index of fan position j on the method's
/// nominal path; `bands[j]` holds percentiles 5, 25, 50, 75 and 95 of the paths' equity there.
public struct MonteCarloFanRecord: Sendable, Equatable {
    public var method: MonteCarloMethod
    public var pathIndices: [Int]
    public var bands: [[Double]]

    public init(method: MonteCarloMethod, pathIndices: [Int], bands: [[Double]]) {
        precondition(pathIndices.count == bands.count && bands.allSatisfy { $0.count == 5 }, "one row of 5 percentiles per position")
        self.method = method; self.pathIndices = pathIndices; self.bands = bands
    }
}

/// The stitched out-of-sample equity of a walk-forward: a base point, then every test bar.
public struct OutOfSampleEquity: Sendable, Equatable {
    public var timestamps: [Int64]
    public var equity: [Double]

    public init(timestamps: [Int64], equity: [Double]) {
        precondition(timestamps.count == equity.count, "one equity mark per timestamp")
        self.timestamps = timestamps; self.equity = equity
    }
}
