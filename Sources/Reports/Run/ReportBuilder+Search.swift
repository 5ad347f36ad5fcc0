import Experiments
import MarketData
import Optimization

extension ReportBuilder {
    /// Rows of the ranked table.
    static let rankedRows = 20
    /// Distinct values per axis up to which a two-parameter search is drawn as a heatmap.
    static let heatmapMaxValues = 60

    /// The search: the ranked top trials, the objective over the parameters (heatmap for two,
    /// parallel coordinates for more), the Bayesian best-so-far curve and fitted length scales,
    /// deflated Sharpe and PBO.
    func searchSection(_ trials: SearchTrials) -> HTMLSection? {
        let run = results.run
        let top = trials.top, objectives = trials.objectives, values = trials.values
        guard !top.isEmpty else { return nil }
        let total = values.count
        var blocks: [HTMLBlock] = [.table(rankedTable(top, total: total))]
        let higher = run.direction == .maximize
        let objectiveName = ReportText.label(run.objectiveMetric)
        let free = self.free.filter { k in values.allSatisfy { $0[k].isFinite } }
        if free.count == 2, let heat = heatmap(free[0], free[1], values: values, objectives: objectives,
                                              objectiveName: objectiveName, higher: higher) {
            blocks.append(heat)
        } else if free.count >= 2 {
            let rows = values.indices.map { i in free.map { values[i][$0] } + [objectives[i]] }
            blocks.append(.chart(svg: ParallelCoordinatesChart(title: "Objective over the parameters (\(total) trials)",
                                                               axes: free.map { run.parameterNames[$0] } + [objectiveName],
                                                               rows: rows, higherIsBetter: higher).render(),
                                 caption: "One line per trial; darker lines scored better, the best are drawn on top."))
        }
        if results.spec.optimizer.kind == .bayesian {
            let baseline = sobolBaseline()
            blocks.append(.chart(svg: BestSoFarChart(title: "Search progress", objectives: objectives, objectiveName: objectiveName,
                                                     higherIsBetter: higher, baseline: baseline,
                                                     baselineName: "Sobol search of the same budget").render(),
                                 caption: "Dots are trials in the order proposed; the line is the best so far"
                                     + (baseline.isEmpty ? "." : "; the dashed line is the best so far of as many seeded Sobol points, evaluated after the search (the first ones are the Bayesian search's own initial design).")))
            blocks += gaussianProcessBlocks() ?? []
        }
        blocks += overfitting()
        return HTMLSection(title: "Search", blocks: blocks)
    }

    /// The objectives of `summary.json`'s `sobol_baseline` section (NaN for null), or none.
    private func sobolBaseline() -> [Double] {
        guard case let .object(section)? = results.summary["sobol_baseline"], case let .array(values)? = section["objectives"] else { return [] }
        return values.map { $0.doubleValue ?? .nan }
    }

    private func rankedTable(_ top: [(Int, TrialRecord)], total: Int) -> HTMLTable {
        let run = results.run
        let shown = [run.objectiveMetric] + ["sharpe_ratio", "annual_return", "max_drawdown", "trade_count"]
            .filter { $0 != run.objectiveMetric }
        let indices = shown.map { results.metricIndex($0) }
        let rows: [[HTMLTable.Cell]] = top.map { rank, trial in
            [.number(Double(rank), decimals: 0), .number(Double(trial.id), decimals: 0)]
                + free.map { k -> HTMLTable.Cell in
                    let value = trial.point.values[k]
                    return value.number != nil ? .figure(ReportText.value(value)) : .text(ReportText.value(value))
                }
                + zip(shown, indices).map { name, index in ReportText.cell(index.flatMap { trial.metrics[$0] }, metric: name) }
                + [.text(trial.status.rawValue)]
        }
        return HTMLTable(columns: ["Rank", "Trial"] + free.map { run.parameterNames[$0] } + shown.map(ReportText.label) + ["Status"], rows: rows,
                         caption: "Top \(top.count) of \(total) trials by \(run.direction.rawValue) \(run.objectiveMetric)")
    }

    /// The objective over a two-parameter grid (the best trial per cell), when the trials form a
    /// grid (a grid search, or at least half the cells filled) with few values per axis;
    /// parallel coordinates otherwise.
    private func heatmap(_ x: Int, _ y: Int, values: [[Double]], objectives: [Double], objectiveName: String,
                         higher: Bool) -> HTMLBlock? {
        let xs = Array(Set(values.map { $0[x] })).sorted(), ys = Array(Set(values.map { $0[y] })).sorted()
        let filled = Set(values.map { [$0[x], $0[y]] }).count
        let gridLike = results.spec.optimizer.kind == .grid || 2 * filled >= xs.count * ys.count
        guard gridLike, xs.count <= Self.heatmapMaxValues, ys.count <= Self.heatmapMaxValues else {
            let names = results.run.parameterNames
            let rows = values.indices.map { [values[$0][x], values[$0][y], objectives[$0]] }
            return .chart(svg: ParallelCoordinatesChart(title: "Objective over the parameters", axes: [names[x], names[y], objectiveName],
                                                        rows: rows, higherIsBetter: higher).render(),
                          caption: "One line per trial; darker lines scored better.")
        }
        var grid = [[Double]](repeating: [Double](repeating: .nan, count: xs.count), count: ys.count)
        for i in values.indices where objectives[i].isFinite {
            let c = xs.firstIndex(of: values[i][x])!, r = ys.firstIndex(of: values[i][y])!
            let old = grid[r][c]
            if old.isNaN || (higher ? objectives[i] > old : objectives[i] < old) { grid[r][c] = objectives[i] }
        }
        let names = results.run.parameterNames
        return .chart(svg: ParameterHeatmap(title: "\(objectiveName) over \(names[x]) × \(names[y])", xName: names[x], yName: names[y],
                                            xValues: xs, yValues: ys, values: grid, objectiveName: objectiveName,
                                            higherIsBetter: higher).render(),
                      caption: "Grey cells were not evaluated, excluded by a constraint, or infeasible; the best cell is outlined.")
    }

    /// Deflated Sharpe ratio and PBO with one sentence each on how to read them.
    private func overfitting() -> [HTMLBlock] {
        var rows: [(key: String, value: String)] = []
        var notes: [HTMLBlock] = []
        if let dsr = results.statistic("deflated_sharpe_ratio_of_best") {
            rows.append(("Deflated Sharpe ratio of the best trial", NumberText.fixed(dsr, decimals: 3)))
            notes.append(.note("The deflated Sharpe ratio is the probability that the best trial's true Sharpe ratio is above zero after allowing for how many trials were tried; below 0.95 its edge is not established."))
        }
        if let pbo = results.statistic("pbo") {
            rows.append(("Probability of backtest overfitting (PBO)", NumberText.percent(pbo, decimals: 1)))
            notes.append(.note("PBO is how often the in-sample winner ranks in the bottom half out of sample across combinatorial splits; near 50% or above, picking the best trial is no better than picking at random."))
        }
        guard !rows.isEmpty else { return [] }
        return [.subsection(title: "Overfitting", blocks: [.keyValues(rows)] + notes)]
    }
}
