import Strategies

extension EventRun {
    /// Runs the commands the strategy queued at bar `j` of `current`, or with a latency puts
    /// them in flight until bar `j + latencyBars` of `current` (`OrderTiming`).
    @inlinable
    mutating func executeCommands(bar j: Int, symbol current: Int) {
        while !context.outbox.isEmpty {
            context.drainOutbox(into: &commands)
            for command in commands {
                if timing.latencyBars > 0 {
                    inFlight.append(CommandInFlight(symbol: current, arrival: j + timing.latencyBars, command: command))
                } else {
                    act(command, bar: j, current: current)
                }
            }
            commands.removeAll(keepingCapacity: true)
        }
    }

    /// Acts on the commands in flight that arrive at bar `j` of `s`, in sending order.
    @inlinable
    mutating func deliver(symbol s: Int, bar j: Int) {
        var k = 0
        while k < inFlight.count {
            guard inFlight[k].symbol == s && inFlight[k].arrival <= j else { k += 1; continue }
            act(inFlight.remove(at: k).command, bar: j, current: s)
        }
    }

    /// One command reaching the book: submits become working orders live from the next bar (or
    /// fill at this close under `fill: close`), cancels and replaces apply at once.
    @inlinable
    mutating func act(_ command: OrderCommand, bar j: Int, current: Int) {
        switch command {
        case let .submit(id, request): accept(id: id, request: request, bar: j, current: current)
        case let .cancel(id): cancel(id: id, bar: j)
        case let .replace(id, price, quantity): replace(id: id, price: price, quantity: quantity, bar: j)
        }
    }

    @inlinable
    mutating func accept(id: OrderID, request: OrderRequest, bar j: Int, current: Int) {
        guard request.symbol >= 0 && request.symbol < bars.count else {
            return notify(OrderUpdate(orderID: id, symbol: request.symbol, bar: j, status: .rejected(.unknownSymbol)))
        }
        guard bars[current].ts[j] >= timing.tradingStart else {
            return notify(OrderUpdate(orderID: id, symbol: request.symbol, bar: j, status: .rejected(.beforeTradingStart)))
        }
        if let reason = Self.invalid(request) {
            return notify(OrderUpdate(orderID: id, symbol: request.symbol, bar: j, status: .rejected(reason)))
        }
        // The current bar of the order's symbol: orders are live from its next bar.
        let symbolBar = context.windows[request.symbol].count - 1
        var order = WorkingOrder(id: id, request: request, liveFrom: symbolBar + 1)
        if case .trailingStop = order.kind, symbolBar >= 0 { order.trail(close: bars[request.symbol].close[symbolBar]) }
        orders.append(order)
        notify(OrderUpdate(orderID: id, symbol: request.symbol, bar: j, status: .accepted))
        if config.fill == .close && order.isMarket && request.symbol == current {
            _ = execute(index: orders.count - 1, bar: j, reference: bars[current].close[j], liquidity: .taker, rank: 0)
        }
    }

    /// Why a request cannot be accepted at all, if it cannot.
    @inlinable
    static func invalid(_ r: OrderRequest) -> RejectReason? {
        func bad(_ p: Double) -> Bool { !(p > 0) || !p.isFinite }
        switch r.kind {
        case .market: break
        case let .limit(p): if bad(p) { return .invalidPrice }
        case let .stop(p): if bad(p) { return .invalidPrice }
        case let .stopLimit(s, l): if bad(s) || bad(l) { return .invalidPrice }
        case let .trailingStop(.amount(a)): if bad(a) { return .invalidPrice }
        case let .trailingStop(.percent(p)): if bad(p) || p >= 1 { return .invalidPrice }
        }
        switch r.size {
        case let .quantity(q): if !(q > 0) { return .zeroQuantity }
        case let .equityFraction(f): if !(f > 0) { return .zeroQuantity }
        case .closePosition: break
        }
        return nil
    }

    @inlinable
    mutating func cancel(id: OrderID, bar j: Int) {
        guard let k = orders.firstIndex(where: { $0.id == id }) else {
            return notify(OrderUpdate(orderID: id, symbol: -1, bar: j, status: .rejected(.unknownOrder)))
        }
        finish(index: k, bar: j, status: .cancelled)
    }

    @inlinable
    mutating func replace(id: OrderID, price: Double?, quantity: Double?, bar j: Int) {
        guard let k = orders.firstIndex(where: { $0.id == id }) else {
            return notify(OrderUpdate(orderID: id, symbol: -1, bar: j, status: .rejected(.unknownOrder)))
        }
        if let price {
            guard price > 0 && price.isFinite else {
                return notify(OrderUpdate(orderID: id, symbol: orders[k].symbol, bar: j, status: .rejected(.invalidPrice)))
            }
            switch orders[k].kind {
            case .market: break
            case .limit: orders[k].kind = .limit(price: price)
            case .stop: orders[k].kind = .stop(trigger: price)
            case let .stopLimit(trigger, _): orders[k].kind = .stopLimit(trigger: trigger, limit: price)
            case .trailingStop: orders[k].trailLevel = price
            }
        }
        if let quantity {
            guard quantity > 0 else {
                return notify(OrderUpdate(orderID: id, symbol: orders[k].symbol, bar: j, status: .rejected(.zeroQuantity)))
            }
            orders[k].size = .quantity(quantity)
        }
        notify(OrderUpdate(orderID: id, symbol: orders[k].symbol, bar: j, status: .replaced))
    }

