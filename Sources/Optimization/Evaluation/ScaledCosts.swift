import Simulation
import Strategies

/// Another slippage model with its price impact multiplied (cost stress).
///
/// Semantics: execution price = reference + m × (base execution price − reference); m = 1
/// returns the base price unchanged, m = 0 removes slippage.
public struct ScaledSlippage<Base: SlippageModel>: SlippageModel {
    public let base: Base
    public let multiplier: Double

    public init(_ base: Base, multiplier: Double) {
        self.base = base
        self.multiplier = multiplier
    }

    @inlinable public var needsStats: Bool { base.needsStats }

    @inlinable
    public func price(_ price: Double, side: Side, quantity: Double, stats: MarketStats, bar: Int) -> Double {
        let slipped = base.price(price, side: side, quantity: quantity, stats: stats, bar: bar)
        return multiplier == 1 ? slipped : price + multiplier * (slipped - price)
    }
}

extension FeeModel {
    /// Every fee component multiplied by `m` (a negative maker fee, a rebate, stays as it is).
    public func scaled(by m: Double) -> FeeModel {
        guard m != 1 else { return self }
        return FeeModel(makerBps: makerBps < 0 ? makerBps : makerBps * m, takerBps: takerBps * m,
                        fixedPerOrder: fixedPerOrder * m, minimumPerOrder: minimumPerOrder * m)
    }
}

extension Scenario {
    /// `config` with its fees multiplied by `costMultiplier` (the slippage model is scaled by
    /// `slippage(_:)`).
    public func costs(_ config: EngineConfig) -> EngineConfig {
        var scaled = config
        scaled.fees = config.fees.scaled(by: costMultiplier)
        return scaled
    }

    /// `base` with its price impact multiplied by `costMultiplier`.
    public func slippage<Base: SlippageModel>(_ base: Base) -> ScaledSlippage<Base> {
        ScaledSlippage(base, multiplier: costMultiplier)
    }
}
