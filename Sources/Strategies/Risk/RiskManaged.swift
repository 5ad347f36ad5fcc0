/// Wraps a strategy and enforces `RiskLimits` on it, between the engine and the strategy.
///
/// Semantics (both engines), at every bar close before the wrapped strategy decides, with E the
/// equity marked at that close (before that bar's borrow charge):
/// - **max drawdown**: E ≤ peak × (1 − `maxDrawdown`) trips the circuit breaker: every open
///   position is closed with a market order (`risk_limit`; next open, or this close under
///   `fill: close`), the strategy's working orders are cancelled, and entries are refused for
///   `haltBars` timestamps (0: for the rest of the run); when the halt ends the peak restarts at
///   the equity of that bar.
/// - **daily loss**: E ≤ S × (1 − `maxDailyLoss`), S being the equity at the last close before
///   the current UTC day (of the bar's open time) began, flattens the same way and refuses
///   entries until the next UTC day.
/// Then every order the strategy queues that opens or adds to a position (any size but
/// `closePosition`, on the side of the current position or from flat — a position whose
/// `closePosition` was queued just before counts as flat, so the entry of a flip is checked) is
/// checked, unless an inner layer already refused it (quantity 0):
/// - refused while halted, or when it would open more than `maxOpenPositions` positions;
/// - clipped so |position| × close ≤ `maxPositionFraction` × E and the gross exposure
///   Σ |position| × close ≤ `maxLeverage` × E (an `.equityFraction(f)` order counts as f × E of
///   notional), or refused when there is no room left.
/// A refused order is passed on with quantity 0, so the engine rejects it and the strategy is
/// told. Every firing is recorded (`StrategyContext.record`, numbers as in `RiskEvent`).
public struct RiskManaged<Inner: EventStrategy>: EventStrategy {
    public var inner: Inner
    public let limits: RiskLimits

    @usableFromInline var guardrail = EquityGuard()
    @usableFromInline var working: [OrderID] = []

    public init(_ inner: Inner, limits: RiskLimits) throws(StrategyError) {
        try limits.validate()
        self.inner = inner
        self.limits = limits
    }

    /// Whether new entries are currently refused.
    public var isHalted: Bool { guardrail.isHalted }

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
        guard limits.maxDrawdown != nil || limits.maxDailyLoss != nil else { return }
        let f = guardrail.check(limits, ts: context.bars.lastTs, equity: context.equity)
        guard f.any else { return }
        if f.flatten { flatten(&context) }
        f.record(limits, symbol: context.symbol) { context.record($0, $1, symbol: $2, value: $3, limit: $4) }
    }

    @usableFromInline
    mutating func flatten(_ context: inout StrategyContext) {
        for id in working { context.cancel(id) }
        working.removeAll()
        for k in 0..<context.positions.count where context.positions[k] != 0 {
            context.submit(OrderRequest(symbol: k, side: context.positions[k] > 0 ? .sell : .buy, size: .closePosition,
                                        exitReason: .riskLimit))
        }
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
            let equity = context.equity
            let close = context.windows[s].lastClose
            let notional: Double
            switch request.size {
            case .closePosition: continue
            case .quantity(let q):
                guard q > 0 else { continue }   // refused by an inner layer, which recorded why
                notional = q * close
            case .equityFraction(let f): notional = f * equity
            }
            let position = context.positionBefore(s, from: start, index: index)
            guard position == 0 || (position > 0) == (request.side == .buy) else { continue }
            func refuse(_ rule: RiskRule, _ value: Double, _ limit: Double, _ context: inout StrategyContext) {
                request.size = .quantity(0)
                context.rewriteQueued(at: index, .submit(id, request))
                context.record(rule, .blocked, symbol: s, value: value, limit: limit)
            }
            if isHalted {
                refuse(guardrail.haltedBy, notional, 0, &context)
                continue
            }
            if position == 0, let most = limits.maxOpenPositions {
                var open = opening
                for k in 0..<context.positions.count where context.positionBefore(k, from: start, index: index) != 0 { open += 1 }
                if open >= most {
                    refuse(.maxOpenPositions, Double(open), Double(most), &context)
                    continue
                }
            }
            var room = Double.infinity
            var rule = RiskRule.maxPosition
            if let limit = limits.maxPositionFraction { room = limit * equity - abs(position) * close }
            if let limit = limits.maxLeverage {
                var gross = added
                for k in 0..<context.positions.count {
                    let p = context.positionBefore(k, from: start, index: index)
                    if p != 0 { gross += abs(p) * context.windows[k].lastClose }
                }
                let leverageRoom = limit * equity - gross
                if leverageRoom < room { room = leverageRoom; rule = .maxLeverage }
            }
            if notional > room {
                if room <= 0 {
                    refuse(rule, notional, room, &context)
                    continue
                }
                let scale = room / notional
                switch request.size {
                case .quantity(let q): request.size = .quantity(q * scale)
                case .equityFraction(let f): request.size = .equityFraction(f * scale)
                case .closePosition: break
                }
                context.rewriteQueued(at: index, .submit(id, request))
                context.record(rule, .clipped, symbol: s, value: notional, limit: room)
                added += room
            } else {
                added += notional
            }
            if position == 0 { opening += 1 }
        }
    }
}
