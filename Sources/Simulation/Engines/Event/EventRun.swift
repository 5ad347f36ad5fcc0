import MarketData
import Strategies

/// The state of one event-driven run: portfolio, working orders, logs and the strategy.
/// Generic over the strategy and the slippage model so the whole bar loop specializes.
@usableFromInline
struct EventRun<S: EventStrategy, Slippage: SlippageModel> {
    @usableFromInline let config: EngineConfig
    @usableFromInline let timing: OrderTiming
    @usableFromInline let slippage: Slippage
    /// The columns of each symbol (an incremental run re-points them as they grow, `rebind`).
    @usableFromInline var bars: [BarColumns]
    /// Slippage statistics per symbol (an incremental run extends them bar by bar).
    @usableFromInline var stats: [MarketStats]
    @usableFromInline let resolvers: [IntrabarResolver]
    @usableFromInline let funding: [FundingRates?]
    @usableFromInline let borrowPerBar: [Double]
    /// Bars per year of the first symbol (the result's metrics).
    @usableFromInline let periodsPerYear: Double
    @usableFromInline var strategy: S
    @usableFromInline var context: StrategyContext

    // portfolio
    @usableFromInline var cash: Double
    @usableFromInline var positions: [Double]
    @usableFromInline var lastPrice: [Double]
    @usableFromInline var builders: [TradeBuilder]
    @usableFromInline var volumeUsed: [Double]
    @usableFromInline var volumeBar: [Int]
    @usableFromInline var fundingCursor: [Int]
    @usableFromInline var fees = 0.0
    @usableFromInline var fundingPaid = 0.0
    @usableFromInline var borrowPaid = 0.0
    @usableFromInline var entries = 0

    // orders
    @usableFromInline var orders: ContiguousArray<WorkingOrder> = []
    @usableFromInline var commands: ContiguousArray<OrderCommand> = []
    /// Commands sent but not yet arrived (`OrderTiming.latencyBars` > 0), in sending order.
    @usableFromInline var inFlight: ContiguousArray<CommandInFlight> = []

    // logs
    @usableFromInline var fills: [Fill] = []
    @usableFromInline var trades: [Trade] = []
    @usableFromInline var updates: [OrderUpdate] = []
    @usableFromInline var equityTs: [Int64] = []
    @usableFromInline var equity: [Double] = []
    @usableFromInline var cashCurve: [Double] = []
    @usableFromInline var equityStats = EquityStats()

    @usableFromInline
    init(strategy: S, config: EngineConfig, timing: OrderTiming, slippage: Slippage, bars: [BarColumns], stats: [MarketStats],
         resolvers: [IntrabarResolver], funding: [FundingRates?], periodsPerYear: [Double], events: Int) {
        self.config = config
        self.timing = timing
        self.slippage = slippage
        self.bars = bars
        self.stats = stats
        self.resolvers = resolvers
        self.funding = funding
        self.borrowPerBar = periodsPerYear.map { config.borrowRate / $0 }
        self.periodsPerYear = periodsPerYear[0]
        self.strategy = strategy
        let windows = ContiguousArray(bars.map {
            BarWindow(ts: $0.ts, open: $0.open, high: $0.high, low: $0.low, close: $0.close, volume: $0.volume, count: 0)
        })
        self.context = StrategyContext(windows: windows, cash: config.initialCash)
        self.cash = config.initialCash
        let k = bars.count
        positions = Array(repeating: 0, count: k)
        lastPrice = bars.map { $0.open[0] }
        builders = Array(repeating: TradeBuilder(), count: k)
        volumeUsed = Array(repeating: 0, count: k)
        volumeBar = Array(repeating: -1, count: k)
        fundingCursor = Array(repeating: 0, count: k)
        orders.reserveCapacity(64)
        commands.reserveCapacity(16)
        equityTs.reserveCapacity(events)
        equity.reserveCapacity(events)
        cashCurve.reserveCapacity(events)
        fills.reserveCapacity(256)
        trades.reserveCapacity(128)
    }

