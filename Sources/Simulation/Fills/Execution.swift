import Strategies

/// The arithmetic of a fill, shared by both engines so they agree to the last bit.
public enum Execution {
    /// Quantity and execution price of a taker entry spending `budget` at reference `price`:
    /// the slippage model prices an order of the budget's size, the fee model inverts the fee,
    /// and if the slipped price depends on the quantity it is re-priced at the final (smaller)
    /// quantity. Quantity rounded down to the lot.
    @inlinable
    public static func entry<Slippage: SlippageModel>(budget: Double, price: Double, side: Side, config: EngineConfig,
                                                      slippage: Slippage, stats: MarketStats, bar: Int) -> (quantity: Double, price: Double) {
        let estimate = slippage.price(price, side: side, quantity: budget / price, stats: stats, bar: bar)
        var q = config.fees.maxQuantity(budget: budget, price: estimate, liquidity: .taker, leverage: config.leverage)
        q = config.roundToLot(q)
        let p = slippage.needsStats ? slippage.price(price, side: side, quantity: q, stats: stats, bar: bar) : estimate
        return (q, p)
    }

    /// Cash after trading `quantity` at `price` on `side` and paying `fee`.
    @inlinable
    public static func cash(after cash: Double, side: Side, quantity: Double, price: Double, fee: Double) -> Double {
        cash - (side.sign * (quantity * price) + fee)
    }
}
