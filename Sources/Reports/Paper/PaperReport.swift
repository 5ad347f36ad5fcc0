import Experiments
import Foundation
import MarketData
import Paper
import Simulation

/// The HTML report of a paper run (`crucible paper report`): the run's settings and figures,
/// the charts and trade list a run's best trial gets, and the paper run against the backtest of
/// the same strategy over the same period (`PaperComparison`), with every difference listed.
public struct PaperReport {
    /// Fill differences listed at most (the count is always given).
    static let differencesListed = 500

    let record: PaperRecord
    let strategy: PaperStrategy
    let bars: BarSeries
    let backtest: BacktestResult
    let dataPath: String
    public let comparison: PaperComparison

    /// `bars` are the period's bars of `dataPath` that `backtest` ran over.
    public init(record: PaperRecord, strategy: PaperStrategy, bars: BarSeries, backtest: BacktestResult, dataPath: String) {
        self.record = record
        self.strategy = strategy
        self.bars = bars
        self.backtest = backtest
        self.dataPath = dataPath
        comparison = PaperComparison(paper: record, backtest: backtest)
    }

    public func document() -> HTMLDocument {
        let first = record.timestamps[0], last = record.timestamps[record.timestamps.count - 1]
        let curves = CurveBlocks(bars: bars, initialCash: strategy.spec.engine.config.initialCash,
                                 curves: TrialCurves(timestamps: record.timestamps, equity: record.equity, trades: record.trades))
        var equityBlocks: [HTMLBlock] = []
        if record.equity.count >= 2 {
            equityBlocks = curves.charts(extra: [TimeSeries(name: "Backtest", ts: backtest.timestamps, values: backtest.equity)])
        }
        if !record.trades.isEmpty { equityBlocks.append(curves.tradeList(of: "the paper run")) }
        return HTMLDocument(
            title: "\(record.meta["spec_name"] ?? strategy.spec.name): paper run of \(strategy.spec.strategy.name) on "
                + "\(record.meta["instrument"] ?? bars.instrument.symbol) \(record.meta["timeframe"] ?? bars.timeframe.rawValue)",
            subtitle: "\(record.timestamps.count) bars, \(ReportText.stamp(first)) to \(ReportText.stamp(last)). State file \(record.path).",
            sections: [
                HTMLSection(title: "Paper run", blocks: [.keyValues(settings())]),
                HTMLSection(title: "Equity and trades", blocks: equityBlocks.isEmpty
                    ? [.paragraph("One bar only: no curve to draw yet.")] : equityBlocks),
                HTMLSection(title: "Paper against backtest", blocks: comparisonBlocks()),
            ],
            footer: "Crucible report of the paper state file \(URL(fileURLWithPath: record.path).lastPathComponent). "
                + "Self-contained: no scripts, no external files.")
    }

    /// Renders the report and writes it to `url`.
    public func write(to url: URL) throws {
        try document().render().write(to: url, atomically: true, encoding: .utf8)
    }

    private func settings() -> [(key: String, value: String)] {
        let cash = strategy.spec.engine.config.initialCash
        let final = comparison.paperFinalEquity
        let closed = record.trades.filter { $0.exitTs != nil }.count
        return [
            (key: "Spec", value: record.meta["spec_name"] ?? strategy.spec.name),
            (key: "Strategy", value: strategy.spec.strategy.name),
            (key: "Point", value: record.meta["point"].flatMap { $0.isEmpty ? nil : $0 } ?? "no searched parameters"),
            (key: "Instrument and timeframe", value: "\(record.meta["instrument"] ?? "?") \(record.meta["timeframe"] ?? "?")"),
            (key: "Bars processed", value: "\(record.timestamps.count)"),
            (key: "Initial cash", value: NumberText.fixed(cash, decimals: 2)),
            (key: "Final equity", value: NumberText.fixed(final, decimals: 2)),
            (key: "Return", value: NumberText.percent(final / cash - 1, decimals: 2)),
            (key: "Fills", value: "\(record.fills.count)"),
            (key: "Trades", value: "\(closed) closed" + (record.trades.count > closed ? ", 1 open" : "")),
            (key: "Risk events", value: "\(record.riskEventCount)"),
        ]
    }

