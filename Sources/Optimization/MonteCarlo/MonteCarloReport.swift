/// Percentiles and mean of one metric over the Monte Carlo paths.
///
/// Semantics: percentiles are numpy's default (linear interpolation, Hyndman–Fan type 7)
/// over the paths where the metric is finite (`count` of them); all NaN when none is.
public struct MetricDistribution: Sendable, Hashable {
    public var name: String
    public var count: Int
    public var p5: Double
    public var p25: Double
    public var p50: Double
    public var p75: Double
    public var p95: Double
    public var mean: Double
}

/// Percentile bands of equity along the paths, memory bounded.
///
/// Semantics: each path keeps its equity at `fanPoints` positions only: position j of a path
/// of n points is index round(j·(n − 1)/(fanPoints − 1)) (every index when n ≤ fanPoints).
/// `indices` are those indices for the method's nominal path length (bars of the run, or
/// trades plus one for trade methods); paths of another length (dropped bars) are read at
/// the same fractions of their length. `bands[k][j]` is percentile `percentiles[k]` of the
/// paths' equity at position j. Memory is paths × fanPoints, whatever the path length.
public struct EquityFan: Sendable, Hashable {
    public var percentiles: [Double]
    public var indices: [Int]
    public var bands: [[Double]]
}

/// The outcome of one Monte Carlo method.
///
/// Semantics: every path starts at `initialEquity`; the probability of loss is the share of
/// paths ending below it, the probability of ruin the share whose equity ever falls below
/// `ruinThreshold × initialEquity`. Failed paths (an evaluation that threw) are counted and
/// left out of every figure. Metrics, in this order: final_equity, total_return,
/// annual_return (CAGR), max_drawdown (≤ 0), sharpe (annualized, ddof 1), and trade_count for
/// methods that rerun the strategy. `histograms` bin the paths' total_return and max_drawdown
/// (`MetricHistogram`, 40 bins each).
public struct MonteCarloReport: Sendable, Hashable {
    public var method: String
    public var paths: Int
    public var failedPaths: Int
    public var initialEquity: Double
    public var metrics: [MetricDistribution]
    public var probabilityOfLoss: Double
    public var probabilityOfRuin: Double
    public var ruinThreshold: Double
    public var fan: EquityFan
    public var histograms: [MetricHistogram] = []

    /// The distribution of metric `name`.
    public func metric(_ name: String) -> MetricDistribution? { metrics.first { $0.name == name } }

    /// The histogram of metric `name` (total_return or max_drawdown).
    public func histogram(_ name: String) -> MetricHistogram? { histograms.first { $0.name == name } }
}
