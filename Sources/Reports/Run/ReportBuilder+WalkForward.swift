import Experiments
import MarketData

extension ReportBuilder {
    /// Walk-forward: the folds on a timeline, in-sample against out-of-sample metrics per fold,
    /// the out-of-sample equity stitched from the folds, and the efficiency. Nil without folds.
    func walkForwardSection() throws(ReportError) -> HTMLSection? {
        let folds: [FoldRecord]
        do { folds = try results.store.folds(runID: results.runID) } catch { throw .store(error.description) }
        guard !folds.isEmpty else { return nil }
        let run = results.run
        let objective = run.objectiveMetric
        var blocks: [HTMLBlock] = [
            .chart(svg: WalkForwardTimeline(folds: folds.map {
                WalkForwardFold(trainStart: $0.trainStart, trainEnd: $0.trainEnd, testStart: $0.testStart, testEnd: $0.testEnd)
            }).render(), caption: timelineCaption()),
        ]
        let shown = [objective] + ["annual_return"].filter { $0 != objective }
        let indices = shown.map { results.metricIndex($0) }
        func metric(_ values: [Double?], _ index: Int?) -> Double? {
            guard let index, index < values.count else { return nil }
            return values[index]
        }
        let rows: [[HTMLTable.Cell]] = folds.map { f in
            [.number(Double(f.index + 1), decimals: 0), .figure(ReportText.date(f.trainStart)),
             .figure(ReportText.date(f.testStart)), .figure(ReportText.date(f.testEnd)), .text(self.free.map { ReportText.value(f.point.values[$0]) }.joined(separator: " / "))]
                + zip(shown, indices).flatMap { name, index in
                    [ReportText.cell(metric(f.inSample, index), metric: name), ReportText.cell(metric(f.outOfSample, index), metric: name)]
                }
        }
        let columns = ["Fold", "Train from", "Test from", "Test to", "Chosen " + free.map { run.parameterNames[$0] }.joined(separator: " / ")]
            + shown.flatMap { ["IS " + ReportText.label($0), "OOS " + ReportText.label($0)] }
        blocks.append(.table(HTMLTable(columns: columns, rows: rows,
                                       caption: "IS: in-sample (the training window the parameters were chosen on); OOS: the test window after it.")))
        if let stitched = try stitchedEquity() { blocks.append(stitched) }
        var stats: [(key: String, value: String)] = []
        for (name, label) in [("walk_forward_efficiency_sharpe", "Walk-forward efficiency (Sharpe)"),
                              ("walk_forward_efficiency_annual_return", "Walk-forward efficiency (annual return)"),
                              ("walk_forward_oos_sharpe_ratio", "Stitched out-of-sample Sharpe ratio"),
                              ("walk_forward_oos_annual_return", "Stitched out-of-sample annual return"),
                              ("walk_forward_oos_max_drawdown", "Stitched out-of-sample max drawdown")] {
            if let value = results.statistic(name) { stats.append((label, ReportText.text(value, metric: name))) }
        }
        for name in run.parameterNames {
            if let cv = results.statistic("walk_forward_stability_\(name)") {
                stats.append(("Variation of \(name) across folds", NumberText.fixed(cv, decimals: 2)))
            }
        }
        if !stats.isEmpty {
            blocks.append(.keyValues(stats))
            blocks.append(.note("Walk-forward efficiency is out-of-sample performance over in-sample performance of the chosen parameters: near 1 the optimum carried over, well below 1 (or negative) it was fitted to noise. Variation is the coefficient of variation of a parameter's chosen values (0 = the same every fold)."))
        }
        return HTMLSection(title: "Walk-forward", blocks: blocks)
    }

    private func timelineCaption() -> String? {
        guard let wf = results.spec.walkForward else { return nil }
        func length(_ w: WindowLength) -> String {
            switch w {
            case let .bars(n): return "\(n) bars"
            case let .duration(ms): return ms % 86_400_000 == 0 ? "\(ms / 86_400_000) days" : "\(ms / 3_600_000) hours"
            }
        }
        return "\(wf.mode.rawValue.prefix(1).uppercased() + wf.mode.rawValue.dropFirst()) windows: \(length(wf.train)) in-sample, "
            + "\(length(wf.test)) out-of-sample, advancing \(length(wf.step))."
    }

    /// The stitched out-of-sample equity the run stored, nil when absent.
    private func stitchedEquity() throws(ReportError) -> HTMLBlock? {
        let stitched: OutOfSampleEquity?
        do { stitched = try results.store.outOfSampleEquity(runID: results.runID) } catch { throw .store(error.description) }
        guard let stitched, stitched.equity.count >= 2 else { return nil }
        return .chart(svg: LineChart(title: "Stitched out-of-sample equity",
                                     series: [TimeSeries(name: "Out-of-sample", ts: stitched.timestamps, values: stitched.equity)],
                                     yLabel: "Equity (\(results.bars.instrument.quote))").render(),
                      caption: "The test windows only, one after the other, each traded with the parameters chosen on the window before it.")
    }
}
