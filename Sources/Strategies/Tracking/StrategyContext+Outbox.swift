extension StrategyContext {
    /// Number of commands queued so far in this callback (wrappers remember it before calling
    /// the strategy they wrap, then inspect what it queued).
    @inlinable public var queuedCount: Int { outbox.count }

    /// Replaces the queued command at `index` (wrappers rewriting the orders of the strategy
    /// they wrap, e.g. its sizes).
    public mutating func rewriteQueued(at index: Int, _ command: OrderCommand) {
        outbox[index] = command
    }
}

extension StrategyContext {
    /// The position of `symbol` as the order queued at `index` will find it: 0 when a
    /// `closePosition` for the symbol was queued in `start..<index` (a flip), else the current one.
    @inlinable
    public func positionBefore(_ symbol: Int, from start: Int, index: Int) -> Double {
        var k = start
        while k < index {
            if case .submit(_, let r) = outbox[k], r.symbol == symbol, case .closePosition = r.size { return 0 }
            k += 1
        }
        return symbol >= 0 && symbol < positions.count ? positions[symbol] : 0
    }

    /// Whether the command queued at `index` submits an order that opens a position from flat
    /// (directly or as the entry of a flip whose close was queued from `start` on).
    @inlinable
    public func opensPosition(at index: Int, from start: Int) -> Bool {
        guard case .submit(_, let r) = outbox[index], r.symbol >= 0, r.symbol < positions.count else { return false }
        if case .closePosition = r.size { return false }
        return positionBefore(r.symbol, from: start, index: index) == 0
    }
}
