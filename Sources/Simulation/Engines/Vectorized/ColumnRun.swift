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

/// One parameter column of the vectorized engine: a single pass over the bars acting on the
/// kernel's signals with the same fill, fee, slippage and intrabar code as the event engine.
///
/// Per bar: (1) at the open, act on the previous close's signal (next-open fills); (2) check the
/// bracket exits of the open position against the bar (live from the entry's fill bar) with
/// the shared intrabar resolver; (3) at the close, read the signal and act on it now (close
/// fills) or keep it for the next open; charge borrow on shorts; mark equity.
@usableFromInline
struct ColumnRun<Kernel: SignalKernel, Slippage: SlippageModel, Recorder: RunRecorder> {
    @usableFromInline let config: EngineConfig
    @usableFromInline let slippage: Slippage
    @usableFromInline let stats: MarketStats
    @usableFromInline let resolver: IntrabarResolver
    @usableFromInline let rules: VectorizedRules
    @usableFromInline let borrowPerBar: Double
    @usableFromInline var recorder: Recorder
    @usableFromInline var cash: Double
    @usableFromInline var qty = 0.0
    @usableFromInline var fees = 0.0
    @usableFromInline var entries = 0
    @usableFromInline var fillCount = 0
    @usableFromInline var borrowPaid = 0.0
    @usableFromInline var stopLevel = Double.nan
    @usableFromInline var takeLevel = Double.nan
    @usableFromInline var builder = TradeBuilder()
    @usableFromInline var equity = EquityStats()
    /// Signal waiting for the next open, and the next bar to process (for chunked runs).
    @usableFromInline var pending: SignalFlags = []
    @usableFromInline var next = 0

    @inlinable
    init(config: EngineConfig, slippage: Slippage, stats: MarketStats, resolver: IntrabarResolver,
         rules: VectorizedRules, periodsPerYear: Double, recorder: Recorder) {
        self.config = config
        self.slippage = slippage
        self.stats = stats
        self.resolver = resolver
        self.rules = rules
        self.borrowPerBar = config.borrowRate / periodsPerYear
        self.recorder = recorder
        self.cash = config.initialCash
    }

    @inlinable
    mutating func run(_ kernel: Kernel, _ bars: BarColumns) {
        run(kernel, bars, upTo: bars.count)
    }

