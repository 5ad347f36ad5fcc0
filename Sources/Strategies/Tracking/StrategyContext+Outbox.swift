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
