import Analytics
import Foundation
import Simulation

/// What one Monte Carlo path leaves behind: its metrics and its equity at the fan positions.
struct PathSummary: Sendable {
    static let metricNames = ["final_equity", "total_return", "annual_return", "max_drawdown", "sharpe"]
    /// The metrics whose per-path values are also kept as histograms.
    static let histogramNames = ["total_return", "max_drawdown"]

    var initial: Double
    var metrics: [Double]
    var ruined: Bool
    var lost: Bool
    var fan: [Double]

    /// Summarizes an equity path (first point = initial equity) in one pass (`EquityStats`).
    init(equity: [Double], periodsPerYear: Double, tradeCount: Int?, ruinLevel: Double, fanPoints: Int) {
        var stats = EquityStats()
        var lowest = Double.infinity
        for e in equity {
            stats.add(e)
            lowest = min(lowest, e)
        }
        let initial = equity[0], final = equity[equity.count - 1]
        self.initial = initial
        let growth = final / initial
        let periods = Double(equity.count - 1)
        let cagr = periods > 0 ? (growth <= 0 ? -1 : pow(growth, periodsPerYear / periods) - 1) : .nan
        metrics = [final, growth - 1, cagr, stats.maxDrawdown, stats.sharpe(periodsPerYear: periodsPerYear)]
        if let tradeCount { metrics.append(Double(tradeCount)) }
        ruined = lowest < ruinLevel
        lost = final < initial
        fan = Self.fanIndices(length: equity.count, points: fanPoints).map { equity[$0] }
    }

    /// The fan positions of a path of `length` points.
    static func fanIndices(length: Int, points: Int) -> [Int] {
        guard length > points else { return Array(0..<length).padded(to: points) }
        let scale = Double(length - 1) / Double(points - 1)
        return (0..<points).map { Int((Double($0) * scale).rounded()) }
    }
}

extension Array where Element == Int {
    /// Repeats the last index so short paths fill every fan position.
    fileprivate func padded(to n: Int) -> [Int] {
        self + [Int](repeating: last ?? 0, count: Swift.max(0, n - count))
    }
}

extension MonteCarloReport {
    /// Aggregates path summaries (nil = failed path) in path order.
    init(method: String, paths: [PathSummary?], initialEquity: Double, nominalLength: Int,
         settings: MonteCarloSettings) throws(ValidationError) {
        let done = paths.compactMap { $0 }
        guard !done.isEmpty else { throw .evaluation("\(method): all \(paths.count) Monte Carlo paths failed") }
        let names = PathSummary.metricNames + (done[0].metrics.count > PathSummary.metricNames.count ? ["trade_count"] : [])
        let n = Double(done.count)
        let percentiles: [Double] = [5, 25, 50, 75, 95]
        let fanIndices = PathSummary.fanIndices(length: nominalLength, points: settings.fanPoints)
        let width = done[0].fan.count
        self.init(
            method: method, paths: paths.count, failedPaths: paths.count - done.count, initialEquity: initialEquity,
            metrics: names.indices.map { k in
                MetricDistribution(name: names[k], values: done.map { $0.metrics[k] })
            },
            probabilityOfLoss: Double(done.filter(\.lost).count) / n,
            probabilityOfRuin: Double(done.filter(\.ruined).count) / n,
            ruinThreshold: settings.ruinThreshold,
            fan: EquityFan(percentiles: percentiles, indices: fanIndices, bands: Self.bands(done, width: width, percentiles: percentiles)),
            histograms: PathSummary.histogramNames.map { name in
                let k = names.firstIndex(of: name)!
                return MetricHistogram(name: name, values: done.map { $0.metrics[k] })
            })
    }
}

extension MonteCarloReport {
    /// bands[k][j]: percentile k of the paths' equity at fan position j (one sort per position).
    static func bands(_ paths: [PathSummary], width: Int, percentiles: [Double]) -> [[Double]] {
        var bands = [[Double]](repeating: [Double](repeating: .nan, count: width), count: percentiles.count)
        var column: [Double] = []
        column.reserveCapacity(paths.count)
        for j in 0..<width {
            column.removeAll(keepingCapacity: true)
            for path in paths where path.fan[j].isFinite { column.append(path.fan[j]) }
            guard !column.isEmpty else { continue }
            column.sort()
            for (k, q) in percentiles.enumerated() { bands[k][j] = Moments.percentile(sorted: column, q) }
        }
        return bands
    }
}

extension MetricDistribution {
    /// Percentiles and mean of the finite `values`.
    init(name: String, values: [Double]) {
        let sorted = values.filter(\.isFinite).sorted()
        func p(_ q: Double) -> Double { sorted.isEmpty ? .nan : Moments.percentile(sorted: sorted, q) }
        self.init(name: name, count: sorted.count, p5: p(5), p25: p(25), p50: p(50), p75: p(75), p95: p(95),
                  mean: sorted.isEmpty ? .nan : Moments.sum(sorted) / Double(sorted.count))
    }
}