    /// Continues the run from bar `next` up to (not including) bar `end`; a sweep calls it chunk
    /// by chunk for a block of columns so the chunk's data stays in cache.
    @inlinable
    mutating func run(_ kernel: Kernel, _ bars: BarColumns, upTo end: Int) {
        let hasExits = rules.stopLoss != nil || rules.takeProfit != nil
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
            if pending.isEmpty && (qty == 0 || (!hasExits && (qty > 0 || borrowPerBar == 0))) {
                // Fast stretch: nothing to fill and no exits to watch until the next signal, so
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
                closeOfBar(i, signal: signal, bars: bars, pending: &pending, stats: &stats)
                i += 1
                continue
            }
            let o = bars.open[i]
            if !pending.isEmpty {
                act(pending, bar: i, ts: bars.ts[i], price: o)
                pending = []
            }
            if hasExits && qty != 0 {
                checkExits(bar: i, ts: bars.ts[i], open: o, high: bars.high[i], low: bars.low[i], close: bars.close[i])
            }
            closeOfBar(i, signal: kernel.signal(at: i), bars: bars, pending: &pending, stats: &stats)
            i += 1
        }
    }

    /// The close of bar i: act on the signal now (close fills) or keep it for the next open;
    /// borrow on shorts; mark equity.
    @inlinable
    mutating func closeOfBar(_ i: Int, signal: SignalFlags, bars: BarColumns, pending: inout SignalFlags, stats: inout EquityStats) {
        let c = bars.close[i]
        if !signal.isEmpty {
            if config.fill == .close { act(signal, bar: i, ts: bars.ts[i], price: c) } else { pending = signal }
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

    /// Signal handling, identical to `SignalOrders.submit` followed by next-open fills.
    @inlinable
    mutating func act(_ signal: SignalFlags, bar: Int, ts: Int64, price: Double) {
        if qty > 0 && (signal.contains(.exitLong) || signal.contains(.entryShort)) {
            exitAll(side: .sell, bar: bar, ts: ts, price: slippage.price(price, side: .sell, quantity: qty, stats: stats, bar: bar),
                    liquidity: .taker, reason: .signal)
        } else if qty < 0 && (signal.contains(.exitShort) || signal.contains(.entryLong)) {
            exitAll(side: .buy, bar: bar, ts: ts, price: slippage.price(price, side: .buy, quantity: -qty, stats: stats, bar: bar),
                    liquidity: .taker, reason: .signal)
        }
        guard qty == 0 else { return }
        if signal.contains(.entryLong) {
            enter(side: .buy, bar: bar, ts: ts, price: price)
        } else if signal.contains(.entryShort) {
            enter(side: .sell, bar: bar, ts: ts, price: price)
        }
    }

    @inlinable
    mutating func enter(side: Side, bar: Int, ts: Int64, price: Double) {
        let budget = rules.fraction * cash * config.leverage
        let (q, p) = Execution.entry(budget: budget, price: price, side: side, config: config,
                                     slippage: slippage, stats: stats, bar: bar)
        guard q > 0, q * p >= config.minNotional else { return }
        let fee = config.fees.fee(quantity: q, price: p, liquidity: .taker)
        let after = Execution.cash(after: cash, side: side, quantity: q, price: p, fee: fee)
        guard config.marginAllows(gross: q * p, equity: after + side.sign * q * p) else { return }
        record(side: side, quantity: q, price: p, fee: fee, liquidity: .taker, reason: .signal, bar: bar, ts: ts)
        entries += 1
        let direction = side.sign
        stopLevel = Execution.bracketLevel(rules.stopLoss.map { .fraction($0) }, isStop: true, entryPrice: p, direction: direction)
        takeLevel = Execution.bracketLevel(rules.takeProfit.map { .fraction($0) }, isStop: false, entryPrice: p, direction: direction)
    }

    @inlinable
    mutating func exitAll(side: Side, bar: Int, ts: Int64, price: Double, liquidity: Liquidity, reason: ExitReason) {
        let q = abs(qty)
        let fee = config.fees.fee(quantity: q, price: price, liquidity: liquidity)
        record(side: side, quantity: q, price: price, fee: fee, liquidity: liquidity, reason: reason, bar: bar, ts: ts)
        qty = 0
        stopLevel = .nan
        takeLevel = .nan
    }

    @inlinable
    mutating func record(side: Side, quantity q: Double, price p: Double, fee: Double, liquidity: Liquidity,
                         reason: ExitReason, bar: Int, ts: Int64) {
        cash = Execution.cash(after: cash, side: side, quantity: q, price: p, fee: fee)
        qty += side.sign * q
        fees += fee
        recorder.fill(Fill(orderID: fillCount, symbol: 0, bar: bar, ts: ts, side: side, quantity: q, price: p,
                           fee: fee, liquidity: liquidity, reason: reason))
        fillCount += 1
        builder.apply(symbol: 0, bar: bar, ts: ts, side: side, quantity: q, price: p, fee: fee, reason: reason) { recorder.trade($0) }
        if builder.position == 0 { qty = 0 }
    }

    /// Stop-loss and take-profit of the open position against bar `bar`: the earlier touch on
    /// the intrabar path wins, the stop-loss on a tie (the pessimistic choice).
    @inlinable
    mutating func checkExits(bar: Int, ts: Int64, open: Double, high: Double, low: Double, close: Double) {
        let direction: Double = qty > 0 ? 1 : -1
        let lowFirst = resolver.lowFirst(open: open, close: close, positionSign: direction)
        let stopTrigger: Trigger = qty > 0 ? .atOrBelow : .atOrAbove
        let takeTrigger: Trigger = qty > 0 ? .atOrAbove : .atOrBelow
        let stop = stopLevel.isNaN ? nil : resolver.touch(stopTrigger, level: stopLevel, bar: bar, open: open, high: high, low: low,
                                                          lowFirst: lowFirst, positionSign: direction)
        let take = takeLevel.isNaN ? nil : resolver.touch(takeTrigger, level: takeLevel, bar: bar, open: open, high: high, low: low,
                                                          lowFirst: lowFirst, positionSign: direction)
        let side: Side = qty > 0 ? .sell : .buy
        if let s = stop, take == nil || s.rank <= take!.rank {
            exitAll(side: side, bar: bar, ts: ts, price: slippage.price(s.price, side: side, quantity: abs(qty), stats: stats, bar: bar),
                    liquidity: .taker, reason: .stopLoss)
        } else if let t = take {
            exitAll(side: side, bar: bar, ts: ts, price: t.price, liquidity: .maker, reason: .takeProfit)
        }
    }
}
