import MarketData
import Strategies

/// The event-driven engine: runs a strategy bar by bar over one or several symbols merged in
/// time on (ts, priority, seq) — bars of equal timestamps in data order — with one shared
/// portfolio and the full order model (docs/ARCHITECTURE.md, Semantics).
///
/// Per bar of a symbol: funding due at its open; market orders at the open; resting orders
/// touched inside the bar in intrabar-path order; liquidation at the adverse extreme; at the
/// close, trailing stops move and time in force expires; then the strategy decides (its orders
/// are live from the next bar, or market orders fill at this close with `fill: close`); borrow
/// is charged on shorts; equity is marked once all symbols at that timestamp have closed.
/// `timing` delays the strategy's commands and refuses orders before a trading start
/// (`OrderTiming`; walk-forward and Monte Carlo windows, latency stress).
public struct EventEngine<Slippage: SlippageModel>: Sendable {
    public let config: EngineConfig
    public let slippage: Slippage

    public init(config: EngineConfig, slippage: Slippage) {
        self.config = config
        self.slippage = slippage
    }

    /// One symbol.
    @inlinable
    public func run<S: EventStrategy>(_ strategy: S, bars: BarSeries, subBars: BarSeries? = nil,
                                      funding: FundingSchedule = .none, timing: OrderTiming = .immediate) throws(SimulationError) -> BacktestResult {
        try run(strategy, data: [bars], subBars: [subBars], funding: funding, timing: timing)
    }

    /// Several symbols sharing one portfolio; `subBars[k]` is the finer series of `data[k]`.
    @inlinable
    public func run<S: EventStrategy>(_ strategy: S, data: [BarSeries], subBars: [BarSeries?] = [],
                                      funding: FundingSchedule = .none, timing: OrderTiming = .immediate) throws(SimulationError) -> BacktestResult {
        try config.validate()
        try timing.validate()
        guard !data.isEmpty, data.allSatisfy({ !$0.isEmpty }) else { throw .noData }
        var resolvers: [IntrabarResolver] = []
        for (k, bars) in data.enumerated() {
            resolvers.append(try IntrabarResolver(path: config.intrabar, coarse: bars, fine: k < subBars.count ? subBars[k] : nil))
        }
        var rates = [FundingRates?](repeating: nil, count: data.count)
        if case let .rates(series) = funding {
            for k in data.indices {
                guard k < series.count, let r = series[k] else { throw .fundingMissing(symbol: k, detail: "no rate series given") }
                try r.checkCovers(data[k], symbol: k)
                rates[k] = r
            }
        }
        let stats = data.map { slippage.needsStats ? MarketStats(bars: $0, window: config.statsWindow) : MarketStats.none }
        let events = data.reduce(0) { $0 + $1.count }
        return Self.withAllColumns(data, index: 0, collected: []) { columns in
            var run = EventRun<S, Slippage>(strategy: strategy, config: config, timing: timing, slippage: slippage, bars: columns, stats: stats,
                                            resolvers: resolvers, funding: rates, periodsPerYear: data.map(\.periodsPerYear),
                                            events: events)
            Self.loop(&run, columns)
            return Self.result(run)
        }
    }

    /// The k-way merge: repeatedly the symbol whose next bar has the smallest (ts, seq).
    @inlinable
    static func loop<S: EventStrategy>(_ run: inout EventRun<S, Slippage>, _ columns: [BarColumns]) {
        if columns.count == 1 {
            for j in 0..<columns[0].count { run.step(bar: j) }
            return
        }
        var next = [Int](repeating: 0, count: columns.count)
        while true {
            var best = -1
            var bestTs = Int64.max
            for k in 0..<columns.count where next[k] < columns[k].count && columns[k].ts[next[k]] < bestTs {
                best = k
                bestTs = columns[k].ts[next[k]]
            }
            guard best >= 0 else { return }
            run.process(symbol: best, bar: next[best])
            next[best] += 1
            var more = false
            for k in 0..<columns.count where next[k] < columns[k].count && columns[k].ts[next[k]] == bestTs { more = true }
            if !more { run.mark(ts: bestTs) }
        }
    }

    /// The run's result so far: closed trades, then the open ones marked at each symbol's last
    /// close (the batch run's end, or an incremental run's latest bar).
    @inlinable
    static func result<S: EventStrategy>(_ run: EventRun<S, Slippage>) -> BacktestResult {
        var trades = run.trades
        for (k, builder) in run.builders.enumerated() {
            let c = run.bars[k]
            if c.count > 0, let open = builder.openTrade(markedAt: c.close[c.count - 1]) { trades.append(open) }
        }
        let ppy = run.periodsPerYear
        return BacktestResult(
            timestamps: run.equityTs, equity: run.equity, cash: run.cashCurve, trades: trades, fills: run.fills,
            metrics: RunMetrics(initialCash: run.config.initialCash, stats: run.equityStats, periodsPerYear: ppy,
                                entries: run.entries, totalFees: run.fees, risk: RiskCounts(run.context.riskEvents)),
            intrabar: run.config.intrabar, fill: run.config.fill, fundingPaid: run.fundingPaid, borrowPaid: run.borrowPaid,
            orderUpdates: run.updates, riskEvents: Array(run.context.riskEvents))
    }

    /// Pins every series' columns for the duration of `body`.
    @inlinable
    static func withAllColumns<R>(_ data: [BarSeries], index: Int, collected: [BarColumns], _ body: ([BarColumns]) -> R) -> R {
        guard index < data.count else { return body(collected) }
        return VectorizedEngine<Slippage>.withColumns(data[index]) { columns in
            withAllColumns(data, index: index + 1, collected: collected + [columns], body)
        }
    }
}