    /// Removes order `k` with a final status.
    @inlinable
    mutating func finish(index k: Int, bar j: Int, status: OrderStatus) {
        let o = orders.remove(at: k)
        notify(OrderUpdate(orderID: o.id, symbol: o.symbol, bar: j, status: status))
    }

    @inlinable
    mutating func notify(_ update: OrderUpdate) {
        updates.append(update)
        strategy.onOrderUpdate(update, &context)
    }

    /// Tries to fill order `k` against `reference` (the open, a touched level, or the close).
    /// Returns true when the order left the book (filled, rejected, expired).
    @inlinable
    mutating func execute(index k: Int, bar j: Int, reference: Double, liquidity: Liquidity, rank: Int, slipped: Bool = true) -> Bool {
        let o = orders[k]
        let s = o.symbol
        var side = o.side
        var q: Double
        var price = reference
        let applySlippage = slipped && liquidity == .taker
        switch o.size {
        case .closePosition:
            q = abs(positions[s])
            guard q > 0 else { finish(index: k, bar: j, status: .rejected(.nothingToClose)); return true }
            side = positions[s] > 0 ? .sell : .buy
            if applySlippage { price = slippage.price(reference, side: side, quantity: q, stats: stats[s], bar: j) }
        case let .quantity(quantity):
            q = config.roundToLot(quantity)
            if applySlippage { price = slippage.price(reference, side: side, quantity: q, stats: stats[s], bar: j) }
        case let .equityFraction(f):
            let budget = f * equity(marking: s, at: reference) * config.leverage
            if applySlippage {
                (q, price) = Execution.entry(budget: budget, price: reference, side: side, config: config,
                                             slippage: slippage, stats: stats[s], bar: j)
            } else {
                q = config.roundToLot(config.fees.maxQuantity(budget: budget, price: reference, liquidity: liquidity, leverage: config.leverage))
            }
        }
        if o.parent != nil {
            // A bracket exit only reduces the position it protects.
            let held = positions[s]
            guard held != 0 && (held > 0) == (side == .sell) else { finish(index: k, bar: j, status: .cancelled); return true }
            q = min(q, abs(held))
        }
        let intended = q
        if let cap = config.maxParticipation {
            if volumeBar[s] != j { volumeBar[s] = j; volumeUsed[s] = 0 }
            let available = config.roundToLot(max(0, cap * bars[s].volume[j] - volumeUsed[s]))
            if q > available {
                if case .fok = o.timeInForce { finish(index: k, bar: j, status: .expired); return true }
                q = available
                if q <= 0 { orders[k].doneBar = j; return false }
            }
        }
        guard q > 0 else {
            let asked: Double
            switch o.size {
            case let .quantity(x): asked = x
            case let .equityFraction(f): asked = f * equity(marking: s, at: reference) * config.leverage / reference
            case .closePosition: asked = 0
            }
            reject(index: k, bar: j, .zeroQuantity, .lotSize, value: asked, limit: config.lotSize)
            return true
        }
        let newPosition = positions[s] + side.sign * q
        let increases = abs(newPosition) > abs(positions[s])
        // The minimum notional applies to orders that open or add: an exit is never refused.
        guard !increases || q * price >= config.minNotional else {
            reject(index: k, bar: j, .belowMinimumNotional, .minNotional, value: q * price, limit: config.minNotional)
            return true
        }
        let fee = config.fees.fee(quantity: q, price: price, liquidity: liquidity)
        if increases {
            let after = Execution.cash(after: cash, side: side, quantity: q, price: price, fee: fee)
            let old = positions[s]
            positions[s] = newPosition
            let e = after + positionValue(marking: s, at: price)
            let g = gross(marking: s, at: price)
            positions[s] = old
            guard config.marginAllows(gross: g, equity: e) else {
                reject(index: k, bar: j, config.leverage == 1 ? .insufficientCash : .insufficientMargin, .margin,
                       value: g, limit: config.leverage * e)
                return true
            }
        }
        let wasFlat = positions[s] == 0
        let fill = applyFill(id: o.id, symbol: s, bar: j, side: side, quantity: q, price: price, fee: fee,
                             liquidity: liquidity, reason: o.fillReason)
        if wasFlat && positions[s] != 0 { entries += 1 }
        if let bracket = o.bracket { attachBracket(bracket, entry: o, quantity: q, price: price, bar: j, rank: rank) }
        let remaining = intended - q
        let done = remaining <= intended * 1e-12
        // Fills can cancel other orders (bracket exits, OCO), so find this one again.
        let k = orders.firstIndex { $0.id == o.id }!
        if done {
            let group = o.ocoGroup
            finish(index: k, bar: j, status: .filled)
            if let group { cancelGroup(group, bar: j) }
        } else {
            orders[k].size = .quantity(remaining)
            orders[k].doneBar = j
            notify(OrderUpdate(orderID: o.id, symbol: s, bar: j, status: .partiallyFilled(remaining: remaining)))
        }
        strategy.onFill(fill, &context)
        return done
    }

