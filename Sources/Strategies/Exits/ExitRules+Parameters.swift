extension ExitRules {
    /// Parameter declarations of the exits (0 = off), so specs can set and sweep them.
    public static let parameters: [ParameterSpec] = [
        ParameterSpec("stop_loss", .double(default: 0, min: 0, max: 0.99), "stop-loss below (long) / above (short) the entry, as a fraction"),
        ParameterSpec("atr_stop", .double(default: 0, min: 0, max: 50), "stop-loss distance in ATRs"),
        ParameterSpec("atr_period", .int(default: 14, min: 1, max: 1_000), "ATR period of the ATR stop"),
        ParameterSpec("trailing_stop", .double(default: 0, min: 0, max: 0.99), "trailing-stop distance from the best close (starting at the entry), as a fraction"),
        ParameterSpec("take_profit", .double(default: 0, min: 0, max: 100), "take-profit distance from the entry, as a fraction"),
        ParameterSpec("max_bars", .int(default: 0, min: 0, max: 1_000_000), "time stop: exit after this many bars held"),
    ]

    /// Reads the values declared in `parameters` (0 = off).
    public init(parameters p: ParameterSet) throws(StrategyError) {
        func on(_ v: Double) -> Double? { v > 0 ? v : nil }
        let bars = p.int("max_bars")
        self.init(stopLoss: on(p.double("stop_loss")), atrStop: on(p.double("atr_stop")), atrPeriod: p.int("atr_period"),
                  trailing: on(p.double("trailing_stop")), takeProfit: on(p.double("take_profit")), maxBars: bars > 0 ? bars : nil)
        try validate()
    }
}
