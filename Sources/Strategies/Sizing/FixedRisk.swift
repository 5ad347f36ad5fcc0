/// Fixed fractional risk: lose at most `risk` × equity if the stop is hit.
/// quantity = risk × equity ÷ stop distance (per unit), capped so the notional never exceeds
/// `maxFraction` × equity. Without a stop distance (or a non-positive one) there is no entry.
public struct FixedRiskSizer: PositionSizer, Hashable {
    public let risk: Double
    public let maxFraction: Double

    public init(risk: Double, maxFraction: Double = 1) {
        precondition(risk > 0 && maxFraction > 0, "fixed-risk sizing needs positive risk and cap")
        self.risk = risk
        self.maxFraction = maxFraction
    }

    @inlinable
    public func rawQuantity(_ input: SizingInput) -> Double {
        guard let distance = input.stopDistance, distance > 0 else { return 0 }
        return min(risk * input.equity / distance, maxFraction * input.equity / input.price)
    }
}