    /// Removes order `k` as rejected at its fill and records why.
    @inlinable
    mutating func reject(index k: Int, bar j: Int, _ reason: RejectReason, _ rule: RiskRule, value: Double, limit: Double) {
        let s = orders[k].symbol
        context.record(RiskEvent(ts: bars[s].ts[j], bar: j, symbol: s, rule: rule, action: .rejected, value: value, limit: limit))
        finish(index: k, bar: j, status: .rejected(reason))
    }

    /// Books a fill: cash, position, fees, logs, trades; cancels bracket exits of a position that
    /// closed or reversed.
    @inlinable
    @discardableResult
    mutating func applyFill(id: OrderID, symbol s: Int, bar j: Int, side: Side, quantity q: Double, price: Double, fee: Double,
                            liquidity: Liquidity, reason: ExitReason) -> Fill {
        let before = positions[s]
        cash = Execution.cash(after: cash, side: side, quantity: q, price: price, fee: fee)
        fees += fee
        if config.maxParticipation != nil { volumeUsed[s] += q }
        let fill = Fill(orderID: id, symbol: s, bar: j, ts: bars[s].ts[j], side: side, quantity: q, price: price, fee: fee,
                        liquidity: liquidity, reason: reason)
        fills.append(fill)
        builders[s].apply(symbol: s, bar: j, ts: fill.ts, side: side, quantity: q, price: price, fee: fee, reason: reason) {
            trades.append($0)
        }
        positions[s] = builders[s].position
        context.publish(cash: cash, equity: equity(marking: s, at: price), position: positions[s], of: s)
        if before != 0 && (positions[s] == 0 || (positions[s] > 0) != (before > 0)) {
            var k = 0
            while k < orders.count {
                if orders[k].symbol == s && orders[k].parent != nil && orders[k].id != id && orders[k].parent != id {
                    finish(index: k, bar: j, status: .cancelled)
                } else {
                    k += 1
                }
            }
        }
        return fill
    }

    /// Creates (or enlarges) the protective stop and take-profit of a filled entry
    /// (`ProtectiveLevels`): OCO, reduce-only, live from the entry's fill bar at its intrabar rank.
    @inlinable
    mutating func attachBracket(_ bracket: BracketExits, entry: WorkingOrder, quantity: Double, price: Double, bar j: Int, rank: Int) {
        if let k = orders.firstIndex(where: { $0.parent == entry.id }) {
            for i in k..<orders.count where orders[i].parent == entry.id {
                if case let .quantity(q) = orders[i].size { orders[i].size = .quantity(q + quantity) }
            }
            return
        }
        let exitSide = entry.side.opposite
        let group = -(entry.id + 1)
        let levels = ProtectiveLevels(bracket, entryPrice: price, direction: entry.side.sign)
        func add(_ kind: OrderKind, _ reason: ExitReason, trail: Double, floor: Double, _ run: inout EventRun) {
            var child = WorkingOrder(id: run.context.reserveOrderID(),
                                     request: OrderRequest(symbol: entry.symbol, side: exitSide, size: .quantity(quantity), kind: kind,
                                                           ocoGroup: group, exitReason: reason),
                                     liveFrom: j)
            child.minRank = rank
            child.parent = entry.id
            child.trailLevel = trail
            child.floorLevel = floor
            run.orders.append(child)
            run.notify(OrderUpdate(orderID: child.id, symbol: entry.symbol, bar: j, status: .accepted))
        }
        // One stop at the tightest level, created first so it wins a tie with the take-profit.
        if !levels.trailing.isNaN {
            add(.trailingStop(distance: .percent(levels.trailing)), .trailingStop, trail: levels.stop, floor: levels.floor, &self)
        } else if !levels.floor.isNaN {
            add(.stop(trigger: levels.floor), .stopLoss, trail: .nan, floor: .nan, &self)
        }
        if !levels.take.isNaN { add(.limit(price: levels.take), .takeProfit, trail: .nan, floor: .nan, &self) }
    }

    @inlinable
    mutating func cancelGroup(_ group: Int, bar j: Int) {
        var k = 0
        while k < orders.count {
            if orders[k].ocoGroup == group { finish(index: k, bar: j, status: .cancelled) } else { k += 1 }
        }
    }
}
