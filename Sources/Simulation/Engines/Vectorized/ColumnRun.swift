import Strategies

/// The bars of one symbol as raw column pointers, valid for the duration of a run.
@frozen
public struct BarColumns {
    public let ts: UnsafePointer<Int64>
    public let open, high, low, close, volume: UnsafePointer<Double>
    public let count: Int

    @inlinable
    public init(ts: UnsafePointer<Int64>, open: UnsafePointer<Double>, high: UnsafePointer<Double>,
                low: UnsafePointer<Double>, close: UnsafePointer<Double>, volume: UnsafePointer<Double>, count: Int) {
        self.ts = ts; self.open = open; self.high = high; self.low = low; self.close = close; self.volume = volume
        self.count = count
    }
}

/// What a column decided at a bar close: an exit of the open position and/or an entry, acted
/// on at the next open (or at once under `fill: close`). The same orders, in the same order, as
/// the event path queues: exits first, then the entry.
@frozen
@usableFromInline
struct Decision {
    @usableFromInline var exit: ExitReason?
    @usableFromInline var entry: Side?
    /// Fraction of equity (fraction sizing) or, when `quantity` is not NaN, ignored.
    @usableFromInline var fraction = 0.0
    /// Quantity of a sized entry (NaN: fraction sizing).
    @usableFromInline var quantity = Double.nan
    @usableFromInline var bracket: BracketExits?

    @inlinable init() {}
    @inlinable var isEmpty: Bool { exit == nil && entry == nil }
}

/// One parameter column of the vectorized engine: a single pass over the bars acting on the
/// kernel's signals with the same fill, fee, slippage and intrabar code as the event engine, and
/// the column's exits, sizing and risk limits with the `Modifiers` semantics.
///
/// Per bar: (1) at the open, act on the previous close's decision (next-open fills); (2) check
/// the protective exits of the open position against the bar (live from the entry's fill bar)
/// with the shared intrabar resolver; (3) at the close, move the trailing stop, count the time
/// stop, check the drawdown and daily-loss limits, decide (signal, sizing, caps) and act now
/// (close fills) or keep the decision for the next open; charge borrow on shorts; mark equity.
/// Where nothing can happen until the next signal (flat, or holding without exits and limits
/// to watch) a fast stretch only marks equity.
@usableFromInline
struct ColumnRun<Kernel: SignalKernel, Slippage: SlippageModel, Recorder: RunRecorder> {
    @usableFromInline let config: EngineConfig
    @usableFromInline let slippage: Slippage
    @usableFromInline let stats: MarketStats
    @usableFromInline let resolver: IntrabarResolver
    @usableFromInline let rules: VectorizedRules
    @usableFromInline let borrowPerBar: Double
    @usableFromInline let columns: ModifierColumns.Pointers
    /// Whether an open position must be watched at every close besides its levels (time stop,
    /// equity limits).
    @usableFromInline let watchesPosition: Bool
    /// Whether the drawdown or daily-loss limit is on (equity is checked at every close).
    @usableFromInline let watchesEquity: Bool
    /// Whether the rules give entries a bracket (stop, ATR stop, trailing stop, take-profit).
    @usableFromInline let bracketRules: Bool
    /// Whether entries are checked against caps or a halt.
    @usableFromInline let policesEntries: Bool
    @usableFromInline var recorder: Recorder
    @usableFromInline var cash: Double
    @usableFromInline var qty = 0.0
    @usableFromInline var fees = 0.0
    @usableFromInline var entries = 0
    @usableFromInline var fillCount = 0
    @usableFromInline var borrowPaid = 0.0
    @usableFromInline var levels = ProtectiveLevels()
    @usableFromInline var builder = TradeBuilder()
    @usableFromInline var equity = EquityStats()
    /// Decision waiting for the next open, and the next bar to process (for chunked runs).
    @usableFromInline var pending = Decision()
    @usableFromInline var next = 0
    // modifiers
    @usableFromInline var sizer: SizingRule
    /// Follows the fills for Kelly sizing (the trade returns `Sized` records).
    @usableFromInline var tracker: PositionTracker?
    @usableFromInline var barsHeld = 0
    @usableFromInline var guardrail = EquityGuard()
    @usableFromInline var risk = RiskCounts()

    @inlinable
    init(config: EngineConfig, slippage: Slippage, stats: MarketStats, resolver: IntrabarResolver,
         rules: VectorizedRules, columns: ModifierColumns.Pointers, periodsPerYear: Double, recorder: Recorder) {
        self.config = config
        self.slippage = slippage
        self.stats = stats
        self.resolver = resolver
        self.rules = rules
        self.columns = columns
        self.borrowPerBar = config.borrowRate / periodsPerYear
        self.recorder = recorder
        self.cash = config.initialCash
        self.sizer = rules.sizing
        if case .kelly = rules.sizing { tracker = PositionTracker(symbols: 1) }
        watchesEquity = rules.limits.maxDrawdown != nil || rules.limits.maxDailyLoss != nil
        watchesPosition = rules.exits.maxBars != nil || watchesEquity
        let e = rules.exits
        bracketRules = e.stopLoss != nil || e.atrStop != nil || e.trailing != nil || e.takeProfit != nil
        policesEntries = watchesEquity || rules.limits.maxPositionFraction != nil || rules.limits.maxLeverage != nil
    }

