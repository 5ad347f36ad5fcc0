import Experiments
import MarketData

extension ReportBuilder {
    /// Monte Carlo: per method, the probabilities of loss and ruin and the spread of final
    /// return and maximum drawdown over the paths (a table and a percentile-range chart of each,
    /// then their histograms: the first method's shown, the others' folded), the equity fan of
    /// every method whose paths run along the bars, and each method's full percentile table. Nil
    /// without Monte Carlo results.
    func monteCarloSection() throws(ReportError) -> HTMLSection? {
        let records: [MonteCarloRecord], fans: [MonteCarloFanRecord], histograms: [MonteCarloHistogramRecord]
        do {
            records = try results.store.monteCarlo(runID: results.runID)
            fans = try results.store.monteCarloFans(runID: results.runID)
            histograms = try results.store.monteCarloHistograms(runID: results.runID)
        } catch { throw .store(error.description) }
        guard !records.isEmpty else { return nil }
        var methods: [MonteCarloMethod] = []
        for r in records where !methods.contains(r.method) { methods.append(r.method) }
        let ruin = results.spec.monteCarlo.map { NumberText.percent($0.ruinThreshold, decimals: 0) } ?? "the ruin threshold"
        var blocks: [HTMLBlock] = []
        if let point = stressedPoint() { blocks.append(.paragraph(point)) }
        blocks += [
            .table(summaryTable(records, methods: methods)),
            .note("Loss: a path ends below its starting equity. Ruin: a path's equity falls below \(ruin) of the starting cash at any bar. Each method stresses one assumption (order of trades, price path, parameters, costs, latency, missing bars); a strategy worth trading keeps the 5% column tolerable under all of them."),
        ]
        for (metric, title, axis) in [("total_return", "Final total return by method", "Total return at the end of the path (%)"),
                                      ("max_drawdown", "Maximum drawdown by method", "Maximum drawdown along the path (%)")] {
            let rows = methods.compactMap { method in
                records.first { $0.method == method && $0.metric == metric }
                    .map { PercentileRangeChart.Row(label: method.rawValue, percentiles: $0.percentiles) }
            }
            if !rows.isEmpty {
                blocks.append(.chart(svg: PercentileRangeChart(title: title, rows: rows, xLabel: axis, valueSuffix: "%",
                                                               displayScale: 100).render(), caption: nil))
            }
        }
        blocks += histogramBlocks(histograms, methods: methods)
        var charts: [HTMLBlock] = []
        for fan in fans where !Self.tradeIndexed.contains(fan.method) {
            if let chart = fanChart(fan) { charts.append(chart) }
        }
        if let first = charts.first { blocks.append(first) }
        if charts.count > 1 {
            blocks.append(.details(summary: "Equity fans of the other methods (\(charts.count - 1))", blocks: Array(charts.dropFirst()), open: false))
        }
        let tables: [HTMLBlock] = methods.map { method in
            let rows = records.filter { $0.method == method }
            return .table(HTMLTable(columns: ["Metric", "5%", "25%", "Median", "75%", "95%", "Mean"], rows: rows.map { r in
                [.text(ReportText.label(r.metric))] + (r.percentiles + [r.mean]).map { ReportText.cell($0, metric: r.metric) }
            }, caption: "\(method.rawValue): percentiles over \(rows[0].paths) paths"))
        }
        blocks.append(.details(summary: "Every metric of every method", blocks: tables, open: false))
        return HTMLSection(title: "Monte Carlo", blocks: blocks)
    }

