/// Protective exits attached to every position a strategy opens (all optional).
///
/// Semantics (both engines): the exits form one bracket (`BracketExits`) attached to the
/// entry, decided at the signal bar's close and priced from the entry's average fill price P and
/// direction d (+1 long, −1 short). Like any bracket (docs/ARCHITECTURE.md) they are live from the bar
/// whose open filled the entry (that bar's low and high come after the fill; with `fill: close`
/// from the next bar):
/// - `stopLoss` f: a stop at P × (1 − d·f);
/// - `atrStop` k: a stop at P − d·k·ATR(`atrPeriod`), ATR as of the signal bar's close;
/// - `trailing` f: a trailing stop starting at P × (1 − d·f) and moved at every close c to
///   c − d·c·f when that is tighter (closes only, never intrabar);
/// - `takeProfit` f: a limit at P × (1 + d·f);
/// - `maxBars` n (time stop): a market exit (`time_stop`) queued at the close of the n-th bar
///   the position is held (the fill bar counts as the first under next-open fills; under
///   `fill: close` the first bar after the fill), so it fills at the next open (or that close).
/// The stops are one order at the tightest level (the one price reaches first); it reports
/// `trailing_stop` when the trailing level binds, else `stop_loss`. Stop and take-profit are
/// one-cancels-other; a position closed any other way cancels them. A strategy's own bracket
/// levels on an entry (per-bar levels, e.g. from an expression) take precedence over these.
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
        if let f = trailing, !(f > 0 && f < 1) { throw fail("trailing_stop must be in (0, 1), got \(f)") }
        if let f = takeProfit, !(f > 0) { throw fail("take_profit must be positive, got \(f)") }
        if let k = atrStop, !(k > 0) { throw fail("atr_stop must be positive, got \(k)") }
        if atrPeriod < 1 { throw fail("atr_period must be at least 1, got \(atrPeriod)") }
        if let n = maxBars, n < 1 { throw fail("max_bars must be at least 1, got \(n)") }
    }
}