    @inlinable
    mutating func run(_ kernel: Kernel, _ bars: BarColumns) {
        run(kernel, bars, upTo: bars.count)
    }

    /// Whether bars can be skipped to the next signal, only marking equity.
    @inlinable
    func canStretch(_ pending: Decision) -> Bool {
        guard pending.isEmpty else { return false }
        if qty == 0 { return !watchesEquity || guardrail.isQuiet(at: cash, rules.limits) }
        return !watchesPosition && levels.stop.isNaN && levels.take.isNaN && (qty > 0 || borrowPerBar == 0)
    }

    /// Continues the run from bar `next` up to (not including) bar `end`; a sweep calls it chunk
    /// by chunk for a block of columns so the chunk's data stays in cache.
    @inlinable
    mutating func run(_ kernel: Kernel, _ bars: BarColumns, upTo end: Int) {
        var pending = self.pending
        var stats = equity
        defer {
            equity = stats
            self.pending = pending
        }
        let n = end
        var i = next
        defer { next = i }
        while i < n {
            if canStretch(pending) {
                // Fast stretch: nothing to fill and nothing to watch until the next signal, so
                // equity is cash + qty × close; the loop makes no calls and keeps its state in
                // registers.
                let c0 = cash, q0 = qty
                var local = stats
                var signal: SignalFlags = []
                while i < n {
                    signal = kernel.signal(at: i)
                    if !signal.isEmpty { break }
                    let e = c0 + q0 * bars.close[i]
                    local.add(e)
                    recorder.mark(bar: i, equity: e, cash: c0)
                    i += 1
                }
                stats = local
                guard i < n else { break }
                closeOfBar(i, signal: signal, kernel: kernel, bars: bars, pending: &pending, stats: &stats)
                i += 1
                continue
            }
            let o = bars.open[i]
            if !pending.isEmpty {
                act(pending, bar: i, ts: bars.ts[i], price: o)
                pending = Decision()
            }
            if qty != 0 && !(levels.stop.isNaN && levels.take.isNaN) {
                checkExits(bar: i, ts: bars.ts[i], open: o, high: bars.high[i], low: bars.low[i], close: bars.close[i])
            }
            closeOfBar(i, signal: kernel.signal(at: i), kernel: kernel, bars: bars, pending: &pending, stats: &stats)
            i += 1
        }
    }

    /// The close of bar i: trailing stop, time stop, equity limits, the decision (acted on now
    /// under close fills, else kept for the next open); borrow on shorts; mark equity.
    @inlinable
    mutating func closeOfBar(_ i: Int, signal: SignalFlags, kernel: Kernel, bars: BarColumns, pending: inout Decision,
                             stats: inout EquityStats) {
        let c = bars.close[i]
        var flatten = false, timeUp = false
        if qty != 0 {
            levels.trail(close: c)
            if let n = rules.exits.maxBars {
                barsHeld += 1
                timeUp = barsHeld == n
            }
        }
        if watchesEquity {
            let f = guardrail.check(rules.limits, ts: bars.ts[i], equity: cash + qty * c)
            if f.any {
                flatten = f.flatten
                f.record(rules.limits, symbol: 0) { note(RiskEvent(ts: bars.ts[i], bar: i, symbol: $2, rule: $0, action: $1, value: $3, limit: $4)) }
            }
        }
        if !signal.isEmpty || flatten || timeUp {
            let d = decide(signal, bar: i, ts: bars.ts[i], close: c, flatten: flatten, timeUp: timeUp, kernel: kernel)
            if !d.isEmpty {
                if config.fill == .close { act(d, bar: i, ts: bars.ts[i], price: c) } else { pending = d }
            }
        }
        if qty < 0 && borrowPerBar > 0 {
            let cost = -qty * c * borrowPerBar
            cash -= cost
            borrowPaid += cost
        }
        let e = cash + qty * c
        stats.add(e)
        recorder.mark(bar: i, equity: e, cash: cash)
    }

    /// Acts on a decision at `price` (the open, or the close under close fills): the exit, then
    /// the entry.
    @inlinable
    mutating func act(_ d: Decision, bar: Int, ts: Int64, price: Double) {
        if let reason = d.exit, qty != 0 {
            let side: Side = qty > 0 ? .sell : .buy
            exitAll(side: side, bar: bar, ts: ts, price: slippage.price(price, side: side, quantity: abs(qty), stats: stats, bar: bar),
                    liquidity: .taker, reason: reason)
        }
        guard qty == 0, let side = d.entry else { return }
        enter(d, side: side, bar: bar, ts: ts, price: price)
    }