    /// Histograms of final return and maximum drawdown, a pair per method: the first method's
    /// shown, the others' in a folded block.
    private func histogramBlocks(_ histograms: [MonteCarloHistogramRecord], methods: [MonteCarloMethod]) -> [HTMLBlock] {
        let pairs: [[HTMLBlock]] = methods.compactMap { method in
            let charts = [("total_return", "Final total return", "Total return at the end of the path (%)"),
                          ("max_drawdown", "Maximum drawdown", "Maximum drawdown along the path (%)")]
                .compactMap { metric, title, axis -> HTMLBlock? in
                    guard let h = histograms.first(where: { $0.method == method && $0.metric == metric }), !h.counts.isEmpty else { return nil }
                    let markers = metric == "total_return" ? [MarkerLine(value: 0, label: "0 % (break-even)")] : []
                    return .chart(svg: HistogramChart(title: "\(title): \(method.rawValue)", bins: HistogramBins(edges: h.edges, counts: h.counts),
                                                      markers: markers, xLabel: axis, valueSuffix: "%", displayScale: 100,
                                                      height: 260).render(), caption: nil)
                }
            return charts.isEmpty ? nil : charts
        }
        guard let first = pairs.first else { return [] }
        guard pairs.count > 1 else { return first }
        return first + [.details(summary: "Histograms of the other methods (\(pairs.count - 1))", blocks: Array(pairs.dropFirst().joined()), open: false)]
    }

    /// Which parameters the stage stressed, from `summary.json` (`monte_carlo.point`).
    private func stressedPoint() -> String? {
        guard case let .object(section)? = results.summary["monte_carlo"], case let .object(point)? = section["point"] else { return nil }
        let names = free.map { results.run.parameterNames[$0] }.filter { point[$0] != nil }
        let text = names.map { "\($0) \(Self.compact(point[$0]!))" }.joined(separator: ", ")
        let origin = results.spec.walkForward != nil ? "the last walk-forward fold's choice, the parameters one would trade next"
            : "the best trial"
        return "Stressed parameters: \(text) (\(origin)), over the whole data."
    }

    /// Methods whose paths are sequences of trades, not bars (their fans have no time axis).
    static let tradeIndexed: [MonteCarloMethod] = [.tradeReshuffle, .tradeBootstrap]

    private func summaryTable(_ records: [MonteCarloRecord], methods: [MonteCarloMethod]) -> HTMLTable {
        func spread(_ method: MonteCarloMethod, _ metric: String) -> [HTMLTable.Cell] {
            guard let r = records.first(where: { $0.method == method && $0.metric == metric }) else {
                return [.figure("n/a"), .figure("n/a"), .figure("n/a")]
            }
            return [r.percentiles[0], r.percentiles[2], r.percentiles[4]].map { ReportText.cell($0, metric: metric) }
        }
        let rows: [[HTMLTable.Cell]] = methods.map { method in
            let first = records.first { $0.method == method }!
            return [.text(method.rawValue), .percent(first.probabilityOfLoss, decimals: 1), .percent(first.probabilityOfRuin, decimals: 1)]
                + spread(method, "total_return") + spread(method, "max_drawdown")
        }
        let paths = records.first.map { " over \($0.paths) paths" } ?? ""
        return HTMLTable(columns: ["Method", "P(loss)", "P(ruin)", "Return 5%", "Return median", "Return 95%",
                                   "Max DD 5%", "Max DD median", "Max DD 95%"], rows: rows,
                         caption: "Final total return and maximum drawdown\(paths): 5th percentile, median, 95th percentile")
    }

    /// Percentile bands of equity along the bars of the run.
    private func fanChart(_ fan: MonteCarloFanRecord) -> HTMLBlock? {
        let bars = results.bars
        guard fan.pathIndices.count >= 2, bars.count > 0 else { return nil }
        let ts = fan.pathIndices.map { bars.ts[min(max($0, 0), bars.count - 1)] }
        let column = { (k: Int) in fan.bands.map { $0[k] } }
        let bands = PercentileBands(ts: ts, p5: column(0), p25: column(1), p50: column(2), p75: column(3), p95: column(4))
        return .chart(svg: FanChart(title: "Equity fan: \(fan.method.rawValue)", bands: bands, scale: .log,
                                    yLabel: "Equity (\(bars.instrument.quote), log scale)").render(),
                      caption: "Shaded: 5–95% and 25–75% of the paths' equity at each point; line: the median path.")
    }
}
