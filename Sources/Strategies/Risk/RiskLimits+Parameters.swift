extension RiskLimits {
    /// Parameter declarations of the limits (0 = off), so specs can set and sweep them.
    public static let parameters: [ParameterSpec] = [
        ParameterSpec("max_position", .double(default: 0, min: 0, max: 100), "largest position per symbol as a multiple of equity"),
        ParameterSpec("max_leverage", .double(default: 0, min: 0, max: 100), "largest gross exposure as a multiple of equity"),
        ParameterSpec("max_drawdown", .double(default: 0, min: 0, max: 0.99), "drawdown from the equity peak that flattens and halts entries"),
        ParameterSpec("halt_bars", .int(default: 0, min: 0, max: 1_000_000), "bars the drawdown halt lasts (0 = rest of the run)"),
        ParameterSpec("daily_loss", .double(default: 0, min: 0, max: 0.99), "loss within a UTC day that flattens and halts entries until the next day"),
        ParameterSpec("max_open_positions", .int(default: 0, min: 0, max: 10_000), "most symbols with an open position at once"),
    ]

    /// Reads the values declared in `parameters` (0 = off).
    public init(parameters p: ParameterSet) throws(StrategyError) {
        func on(_ v: Double) -> Double? { v > 0 ? v : nil }
        let open = p.int("max_open_positions")
        self.init(maxPositionFraction: on(p.double("max_position")), maxLeverage: on(p.double("max_leverage")),
                  maxDrawdown: on(p.double("max_drawdown")), haltBars: p.int("halt_bars"),
                  maxDailyLoss: on(p.double("daily_loss")), maxOpenPositions: open > 0 ? open : nil)
        try validate()
    }
}