    /// Equity with every symbol at its last price, except `symbol` at `price`.
    @inlinable
    func equity(marking symbol: Int, at price: Double) -> Double {
        var e = cash
        for k in 0..<positions.count { e += positions[k] * (k == symbol ? price : lastPrice[k]) }
        return e
    }

    /// Signed value of all positions, `symbol` at `price`.
    @inlinable
    func positionValue(marking symbol: Int, at price: Double) -> Double {
        var v = 0.0
        for k in 0..<positions.count { v += positions[k] * (k == symbol ? price : lastPrice[k]) }
        return v
    }

    /// Gross exposure with `symbol` at `price`.
    @inlinable
    func gross(marking symbol: Int, at price: Double) -> Double {
        var g = 0.0
        for k in 0..<positions.count { g += abs(positions[k] * (k == symbol ? price : lastPrice[k])) }
        return g
    }

    // MARK: one bar

    /// One step of a single-symbol run: bar `j` processed, then equity marked at its close. The
    /// batch loop and the incremental run (`EventStepper`) both advance through this.
    @inlinable
    mutating func step(bar j: Int) {
        process(symbol: 0, bar: j)
        mark(ts: bars[0].ts[j])
    }

    /// Points `symbol` at its columns as they are now (grown, and possibly moved).
    @inlinable
    mutating func rebind(symbol s: Int, to columns: BarColumns) {
        bars[s] = columns
        context.rebind(symbol: s, to: BarWindow(ts: columns.ts, open: columns.open, high: columns.high, low: columns.low,
                                                close: columns.close, volume: columns.volume, count: 0))
    }

    /// Processes bar `j` of symbol `s`: funding, the open's fills, intrabar fills, liquidation,
    /// the close (trailing levels, time in force), commands arriving now, the strategy, close
    /// fills, borrow.
    @inlinable
    mutating func process(symbol s: Int, bar j: Int) {
        let b = bars[s]
        let open = b.open[j], high = b.high[j], low = b.low[j], close = b.close[j]
        if funding[s] != nil { payFunding(symbol: s, bar: j, open: open) }
        if !orders.isEmpty {
            fillAtOpen(symbol: s, bar: j, open: open)
            fillIntrabar(symbol: s, bar: j, open: open, high: high, low: low, close: close)
        }
        if config.maintenanceMargin > 0 && positions[s] != 0 { checkLiquidation(symbol: s, bar: j, high: high, low: low) }
        lastPrice[s] = close
        if !orders.isEmpty { endOfBar(symbol: s, bar: j, close: close) }

        context.advance(symbol: s, count: j + 1)
        if !inFlight.isEmpty { deliver(symbol: s, bar: j) }
        context.publish(cash: cash, equity: equity(marking: s, at: close), position: positions[s], of: s)
        strategy.onBar(&context)
        executeCommands(bar: j, symbol: s)

        if positions[s] < 0 && borrowPerBar[s] > 0 {
            let cost = -positions[s] * close * borrowPerBar[s]
            cash -= cost
            borrowPaid += cost
        }
    }

    /// Marks equity at the close of timestamp `ts` (after every symbol's bar at `ts`).
    @inlinable
    mutating func mark(ts: Int64) {
        var e = cash
        for k in 0..<positions.count { e += positions[k] * lastPrice[k] }
        equityTs.append(ts)
        equity.append(e)
        cashCurve.append(cash)
        equityStats.add(e)
    }

    @inlinable
    mutating func payFunding(symbol s: Int, bar j: Int, open: Double) {
        guard let rates = funding[s] else { return }
        let ts = bars[s].ts[j]
        var k = fundingCursor[s]
        while k < rates.ts.count && rates.ts[k] <= ts {
            if j > 0 && rates.ts[k] > bars[s].ts[j - 1] {
                let payment = positions[s] * open * rates.rate[k]
                cash -= payment
                fundingPaid += payment
            }
            k += 1
        }
        fundingCursor[s] = k
    }

    /// Market orders live on this bar fill at its open, in submission order, before anything else.
    @inlinable
    mutating func fillAtOpen(symbol s: Int, bar j: Int, open: Double) {
        while let k = orders.firstIndex(where: { $0.symbol == s && $0.isMarket && $0.liveFrom <= j && $0.doneBar != j }) {
            _ = execute(index: k, bar: j, reference: open, liquidity: .taker, rank: 0)
        }
    }

