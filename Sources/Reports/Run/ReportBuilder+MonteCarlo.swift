import Experiments

extension ReportBuilder {
    /// Monte Carlo: per method, the percentiles of each metric over the paths, and the
    /// probabilities of loss and ruin. Nil when the run has no Monte Carlo results.
    func monteCarloSection() throws(ReportError) -> HTMLSection? {
        let records: [MonteCarloRecord]
        do { records = try results.store.monteCarlo(runID: results.runID) } catch { throw .store(error.description) }
        guard !records.isEmpty else { return nil }
        var blocks: [HTMLBlock] = []
        var methods: [MonteCarloMethod] = []
        for r in records where !methods.contains(r.method) { methods.append(r.method) }
        var risk: [[HTMLTable.Cell]] = []
        for method in methods {
            let rows = records.filter { $0.method == method }
            guard let first = rows.first else { continue }
            risk.append([.text(method.rawValue), .number(Double(first.paths), decimals: 0),
                         .percent(first.probabilityOfLoss, decimals: 1), .percent(first.probabilityOfRuin, decimals: 1)])
            let table = HTMLTable(columns: ["Metric", "5%", "25%", "Median", "75%", "95%", "Mean"], rows: rows.map { r in
                [.text(ReportText.label(r.metric))] + (r.percentiles + [r.mean]).map { ReportText.cell($0, metric: r.metric) }
            }, caption: "\(method.rawValue): percentiles over \(first.paths) paths")
            blocks.append(.subsection(title: ReportText.label(method.rawValue), blocks: [.table(table)]))
        }
        let ruin = results.spec.monteCarlo.map { NumberText.percent(1 - $0.ruinThreshold, decimals: 0) } ?? "the ruin threshold"
        blocks.insert(.table(HTMLTable(columns: ["Method", "Paths", "Probability of loss", "Probability of ruin"], rows: risk)), at: 0)
        blocks.insert(.note("Loss: the path ends below its starting equity. Ruin: equity falls \(ruin) or more below the starting cash at any bar. A method stresses one assumption at a time (order of trades, price path, parameters, costs, latency, data gaps)."), at: 1)
        return HTMLSection(title: "Monte Carlo", blocks: blocks)
    }
}
