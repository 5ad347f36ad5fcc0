import MarketData
import Strategies

/// The event engine advanced one closed bar at a time, for a single symbol: the run a live or
/// replayed feed drives (paper trading).
///
/// Each `step` is exactly one iteration of the batch run's bar loop (`EventRun.step`, the code
/// `EventEngine.run` takes): the same order model, fill rules, fees, slippage, risk limits and
/// strategy callbacks, so a run stepped over a series ends in the same state, bit for bit, as
/// the batch run over it. Slippage statistics grow with the bars (`MarketStats.extend`).
/// Not supported incrementally: `intrabar: sub_bars` (it needs finer bars inside each bar) and
/// funding schedules (the batch run takes them as a whole series).
///
/// The value holds the strategy and the portfolio; `result` and the accessors read the state
/// after the latest bar. Copies share the bar storage, so step only one of them.
public struct EventStepper<S: EventStrategy, Slippage: SlippageModel> {
    public let engine: EventEngine<Slippage>
    public let periodsPerYear: Double
    public let timing: OrderTiming
    @usableFromInline let resolver: IntrabarResolver
    @usableFromInline let buffer: BarBuffer
    /// The strategy until the first bar creates the run.
    @usableFromInline var initial: S?
    @usableFromInline var run: EventRun<S, Slippage>?
    /// Cash in the quote currency, the signed position (base-asset quantity) and equity marked at
    /// the close, after the latest bar: kept as plain values, since reading them through `run`
    /// (a generic optional) copies the whole run.
    public private(set) var cash: Double
    public private(set) var position: Double = 0
    public private(set) var lastEquity: Double?

    /// A run with no bars yet. `periodsPerYear` is the bars' (the calendar's) and annualizes
    /// borrow and the metrics; `expectedBars` only reserves storage.
    public init(engine: EventEngine<Slippage>, strategy: S, periodsPerYear: Double, timing: OrderTiming = .immediate,
                expectedBars: Int = 1024) throws(SimulationError) {
        try engine.config.validate()
        try timing.validate()
        guard periodsPerYear > 0 && periodsPerYear.isFinite else {
            throw .invalidConfig("periods per year must be positive, got \(periodsPerYear)")
        }
        self.engine = engine
        self.periodsPerYear = periodsPerYear
        self.timing = timing
        self.resolver = try IntrabarResolver(path: engine.config.intrabar)
        self.buffer = BarBuffer(capacity: min(max(expectedBars, 16), 1 << 24))
        self.initial = strategy
        self.cash = engine.config.initialCash
    }

    /// Processes one closed bar: fills of the orders working on it, the close, the strategy's
    /// decision, equity marked at its close. Bars must open strictly after the previous one.
    public mutating func step(_ bar: Bar) throws(SimulationError) {
        if let previous = buffer.last?.ts, bar.ts <= previous { throw .barOutOfOrder(ts: bar.ts, previous: previous) }
        let columns = buffer.append(bar)
        if columns.count == 1 {
            let config = engine.config, needsStats = engine.slippage.needsStats
            run = EventRun(strategy: initial!, config: config, timing: timing, slippage: engine.slippage, bars: [columns],
                           stats: [needsStats ? MarketStats(window: config.statsWindow) : .none], resolvers: [resolver],
                           funding: [nil], periodsPerYear: [periodsPerYear], events: buffer.capacity)
            initial = nil
        } else {
            run!.rebind(symbol: 0, to: columns)
        }
        if engine.slippage.needsStats { run!.stats[0].extend(close: columns.close, volume: columns.volume, count: columns.count) }
        run!.step(bar: columns.count - 1)
        cash = run!.cash
        position = run!.positions[0]
        lastEquity = run!.equity.last
    }

    /// Bars processed.
    @inlinable public var count: Int { buffer.count }
    /// The latest bar's open time, nil before the first.
    @inlinable public var lastTs: Int64? { buffer.last?.ts }

    /// Everything so far as a backtest result (the batch run's result over the same bars); nil
    /// before the first bar.
    @inlinable public var result: BacktestResult? { run.map { EventEngine<Slippage>.result($0) } }

    /// Every fill, in order.
    @inlinable public var fills: [Fill] { run?.fills ?? [] }
    /// Closed round trips, in closing order.
    @inlinable public var closedTrades: [Trade] { run?.trades ?? [] }
    /// The position still open, marked at the latest close (as a batch result lists it).
    @inlinable public var openTrade: Trade? {
        guard let run, let last = buffer.last else { return nil }
        return run.builders[0].openTrade(markedAt: last.close)
    }
    /// Every order status change, in order.
    @inlinable public var orderUpdates: [OrderUpdate] { run?.updates ?? [] }
    /// Risk firings and refused or resized orders, in order.
    @inlinable public var riskEvents: ContiguousArray<RiskEvent> { run?.context.riskEvents ?? [] }
    /// Equity marked at each bar's close, and the bars' open times.
    @inlinable public var equity: [Double] { run?.equity ?? [] }
    @inlinable public var equityTimestamps: [Int64] { run?.equityTs ?? [] }
    /// Cash at each bar's close.
    @inlinable public var cashCurve: [Double] { run?.cashCurve ?? [] }
    /// Fees paid so far.
    @inlinable public var totalFees: Double { run?.fees ?? 0 }

    /// The orders working after the latest bar, in book order.
    public var workingOrders: [WorkingOrderState] {
        (run?.orders ?? []).map {
            WorkingOrderState(id: $0.id, symbol: $0.symbol, side: $0.side, kind: $0.kind, size: $0.size, timeInForce: $0.timeInForce,
                              liveFrom: $0.liveFrom, parent: $0.parent, triggered: $0.triggered, trailLevel: $0.trailLevel)
        }
    }
}

extension EventStepper where S == AnyEventStrategy, Slippage == SlippageSetting {
    /// `step` for a strategy and slippage setting chosen at run time (a spec's), compiled here for
    /// these concrete types: called from another module, the generic `step` runs unspecialized.
    public mutating func specializedStep(_ bar: Bar) throws(SimulationError) { try step(bar) }
}

/// A working order of an incremental run as it stands after a bar (`EventStepper.workingOrders`).
public struct WorkingOrderState: Sendable, Equatable {
    public var id: OrderID
    public var symbol: Int
    public var side: Side
    public var kind: OrderKind
    /// The remainder to fill (a price-dependent size until its first fill).
    public var size: OrderSize
    public var timeInForce: TimeInForce
    /// First bar (0-based, of the run) on which it may fill.
    public var liveFrom: Int
    /// The entry a bracket exit protects.
    public var parent: OrderID?
    /// Stop-limit: triggered and resting as a limit.
    public var triggered: Bool
    /// Trailing stop: its current level (NaN otherwise).
    public var trailLevel: Double
}