    /// An entry at reference `price`, identical to the event engine's fill of a market order with
    /// an `.equityFraction` or `.quantity` size.
    @inlinable
    mutating func enter(_ d: Decision, side: Side, bar: Int, ts: Int64, price: Double) {
        var q: Double, p: Double
        if d.quantity.isNaN {
            let budget = d.fraction * cash * config.leverage
            (q, p) = Execution.entry(budget: budget, price: price, side: side, config: config, slippage: slippage, stats: stats, bar: bar)
            guard q > 0 else { return reject(.lotSize, bar: bar, ts: ts, value: budget / price, limit: config.lotSize) }
        } else {
            q = config.roundToLot(d.quantity)
            p = slippage.price(price, side: side, quantity: q, stats: stats, bar: bar)
            guard q > 0 else { return reject(.lotSize, bar: bar, ts: ts, value: d.quantity, limit: config.lotSize) }
        }
        guard q * p >= config.minNotional else { return reject(.minNotional, bar: bar, ts: ts, value: q * p, limit: config.minNotional) }
        let fee = config.fees.fee(quantity: q, price: p, liquidity: .taker)
        let after = Execution.cash(after: cash, side: side, quantity: q, price: p, fee: fee)
        let e = after + side.sign * q * p
        guard config.marginAllows(gross: q * p, equity: e) else {
            return reject(.margin, bar: bar, ts: ts, value: q * p, limit: config.leverage * e)
        }
        record(side: side, quantity: q, price: p, fee: fee, liquidity: .taker, reason: .signal, bar: bar, ts: ts)
        entries += 1
        barsHeld = 0
        levels = d.bracket.map { ProtectiveLevels($0, entryPrice: p, direction: side.sign) } ?? ProtectiveLevels()
    }

    @inlinable
    mutating func exitAll(side: Side, bar: Int, ts: Int64, price: Double, liquidity: Liquidity, reason: ExitReason) {
        let q = abs(qty)
        let fee = config.fees.fee(quantity: q, price: price, liquidity: liquidity)
        record(side: side, quantity: q, price: price, fee: fee, liquidity: liquidity, reason: reason, bar: bar, ts: ts)
        qty = 0
        levels = ProtectiveLevels()
    }

    @inlinable
    mutating func record(side: Side, quantity q: Double, price p: Double, fee: Double, liquidity: Liquidity,
                         reason: ExitReason, bar: Int, ts: Int64) {
        cash = Execution.cash(after: cash, side: side, quantity: q, price: p, fee: fee)
        qty += side.sign * q
        fees += fee
        let fill = Fill(orderID: fillCount, symbol: 0, bar: bar, ts: ts, side: side, quantity: q, price: p,
                        fee: fee, liquidity: liquidity, reason: reason)
        recorder.fill(fill)
        fillCount += 1
        builder.apply(symbol: 0, bar: bar, ts: ts, side: side, quantity: q, price: p, fee: fee, reason: reason) { recorder.trade($0) }
        if builder.position == 0 { qty = 0 }
        if tracker != nil, let trade = tracker!.apply(fill).closed { sizer.recordTrade(return: trade.tradeReturn) }
    }

    /// The protective stop and the take-profit of the open position against bar `bar`: the
    /// earlier touch on the intrabar path wins, the stop on a tie (the pessimistic choice).
    @inlinable
    mutating func checkExits(bar: Int, ts: Int64, open: Double, high: Double, low: Double, close: Double) {
        let direction: Double = qty > 0 ? 1 : -1
        let lowFirst = resolver.lowFirst(open: open, close: close, positionSign: direction)
        let stopTrigger: Trigger = qty > 0 ? .atOrBelow : .atOrAbove
        let takeTrigger: Trigger = qty > 0 ? .atOrAbove : .atOrBelow
        let stop = levels.stop.isNaN ? nil : resolver.touch(stopTrigger, level: levels.stop, bar: bar, open: open, high: high, low: low,
                                                            lowFirst: lowFirst, positionSign: direction)
        let take = levels.take.isNaN ? nil : resolver.touch(takeTrigger, level: levels.take, bar: bar, open: open, high: high, low: low,
                                                            lowFirst: lowFirst, positionSign: direction)
        let side: Side = qty > 0 ? .sell : .buy
        if let s = stop, take == nil || s.rank <= take!.rank {
            exitAll(side: side, bar: bar, ts: ts, price: slippage.price(s.price, side: side, quantity: abs(qty), stats: stats, bar: bar),
                    liquidity: .taker, reason: levels.stopReason)
        } else if let t = take {
            exitAll(side: side, bar: bar, ts: ts, price: t.price, liquidity: .maker, reason: .takeProfit)
        }
    }
}
