/// Wraps a strategy and enforces `RiskLimits` on it, between the engine and the strategy.
///
/// Semantics, at every bar close (before the wrapped strategy decides), with E the equity marked
/// at that close:
/// - **max drawdown**: E ≤ peak × (1 − `maxDrawdown`) trips the circuit breaker: every open
///   position is closed with a market order (next open), the strategy's working orders are
///   cancelled, and entries are refused for `haltBars` timestamps (0: for the rest of the run);
///   when the halt ends the peak restarts at the equity of that bar.
/// - **max daily loss**: E ≤ S × (1 − `maxDailyLoss`), S being the equity at the last close
///   before the current UTC day (of the bar's open time) began, flattens the same way and refuses
///   entries until the next UTC day.
/// Then every order the strategy queues that opens or adds to a position (any size but
/// `closePosition`, on the side of the current position or from flat — a position whose
/// `closePosition` was queued just before counts as flat, so the entry of a flip is checked) is
/// checked:
/// - refused while halted, or when it would open more than `maxOpenPositions` positions;
/// - clipped so |position| × close ≤ `maxPositionFraction` × E and the gross exposure
///   Σ |position| × close ≤ `maxLeverage` × E (an `.equityFraction(f)` order counts as f × E of
///   notional), or refused when there is no room left.
/// A refused order is passed on with quantity 0, so the engine rejects it and the strategy is
/// told. Each firing is appended to `log` with its reason.
public struct RiskManaged<Inner: EventStrategy>: EventStrategy {
    public var inner: Inner
    public let limits: RiskLimits
    /// Where firings are recorded (shared with the caller).
    public let log: RiskLog

    @usableFromInline var peak = -Double.infinity
    @usableFromInline var lastEquity = Double.nan
    @usableFromInline var day = Int64.min
    @usableFromInline var dayStart = Double.nan
    @usableFromInline var lastTs = Int64.min
    @usableFromInline var breakerTripped = false
    @usableFromInline var haltLeft = 0
    @usableFromInline var dailyHalt = false
    @usableFromInline var working: [OrderID] = []

    public init(_ inner: Inner, limits: RiskLimits, log: RiskLog = RiskLog()) throws(StrategyError) {
        try limits.validate()
        self.inner = inner
        self.limits = limits
        self.log = log
    }

    /// Whether new entries are currently refused.
    public var isHalted: Bool { breakerTripped || dailyHalt }

    @inlinable
    public mutating func onBar(_ context: inout StrategyContext) {
        checkPortfolio(&context)
        let start = context.queuedCount
        inner.onBar(&context)
        police(from: start, &context)
    }

    @inlinable
    public mutating func onFill(_ fill: Fill, _ context: inout StrategyContext) {
        let start = context.queuedCount
        inner.onFill(fill, &context)
        police(from: start, &context)
    }

    @inlinable
    public mutating func onOrderUpdate(_ update: OrderUpdate, _ context: inout StrategyContext) {
        switch update.status {
        case .filled, .cancelled, .expired, .rejected: working.removeAll { $0 == update.orderID }
        default: break
        }
        let start = context.queuedCount
        inner.onOrderUpdate(update, &context)
        police(from: start, &context)
    }

    // MARK: portfolio rules

    @usableFromInline
    mutating func checkPortfolio(_ context: inout StrategyContext) {
        let ts = context.bars.lastTs
        let equity = context.equity
        if ts != lastTs {
            if lastTs != Int64.min && breakerTripped && limits.haltBars > 0 {
                haltLeft -= 1
                if haltLeft == 0 {
                    breakerTripped = false
                    peak = equity
                    record(context, .maxDrawdown, .resumed, "halt of \(limits.haltBars) bars over; drawdown peak reset to \(equity)")
                }
            }
            lastTs = ts
        }
        let today = ts >= 0 ? ts / 86_400_000 : (ts - 86_399_999) / 86_400_000
        if today != day {
            day = today
            dayStart = lastEquity.isNaN ? equity : lastEquity
            if dailyHalt {
                dailyHalt = false
                record(context, .maxDailyLoss, .resumed, "new UTC day; day starts at equity \(dayStart)")
            }
        }
        lastEquity = equity
        peak = max(peak, equity)
        if let limit = limits.maxDrawdown, !breakerTripped, equity <= peak * (1 - limit) {
            breakerTripped = true
            haltLeft = limits.haltBars
            let halt = limits.haltBars > 0 ? "for \(limits.haltBars) bars" : "for the rest of the run"
            flatten(&context)
            record(context, .maxDrawdown, .flattened,
                   "drawdown \(1 - equity / peak) from peak \(peak) reached the limit \(limit); flattened, entries halted \(halt)")
        }
        if let limit = limits.maxDailyLoss, !dailyHalt, equity <= dayStart * (1 - limit) {
            dailyHalt = true
            flatten(&context)
            record(context, .maxDailyLoss, .flattened,
                   "loss \(1 - equity / dayStart) since the UTC day began at equity \(dayStart) reached the limit \(limit); flattened, entries halted until the next day")
        }
    }

