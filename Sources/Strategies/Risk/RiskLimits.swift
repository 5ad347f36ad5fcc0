/// Portfolio risk limits that act on a strategy's orders (all optional; see `RiskManaged`).
public struct RiskLimits: Sendable, Hashable {
    /// Largest position per symbol, as |quantity × close| ÷ equity.
    public var maxPositionFraction: Double?
    /// Largest gross exposure, Σ |quantity × close| ÷ equity over all symbols.
    public var maxLeverage: Double?
    /// Drawdown from the equity peak (0.2 = 20 %) that trips the circuit breaker.
    public var maxDrawdown: Double?
    /// Bars (timestamps) the breaker halts new entries; 0 = for the rest of the run.
    public var haltBars: Int
    /// Loss since the start of the UTC day, as a fraction of that day's starting equity, that
    /// flattens and halts entries until the next UTC day.
    public var maxDailyLoss: Double?
    /// Most symbols with an open position at once.
    public var maxOpenPositions: Int?

    public init(maxPositionFraction: Double? = nil, maxLeverage: Double? = nil, maxDrawdown: Double? = nil, haltBars: Int = 0,
                maxDailyLoss: Double? = nil, maxOpenPositions: Int? = nil) {
        self.maxPositionFraction = maxPositionFraction
        self.maxLeverage = maxLeverage
        self.maxDrawdown = maxDrawdown
        self.haltBars = haltBars
        self.maxDailyLoss = maxDailyLoss
        self.maxOpenPositions = maxOpenPositions
    }

    /// Checks that every limit given is positive (drawdown and daily loss below 1).
    public func validate() throws(StrategyError) {
        func fail(_ m: String) -> StrategyError { .constraint(strategy: "risk limits", message: m) }
        if let v = maxPositionFraction, !(v > 0) { throw fail("max_position must be positive, got \(v)") }
        if let v = maxLeverage, !(v > 0) { throw fail("max_leverage must be positive, got \(v)") }
        if let v = maxDrawdown, !(v > 0 && v < 1) { throw fail("max_drawdown must be in (0, 1), got \(v)") }
        if let v = maxDailyLoss, !(v > 0 && v < 1) { throw fail("daily_loss must be in (0, 1), got \(v)") }
        if let v = maxOpenPositions, v < 1 { throw fail("max_open_positions must be at least 1, got \(v)") }
        if haltBars < 0 { throw fail("halt_bars must be ≥ 0, got \(haltBars)") }
    }
}
