/// Turns vectorized-style signal flags into the equivalent market orders, so a strategy's
/// event path and vectorized path mean the same thing (the engines' parity rests on this).
///
/// Order of submission (and so of fills at the next open): exits first, then the entry.
/// An entry is skipped while a position in the same direction is held; an exit while flat
/// (in that direction) does nothing.
public enum SignalOrders {
    @inlinable
    public static func submit(_ signal: SignalFlags, fraction: Double, bracket: BracketExits?, symbol: Int,
                              _ context: inout StrategyContext) {
        var position = context.positions[symbol]
        if position > 0 && (signal.contains(.exitLong) || signal.contains(.entryShort)) {
            context.submit(OrderRequest(symbol: symbol, side: .sell, size: .closePosition))
            position = 0
        } else if position < 0 && (signal.contains(.exitShort) || signal.contains(.entryLong)) {
            context.submit(OrderRequest(symbol: symbol, side: .buy, size: .closePosition))
            position = 0
        }
        if position == 0 {
            if signal.contains(.entryLong) {
                context.submit(OrderRequest(symbol: symbol, side: .buy, size: .equityFraction(fraction), bracket: bracket))
            } else if signal.contains(.entryShort) {
                context.submit(OrderRequest(symbol: symbol, side: .sell, size: .equityFraction(fraction), bracket: bracket))
            }
        }
    }
}
