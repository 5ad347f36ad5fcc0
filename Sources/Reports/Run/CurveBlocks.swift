import Experiments
import MarketData
import Simulation
import Strategies

/// The blocks a report draws from one equity curve and its trades (a run's best trial, a paper
/// run): charts, the trade list and the risk events. `bars` give buy-and-hold and the price.
struct CurveBlocks {
    let bars: BarSeries
    let initialCash: Double
    let curves: TrialCurves

    /// Trade rows beyond which the list keeps only its first and last rows.
    static let tradeRowsKept = (first: 2_000, last: 500)

    /// Equity against buy-and-hold (linear and log), underwater, monthly returns, rolling
    /// Sharpe, price with fills, and the trade-return histogram.
    func charts(extra: [TimeSeries] = []) -> [HTMLBlock] {
        let cash = initialCash
        let ts = curves.timestamps, equity = curves.equity
        let span = bars.indexRange(from: ts[0], to: ts[ts.count - 1] + 1)
        let first = span.isEmpty ? Double.nan : bars.close[span.lowerBound]
        let hold = TimeSeries(name: "Buy and hold", ts: Array(bars.ts[span]), values: bars.close[span].map { cash * $0 / first })
        let strategy = TimeSeries(name: "Strategy", ts: ts, values: equity)
        let barsPerDay = max(Int(86_400_000 / bars.timeframe.milliseconds), 1)
        let window = min(30 * barsPerDay, max(equity.count / 4, 2))
        let windowText = window == 30 * barsPerDay ? "30 days" : "\(window) bars"
        let sharpe = Figures.rollingSharpe(equity: equity, window: window, periodsPerYear: bars.periodsPerYear)
        let returns = curves.trades.compactMap(Self.tradeReturn)
        var blocks: [HTMLBlock] = [
            .chart(svg: LineChart(title: "Equity against buy-and-hold", series: [strategy] + extra + [hold],
                                  yLabel: "Equity (\(bars.instrument.quote))").render(),
                   caption: "Both start at \(NumberText.fixed(cash, decimals: 0)) \(bars.instrument.quote); fees and slippage included for the strategy only."),
            .details(summary: "Same on a log scale (equal slopes, equal percentage growth)", blocks: [
                .chart(svg: LineChart(title: "Equity against buy-and-hold (log scale)", series: [strategy] + extra + [hold], scale: .log,
                                      yLabel: "Equity (\(bars.instrument.quote), log)").render(), caption: nil),
            ], open: false),
            .chart(svg: DrawdownChart(title: "Underwater", ts: ts, equity: equity).render(),
                   caption: "How far equity stood below its running peak at each bar."),
            .chart(svg: MonthlyReturnsHeatmap(returns: Figures.monthlyReturns(ts: ts, equity: equity)).render(), caption: nil),
            .chart(svg: RollingMetricChart(title: "Rolling Sharpe ratio", metric: TimeSeries(name: "Sharpe", ts: ts, values: sharpe),
                                           window: windowText).render(), caption: nil),
        ]
        if let price = priceChart(span: span) { blocks.append(price) }
        if returns.count >= 2 {
            blocks.append(.chart(svg: HistogramChart(title: "Trade returns", values: returns,
                                                     markers: [MarkerLine(value: 0, label: "Break-even")],
                                                     xLabel: "Net return per trade (%)", valueSuffix: "%", displayScale: 100).render(),
                                 caption: "Each closed trade's profit after fees over its entry notional."))
        }
        return blocks
    }

