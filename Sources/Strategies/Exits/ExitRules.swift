/// Protective exits attached to every position a strategy opens (all optional).
///
/// Semantics: the exit orders are created when the entry fills, from the entry's average fill
/// price P and direction d (+1 long, −1 short), and are live from the next bar:
/// - `stopLoss` f: a stop at P × (1 − d·f);
/// - `atrStop` k: a stop at P − d·k·ATR(`atrPeriod`), ATR as of the latest closed bar;
/// - `trailing` f: a trailing stop f (a fraction) from the best close, moved at closes only;
/// - `takeProfit` f: a limit at P × (1 + d·f);
/// - `maxBars` n (time stop): a market exit queued at the close of the n-th bar the position is
///   held (the fill bar counts as the first), so it fills at the next open.
/// All exits of a position form one one-cancels-other group; each closes the whole position
/// (`closePosition`); a position closed any other way cancels them.
public struct ExitRules: Sendable, Hashable {
    public var stopLoss: Double?
    public var atrStop: Double?
    public var atrPeriod: Int
    public var trailing: Double?
    public var takeProfit: Double?
    public var maxBars: Int?

    public init(stopLoss: Double? = nil, atrStop: Double? = nil, atrPeriod: Int = 14, trailing: Double? = nil,
                takeProfit: Double? = nil, maxBars: Int? = nil) {
        self.stopLoss = stopLoss
        self.atrStop = atrStop
        self.atrPeriod = atrPeriod
        self.trailing = trailing
        self.takeProfit = takeProfit
        self.maxBars = maxBars
    }

    /// Checks the values (fractions in (0, 1) for stops, positive counts).
    public func validate() throws(StrategyError) {
        func fail(_ m: String) -> StrategyError { .constraint(strategy: "exits", message: m) }
        if let f = stopLoss, !(f > 0 && f < 1) { throw fail("stop_loss must be in (0, 1), got \(f)") }
        if let f = trailing, !(f > 0 && f < 1) { throw fail("trailing must be in (0, 1), got \(f)") }
        if let f = takeProfit, !(f > 0) { throw fail("take_profit must be positive, got \(f)") }
        if let k = atrStop, !(k > 0) { throw fail("atr_stop must be positive, got \(k)") }
        if atrPeriod < 1 { throw fail("atr_period must be at least 1, got \(atrPeriod)") }
        if let n = maxBars, n < 1 { throw fail("max_bars must be at least 1, got \(n)") }
    }
}
