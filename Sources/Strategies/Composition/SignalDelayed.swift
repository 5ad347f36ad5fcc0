/// A strategy that decides on data `bars` bars old: at the close of bar t it is shown the
/// bars up to t − `bars` (every symbol's window shortened alike) with the current positions,
/// cash and equity, and its orders act at once. This is a signal delay — the vectorized
/// engine's shifted signal column (`GatedStrategy`) — rather than a delay of each order: a
/// strategy that decides from its position (an entry is skipped while in that direction) sees
/// the position its earlier, delayed decisions left, so it never sends an order twice.
///
/// Semantics: the first `bars` bars of a symbol call nothing; fills and order updates reach the
/// wrapped strategy when they happen, with the current windows. `bars` = 0 is the strategy itself.
public struct SignalDelayed<Base: EventStrategy>: EventStrategy {
    public var base: Base
    public let bars: Int

    public init(_ base: Base, bars: Int) {
        precondition(bars >= 0, "a signal delay must not be negative")
        self.base = base
        self.bars = bars
    }

    public mutating func onBar(_ context: inout StrategyContext) {
        guard bars > 0 else { return base.onBar(&context) }
        guard context.windows[context.symbol].count > bars else { return }
        let n = context.windows.count
        withUnsafeTemporaryAllocation(of: Int.self, capacity: n) { counts in
            for s in 0..<n {
                counts[s] = context.windows[s].count
                context.windows[s] = context.windows[s].withCount(max(0, counts[s] - bars))
            }
            base.onBar(&context)
            for s in 0..<n { context.windows[s] = context.windows[s].withCount(counts[s]) }
        }
    }

    @inlinable
    public mutating func onFill(_ fill: Fill, _ context: inout StrategyContext) { base.onFill(fill, &context) }

    @inlinable
    public mutating func onOrderUpdate(_ update: OrderUpdate, _ context: inout StrategyContext) {
        base.onOrderUpdate(update, &context)
    }
}
