import Experiments
import MarketData
import Simulation
import Strategies

extension ReportBuilder {
    /// The best trial: its charts and metrics (when its curves are stored) and its trade list.
    func bestTrialSection(_ best: TrialRecord) throws(ReportError) -> HTMLSection {
        let curves: TrialCurves?
        do { curves = try results.store.curves(runID: results.runID, trialID: best.id) } catch { throw .store(error.description) }
        var blocks: [HTMLBlock] = [.paragraph("Trial \(best.id): \(ReportText.point(best.point, free)); fixed: "
            + "\(ReportText.point(best.point, best.point.values.indices.filter { !free.contains($0) })).")]
        let figures = curves.map { CurveBlocks(bars: results.bars, initialCash: results.spec.engine.config.initialCash, curves: $0) }
        if let figures, figures.curves.equity.count >= 2 { blocks += figures.charts() }
        blocks.append(.subsection(title: "Metrics", blocks: [.table(metricsTable(best))]))
        if let figures, !figures.curves.trades.isEmpty { blocks.append(figures.tradeList(of: "the best trial")) }
        if let figures, !figures.curves.riskEvents.isEmpty { blocks.append(figures.riskEventList(of: "the best trial")) }
        return HTMLSection(title: "Best trial", blocks: blocks)
    }

    private func metricsTable(_ trial: TrialRecord) -> HTMLTable {
        let rows: [[HTMLTable.Cell]] = zip(results.run.metricNames, trial.metrics).map { name, value in
            [.text(ReportText.label(name)), ReportText.cell(value, metric: name)]
        }
        return HTMLTable(columns: ["Metric", "Value"], rows: rows,
                         caption: "Objective \(results.run.objectiveMetric): \(ReportText.text(trial.objective, metric: results.run.objectiveMetric)); status \(trial.status.rawValue).")
    }
}
