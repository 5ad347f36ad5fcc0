import Strategies

/// Trading fees charged in the quote currency.
///
/// Semantics: each fill pays `notional × rate + fixedPerOrder`, at least `minimumPerOrder`,
/// where `rate` is `makerBps / 10_000` for resting limit fills (limit orders, take-profits, the
/// limit leg of a stop-limit) and `takerBps / 10_000` for everything else (market, stop,
/// trailing-stop, liquidation). A partially filled order pays the fixed part and the minimum on
/// each of its fills.
@frozen
public struct FeeModel: Sendable, Hashable {
    public var makerBps: Double
    public var takerBps: Double
    public var fixedPerOrder: Double
    public var minimumPerOrder: Double

    public init(makerBps: Double = 10, takerBps: Double = 10, fixedPerOrder: Double = 0, minimumPerOrder: Double = 0) {
        self.makerBps = makerBps
        self.takerBps = takerBps
        self.fixedPerOrder = fixedPerOrder
        self.minimumPerOrder = minimumPerOrder
    }

    /// The same rate for maker and taker fills.
    public static func flat(bps: Double) -> FeeModel { FeeModel(makerBps: bps, takerBps: bps) }

    @inlinable
    public func rate(_ liquidity: Liquidity) -> Double {
        (liquidity == .maker ? makerBps : takerBps) / 10_000
    }

    /// The fee of one fill of `quantity` at `price`.
    @inlinable
    public func fee(quantity: Double, price: Double, liquidity: Liquidity) -> Double {
        let proportional = quantity * price * rate(liquidity) + fixedPerOrder
        return proportional < minimumPerOrder ? minimumPerOrder : proportional
    }

    /// The largest quantity whose cost fits in `budget` at `price` when gross exposure may be
    /// `leverage ×` the equity left after the fee: `(budget − L·fixed) ÷ (price × (1 + L·rate))`,
    /// or `(budget − L·minimum) ÷ price` when the minimum fee applies (L = 1: notional plus fee
    /// equals the budget). Not rounded to lots; zero if nothing fits.
    @inlinable
    public func maxQuantity(budget: Double, price: Double, liquidity: Liquidity, leverage: Double = 1) -> Double {
        let r = rate(liquidity)
        let q = (budget - leverage * fixedPerOrder) / (price * (1 + leverage * r))
        guard q > 0 else { return 0 }
        if minimumPerOrder > 0 && q * price * r + fixedPerOrder < minimumPerOrder {
            return max(0, (budget - leverage * minimumPerOrder) / price)
        }
        return q
    }
}