    /// Close prices of the last year of the run (all of it when shorter) with the fills in it.
    private func priceChart(span: Range<Int>) -> HTMLBlock? {
        guard span.count >= 2 else { return nil }
        let end = bars.ts[span.upperBound - 1]
        let shown = bars.indexRange(from: max(end - 365 * 86_400_000, bars.ts[span.lowerBound]), to: end + 1)
        let from = bars.ts[shown.lowerBound]
        var marks: [TradeMark] = []
        for t in curves.trades {
            let long = t.direction > 0
            if t.entryTs >= from { marks.append(TradeMark(ts: t.entryTs, price: t.entryPrice, side: long ? .buy : .sell, isEntry: true)) }
            if let exitTs = t.exitTs, let exitPrice = t.exitPrice, exitTs >= from {
                marks.append(TradeMark(ts: exitTs, price: exitPrice, side: long ? .sell : .buy, isEntry: false))
            }
        }
        let title = shown.count < span.count ? "Price and fills, last 365 days" : "Price and fills"
        return .chart(svg: PriceTradeChart(title: title, price: TimeSeries(name: "Close", ts: Array(bars.ts[shown]),
                                                                             values: Array(bars.close[shown])),
                                           trades: marks).render(),
                      caption: "Filled triangles open a position, hollow ones close it; up = buy, down = sell.")
    }

    /// Every trade (the first and last rows of a long list), `of` naming whose they are.
    func tradeList(of whose: String) -> HTMLBlock {
        let trades = curves.trades
        let rows = trades.enumerated().map { Self.tradeRow($0.offset + 1, $0.element) }
        let table = HTMLTable(columns: ["#", "Side", "Entry (UTC)", "Entry price", "Exit (UTC)", "Exit price", "Quantity",
                                        "Fees", "PnL", "Return", "Exit reason"], rows: rows,
                              caption: "\(trades.count) trades of \(whose)")
            .keeping(first: Self.tradeRowsKept.first, last: Self.tradeRowsKept.last)
        return .details(summary: "Trade list (\(trades.count) trades)", blocks: [.pagedTable(table, pageSize: 100, label: "Trades")],
                        open: false)
    }

    /// The risk events: counts by rule and action, then every event in words.
    func riskEventList(of whose: String) -> HTMLBlock {
        let events = curves.riskEvents
        var counts: [String: Int] = [:], order: [String] = []
        for e in events {
            let key = "\(e.rule) \(e.action)"
            if counts[key] == nil { order.append(key) }
            counts[key, default: 0] += 1
        }
        let summary = HTMLTable(columns: ["Rule and action", "Events"],
                                rows: order.map { [.text($0), .number(Double(counts[$0]!), decimals: 0)] },
                                caption: "Limits that fired and orders refused or resized (docs/modifiers.md)")
        let list = HTMLTable(columns: ["#", "Bar (UTC)", "Rule", "Action", "What happened"],
                             rows: events.enumerated().map { k, e in
                                 [.number(Double(k + 1), decimals: 0), .figure(ReportText.stamp(e.ts)), .text(e.rule.description),
                                  .text(e.action.description), .text(e.reason)]
                             }, caption: "\(events.count) risk events of \(whose)")
            .keeping(first: Self.tradeRowsKept.first, last: Self.tradeRowsKept.last)
        return .subsection(title: "Risk events", blocks: [
            .table(summary),
            .details(summary: "Event list (\(events.count) events)", blocks: [.pagedTable(list, pageSize: 100, label: "Events")], open: false),
        ])
    }

    private static func tradeRow(_ number: Int, _ t: Simulation.Trade) -> [HTMLTable.Cell] {
        let exitTime: HTMLTable.Cell = .figure(t.exitTs.map(ReportText.stamp) ?? "open")
        let exitPrice: HTMLTable.Cell = t.exitPrice.map { .number($0, decimals: 2) } ?? .figure("-")
        let netReturn: HTMLTable.Cell = tradeReturn(t).map { .percent($0, decimals: 2) } ?? .figure("-")
        return [.number(Double(number), decimals: 0), .text(t.direction > 0 ? "long" : "short"),
                .figure(ReportText.stamp(t.entryTs)), .number(t.entryPrice, decimals: 2), exitTime, exitPrice,
                .number(t.quantity, decimals: 6), .number(t.fees, decimals: 2), .number(t.pnl, decimals: 2), netReturn,
                .text(t.exitReason?.description ?? "")]
    }

    /// A closed trade's net profit over its entry notional (nil while open).
    static func tradeReturn(_ t: Simulation.Trade) -> Double? {
        let notional = t.entryPrice * t.quantity
        guard t.exitTs != nil, notional > 0 else { return nil }
        return t.pnl / notional
    }
}