    @usableFromInline
    mutating func flatten(_ context: inout StrategyContext) {
        for id in working { context.cancel(id) }
        working.removeAll()
        for k in 0..<context.positions.count where context.positions[k] != 0 {
            context.submit(OrderRequest(symbol: k, side: context.positions[k] > 0 ? .sell : .buy, size: .closePosition, exitReason: .signal))
        }
    }

    @usableFromInline
    func record(_ context: StrategyContext, _ rule: RiskRule, _ action: RiskAction, _ reason: String, symbol: Int? = nil) {
        log.append(RiskEvent(ts: context.bars.lastTs, symbol: symbol ?? context.symbol, rule: rule, action: action, reason: reason))
    }

    // MARK: order rules

    /// Checks the entries queued from `start` on.
    @usableFromInline
    mutating func police(from start: Int, _ context: inout StrategyContext) {
        var index = start
        var opening = 0
        var added = 0.0
        while index < context.queuedCount {
            defer { index += 1 }
            guard case .submit(let id, var request) = context.outbox[index] else { continue }
            working.append(id)
            let s = request.symbol
            guard s >= 0 && s < context.positions.count else { continue }
            if case .closePosition = request.size { continue }
            // A close queued before this order (a flip) leaves the symbol flat for it.
            let position = closing(s, from: start, before: index, context) ? 0 : context.positions[s]
            guard position == 0 || (position > 0) == (request.side == .buy) else { continue }
            func refuse(_ rule: RiskRule, _ reason: String, _ context: inout StrategyContext) {
                request.size = .quantity(0)
                context.rewriteQueued(at: index, .submit(id, request))
                record(context, rule, .blocked, reason, symbol: s)
            }
            if isHalted {
                refuse(.halted, "entry refused: trading halted by \(breakerTripped ? "max_drawdown" : "max_daily_loss")", &context)
                continue
            }
            if position == 0, let most = limits.maxOpenPositions {
                var open = opening
                for k in 0..<context.positions.count where context.positions[k] != 0 && !closing(k, from: start, before: index, context) {
                    open += 1
                }
                if open >= most {
                    refuse(.maxOpenPositions, "entry refused: \(open) positions open or opening, limit \(most)", &context)
                    continue
                }
            }
            let equity = context.equity
            let close = context.windows[s].lastClose
            let notional: Double
            switch request.size {
            case .quantity(let q): notional = q * close
            case .equityFraction(let f): notional = f * equity
            case .closePosition: continue
            }
            var room = Double.infinity
            var rule = RiskRule.maxPosition
            if let limit = limits.maxPositionFraction { room = limit * equity - abs(position) * close }
            if let limit = limits.maxLeverage {
                var gross = added
                for k in 0..<context.positions.count where context.positions[k] != 0 && !closing(k, from: start, before: index, context) {
                    gross += abs(context.positions[k]) * context.windows[k].lastClose
                }
                let leverageRoom = limit * equity - gross
                if leverageRoom < room { room = leverageRoom; rule = .maxLeverage }
            }
            if notional > room {
                let limitText = rule == .maxPosition ? "max_position \(limits.maxPositionFraction!)" : "max_leverage \(limits.maxLeverage!)"
                if room <= 0 {
                    refuse(rule, "entry of notional \(notional) refused: no room under \(limitText) at equity \(equity)", &context)
                    continue
                }
                let scale = room / notional
                switch request.size {
                case .quantity(let q): request.size = .quantity(q * scale)
                case .equityFraction(let f): request.size = .equityFraction(f * scale)
                case .closePosition: break
                }
                context.rewriteQueued(at: index, .submit(id, request))
                record(context, rule, .clipped, "entry notional \(notional) clipped to \(room) under \(limitText) at equity \(equity)", symbol: s)
                added += room
            } else {
                added += notional
            }
            if position == 0 { opening += 1 }
        }
    }

    /// Whether a `closePosition` order for `symbol` was queued in `start..<index`.
    @usableFromInline
    func closing(_ symbol: Int, from start: Int, before index: Int, _ context: StrategyContext) -> Bool {
        var k = start
        while k < index {
            if case .submit(_, let r) = context.outbox[k], r.symbol == symbol, case .closePosition = r.size { return true }
            k += 1
        }
        return false
    }
}