    private func comparisonBlocks() -> [HTMLBlock] {
        let c = comparison
        let verdict = c.isExact
            ? "The paper run and the backtest agree exactly: the same equity at every bar and the same fills."
            : "The paper run and the backtest differ: \(c.equityDifferences) bar(s) of equity, \(c.fillDifferences.count) fill(s), "
                + "\(c.onlyPaper) bar(s) only the paper run has and \(c.onlyBacktest) only the backtest has."
        var blocks: [HTMLBlock] = [
            .paragraph("The backtest runs the same strategy, point, costs and rules on the event engine over the bars of "
                       + "\(dataPath) that open from the paper run's first bar to its last. " + verdict),
            .table(HTMLTable(columns: ["", "Paper", "Backtest", "Difference"], rows: [
                [.text("Bars"), .number(Double(record.timestamps.count), decimals: 0), .number(Double(backtest.timestamps.count), decimals: 0),
                 .figure("\(c.commonBars) in common")],
                [.text("Final equity"), .number(c.paperFinalEquity, decimals: 2), c.backtestFinalEquity.map { .number($0, decimals: 2) } ?? .figure("-"),
                 c.backtestFinalEquity.map { .number(c.paperFinalEquity - $0, decimals: 2) } ?? .figure("-")],
                [.text("Fills"), .number(Double(record.fills.count), decimals: 0), .number(Double(backtest.fills.count), decimals: 0),
                 .figure("\(c.matchedFills) equal, \(c.fillDifferences.count) differ")],
                [.text("Bars whose equity differs"), .figure("-"), .figure("-"),
                 .figure(c.equityDifferences == 0 ? "none" : "\(c.equityDifferences), largest \(NumberText.fixed(c.largestEquityDifference, decimals: 2)), first "
                         + ReportText.stamp(c.firstEquityDifference!))],
            ], caption: "Equity compared at every bar both have, fills in order; equal means equal to the last bit.")),
        ]
        if !c.fillDifferences.isEmpty {
            let shown = c.fillDifferences.prefix(Self.differencesListed)
            let rows: [[HTMLTable.Cell]] = shown.flatMap { d -> [[HTMLTable.Cell]] in
                [Self.fillRow(d.index, "paper", d.paper, d.fields), Self.fillRow(d.index, "backtest", d.backtest, d.fields)]
            }
            let table = HTMLTable(columns: ["#", "Log", "Time (UTC)", "Side", "Quantity", "Price", "Fee", "Reason", "Differs in"], rows: rows,
                                  caption: "\(c.fillDifferences.count) fill(s) differ" + (c.fillDifferences.count > shown.count
                                    ? "; the first \(shown.count) are listed" : "") + ". Numbers in full precision.")
            blocks.append(.subsection(title: "Fills that differ", blocks: [.pagedTable(table, pageSize: 100, label: "Fills")]))
        }
        return blocks
    }

    private static func fillRow(_ index: Int, _ log: String, _ f: PaperFill?, _ fields: [String]) -> [HTMLTable.Cell] {
        guard let f else {
            return [.number(Double(index + 1), decimals: 0), .text(log), .figure("no fill")] + Array(repeating: .figure("-"), count: 5)
                + [.text(fields.joined(separator: ", "))]
        }
        return [.number(Double(index + 1), decimals: 0), .text(log), .figure(ReportText.stamp(f.ts)), .text(f.side), .figure("\(f.quantity)"),
                .figure("\(f.price)"), .figure("\(f.fee)"), .text(f.reason), .text(fields.joined(separator: ", "))]
    }
}
