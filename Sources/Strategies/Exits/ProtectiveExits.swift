import Indicators

/// Wraps a strategy and protects every position it opens with the orders of `ExitRules`
/// (stop-loss, ATR stop, trailing stop, take-profit, time stop) — real orders in the event
/// engine, reported in the trade log with their exit reasons (`stop_loss`, `trailing_stop`,
/// `take_profit`; the time stop is a market exit, `signal`).
public struct ProtectiveExits<Inner: EventStrategy>: EventStrategy {
    public var inner: Inner
    public let exits: ExitRules
    @usableFromInline var tracker: PositionTracker
    @usableFromInline var atr: [ATR]
    @usableFromInline var latestATR: [Double]
    /// Working exit order ids per symbol (at most four).
    @usableFromInline var working: [[OrderID]]
    @usableFromInline var barsHeld: [Int]
    @usableFromInline var nextGroup = 1

    public init(_ inner: Inner, exits: ExitRules, symbols: Int = 1) throws(StrategyError) {
        try exits.validate()
        self.inner = inner
        self.exits = exits
        tracker = PositionTracker(symbols: symbols)
        let period = exits.atrPeriod
        let one = try withIndicators("exits") { () throws(IndicatorError) in try ATR(period: period) }
        atr = Array(repeating: one, count: symbols)
        latestATR = Array(repeating: .nan, count: symbols)
        working = Array(repeating: [], count: symbols)
        barsHeld = Array(repeating: 0, count: symbols)
    }

    @inlinable
    public mutating func onBar(_ context: inout StrategyContext) {
        let s = context.symbol
        if exits.atrStop != nil {
            let bars = context.bars
            latestATR[s] = atr[s].update(high: bars.lastHigh, low: bars.lastLow, close: bars.lastClose)
        }
        if tracker.quantity[s] != 0 {
            barsHeld[s] += 1
            if let n = exits.maxBars, barsHeld[s] == n {
                cancelExits(s, &context)
                let side: Side = tracker.quantity[s] > 0 ? .sell : .buy
                context.submit(OrderRequest(symbol: s, side: side, size: .closePosition, exitReason: .signal))
            }
        }
        inner.onBar(&context)
    }

    @inlinable
    public mutating func onFill(_ fill: Fill, _ context: inout StrategyContext) {
        let change = tracker.apply(fill).change
        let s = fill.symbol
        switch change {
        case .opened:
            cancelExits(s, &context)
            barsHeld[s] = 0
            placeExits(s, &context)
        case .closed:
            if !working[s].contains(fill.orderID) { cancelExits(s, &context) } else { working[s].removeAll() }
        case .increased, .reduced:
            break
        }
        inner.onFill(fill, &context)
    }

    @inlinable
    public mutating func onOrderUpdate(_ update: OrderUpdate, _ context: inout StrategyContext) {
        switch update.status {
        case .filled, .cancelled, .expired, .rejected:
            if update.symbol >= 0 && update.symbol < working.count { working[update.symbol].removeAll { $0 == update.orderID } }
        default: break
        }
        inner.onOrderUpdate(update, &context)
    }

    @usableFromInline
    mutating func cancelExits(_ s: Int, _ context: inout StrategyContext) {
        for id in working[s] { context.cancel(id) }
        working[s].removeAll()
    }

    @usableFromInline
    mutating func placeExits(_ s: Int, _ context: inout StrategyContext) {
        let q = tracker.quantity[s]
        let d: Double = q > 0 ? 1 : -1
        let price = tracker.entryPrice[s]
        let side: Side = q > 0 ? .sell : .buy
        let group = nextGroup
        nextGroup += 1
        func place(_ kind: OrderKind, _ reason: ExitReason, _ context: inout StrategyContext) {
            working[s].append(context.submit(OrderRequest(symbol: s, side: side, size: .closePosition, kind: kind,
                                                          ocoGroup: group, exitReason: reason)))
        }
        if let f = exits.stopLoss { place(.stop(trigger: price * (1 - d * f)), .stopLoss, &context) }
        if let k = exits.atrStop, latestATR[s].isFinite {
            let level = price - d * k * latestATR[s]
            if level > 0 { place(.stop(trigger: level), .stopLoss, &context) }
        }
        if let f = exits.trailing { place(.trailingStop(distance: .percent(f)), .trailingStop, &context) }
        if let f = exits.takeProfit { place(.limit(price: price * (1 + d * f)), .takeProfit, &context) }
    }
}