    /// Resting orders touched inside the bar, earliest on the intrabar path first (ties: the
    /// order submitted first, so a bracket's stop-loss precedes its take-profit).
    @inlinable
    mutating func fillIntrabar(symbol s: Int, bar j: Int, open: Double, high: Double, low: Double, close: Double) {
        let positionSign: Double = positions[s] > 0 ? 1 : (positions[s] < 0 ? -1 : 0)
        let lowFirst = resolvers[s].lowFirst(open: open, close: close, positionSign: positionSign)
        while true {
            var best = -1
            var bestTouch = Touch(rank: .max, price: 0)
            var bestIsStop = false
            for k in 0..<orders.count {
                let o = orders[k]
                guard o.symbol == s, o.liveFrom <= j, o.doneBar != j, let pending = o.pendingTrigger else { continue }
                guard let t = resolvers[s].touch(pending.trigger, level: pending.level, bar: j, open: open, high: high, low: low,
                                                 lowFirst: lowFirst, positionSign: positionSign) else { continue }
                if o.liveFrom == j && t.rank < o.minRank { continue }
                if t.rank < bestTouch.rank || (t.rank == bestTouch.rank && o.id < orders[best].id) {
                    best = k
                    bestTouch = t
                    bestIsStop = pending.isStop
                }
            }
            guard best >= 0 else { return }
            if case let .stopLimit(_, limit) = orders[best].kind, !orders[best].triggered {
                let marketable = orders[best].side == .buy ? bestTouch.price <= limit : bestTouch.price >= limit
                if !marketable {
                    orders[best].triggered = true
                    orders[best].minRank = bestTouch.rank + 1
                    orders[best].liveFrom = j
                    notify(OrderUpdate(orderID: orders[best].id, symbol: s, bar: j, status: .triggered))
                    continue
                }
                // Marketable at the trigger: fills there, taking liquidity, without slippage (a limit).
                _ = execute(index: best, bar: j, reference: bestTouch.price, liquidity: .taker, rank: bestTouch.rank, slipped: false)
                continue
            }
            _ = execute(index: best, bar: j, reference: bestTouch.price, liquidity: bestIsStop ? .taker : .maker, rank: bestTouch.rank)
        }
    }

    /// Liquidates the symbol's position at the bar's adverse extreme when equity there falls below
    /// the maintenance margin of the gross exposure.
    @inlinable
    mutating func checkLiquidation(symbol s: Int, bar j: Int, high: Double, low: Double) {
        let extreme = positions[s] > 0 ? low : high
        let e = equity(marking: s, at: extreme)
        guard e < config.maintenanceMargin * gross(marking: s, at: extreme) else { return }
        let side: Side = positions[s] > 0 ? .sell : .buy
        let q = abs(positions[s])
        let fee = config.fees.fee(quantity: q, price: extreme, liquidity: .taker)
        applyFill(id: -1, symbol: s, bar: j, side: side, quantity: q, price: extreme, fee: fee, liquidity: .taker, reason: .liquidation)
        var k = 0
        while k < orders.count {
            if orders[k].symbol == s { finish(index: k, bar: j, status: .cancelled) } else { k += 1 }
        }
    }

    /// At the close: trailing stops move, IOC/FOK remainders and good-for-N-bars orders expire.
    @inlinable
    mutating func endOfBar(symbol s: Int, bar j: Int, close: Double) {
        var k = 0
        while k < orders.count {
            if orders[k].symbol == s && orders[k].liveFrom <= j {
                orders[k].liveBars += 1
                let expire: Bool
                switch orders[k].timeInForce {
                case .gtc: expire = false
                case .ioc, .fok: expire = true
                case let .goodForBars(n): expire = orders[k].liveBars >= n
                }
                if expire {
                    finish(index: k, bar: j, status: .expired)
                    continue
                }
            }
            if orders[k].symbol == s { orders[k].trail(close: close) }
            k += 1
        }
    }
}
