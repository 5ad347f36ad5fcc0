import Indicators

/// Wraps a strategy and protects every position it opens with the exits of `ExitRules`
/// (semantics there): the stops and the take-profit become the bracket of each entry order the
/// strategy queues (filling in what the strategy's own bracket leaves open), so the engine runs
/// them as real orders; the time stop is a market exit queued here. Exit reasons in the trade
/// log: `stop_loss`, `trailing_stop`, `take_profit`, `time_stop`. Exit levels written as
/// expressions (`levels`) are evaluated here bar by bar, per symbol, and an entry queued at a
/// bar gets their values at that bar.
public struct ProtectiveExits<Inner: EventStrategy>: EventStrategy {
    public var inner: Inner
    public let exits: ExitRules
    public let levels: ExitLevels?
    @usableFromInline var tracker: PositionTracker
    @usableFromInline var atr: [ATR]
    @usableFromInline var latestATR: [Double]
    @usableFromInline var barsHeld: [Int]
    /// Per symbol: the expressions' evaluator (made at the symbol's first bar, so a copy made
    /// before a run runs afresh) and their values at its latest bar.
    @usableFromInline var feeds: [RuleFeed?]
    @usableFromInline var latestLevels: [EntryExitLevels]

    public init(_ inner: Inner, exits: ExitRules, levels: ExitLevels? = nil, symbols: Int = 1) throws(StrategyError) {
        try exits.validate()
        self.inner = inner
        self.exits = exits
        self.levels = levels
        feeds = Array(repeating: nil, count: levels == nil ? 0 : symbols)
        latestLevels = Array(repeating: EntryExitLevels(), count: symbols)
        tracker = PositionTracker(symbols: symbols)
        let period = exits.atrPeriod
        let one = try withIndicators("exits") { () throws(IndicatorError) in try ATR(period: period) }
        atr = Array(repeating: one, count: symbols)
        latestATR = Array(repeating: .nan, count: symbols)
        barsHeld = Array(repeating: 0, count: symbols)
    }

    @inlinable
    public mutating func onBar(_ context: inout StrategyContext) {
        let s = context.symbol
        if exits.atrStop != nil {
            let bars = context.bars
            latestATR[s] = atr[s].update(high: bars.lastHigh, low: bars.lastLow, close: bars.lastClose)
        }
        if let levels { observeLevels(levels, &context) }
        if tracker.quantity[s] != 0 {
            barsHeld[s] += 1
            if let n = exits.maxBars, barsHeld[s] == n {
                let side: Side = tracker.quantity[s] > 0 ? .sell : .buy
                context.submit(OrderRequest(symbol: s, side: side, size: .closePosition, exitReason: .timeStop))
            }
        }
        let start = context.queuedCount
        inner.onBar(&context)
        protect(from: start, &context)
    }

    @inlinable
    public mutating func onFill(_ fill: Fill, _ context: inout StrategyContext) {
        if tracker.apply(fill).change == .opened { barsHeld[fill.symbol] = 0 }
        let start = context.queuedCount
        inner.onFill(fill, &context)
        protect(from: start, &context)
    }

    @inlinable
    public mutating func onOrderUpdate(_ update: OrderUpdate, _ context: inout StrategyContext) {
        let start = context.queuedCount
        inner.onOrderUpdate(update, &context)
        protect(from: start, &context)
    }

    /// Completes the bracket of every order queued from `start` on that opens a position.
    @usableFromInline
    mutating func protect(from start: Int, _ context: inout StrategyContext) {
        var index = start
        while index < context.queuedCount {
            defer { index += 1 }
            guard case .submit(let id, var request) = context.outbox[index], context.opensPosition(at: index, from: start) else { continue }
            let s = request.symbol
            let atrValue = s < latestATR.count ? latestATR[s] : .nan
            let own = s < latestLevels.count ? latestLevels[s] : EntryExitLevels()
            request.bracket = exits.complete(request.bracket, atr: atrValue, levels: own)
            context.rewriteQueued(at: index, .submit(id, request))
        }
    }

    /// Advances the symbol's exit level expressions by its new bar.
    @usableFromInline
    mutating func observeLevels(_ levels: ExitLevels, _ context: inout StrategyContext) {
        let s = context.symbol
        guard s < feeds.count else { return }
        if feeds[s] == nil { feeds[s] = levels.feed() }
        feeds[s]!.update(context.bars)
        latestLevels[s] = levels.current(feeds[s]!)
    }
}

extension ExitRules {
    /// `own` (a strategy's bracket, possibly nil) with every level it leaves open taken from
    /// `levels` (exit level expressions at the signal bar), else from these rules; `atr` is the
    /// ATR of the signal bar (the ATR stop is skipped while it is unknown). Nil when there is no
    /// exit at all.
    @inlinable
    public func complete(_ own: BracketExits?, atr: Double, levels: EntryExitLevels = EntryExitLevels()) -> BracketExits? {
        var b = own ?? BracketExits()
        if b.stopLoss == nil, let f = levels.stopLoss ?? stopLoss { b.stopLoss = .fraction(f) }
        if b.takeProfit == nil, let f = levels.takeProfit ?? takeProfit { b.takeProfit = .fraction(f) }
        if b.stopOffset == nil, let k = atrStop, atr.isFinite { b.stopOffset = k * atr }
        if b.trailing == nil { b.trailing = levels.trailing ?? trailing }
        return b.isEmpty ? nil : b
    }

    /// These rules with every exit they leave off taken from `other`.
    public func filled(from other: ExitRules) -> ExitRules {
        var r = self
        if r.stopLoss == nil { r.stopLoss = other.stopLoss }
        if r.atrStop == nil { r.atrStop = other.atrStop; r.atrPeriod = other.atrPeriod }
        if r.trailing == nil { r.trailing = other.trailing }
        if r.takeProfit == nil { r.takeProfit = other.takeProfit }
        if r.maxBars == nil { r.maxBars = other.maxBars }
        return r
    }

    /// Whether any exit needs watching while a position is open.
    @inlinable
    public var isActive: Bool { stopLoss != nil || atrStop != nil || trailing != nil || takeProfit != nil || maxBars != nil }
}
