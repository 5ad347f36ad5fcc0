import MarketData

/// Sizing, protective exits and risk limits around any strategy, configured from one parameter
/// set (for specs and the command line). The wrapping order, outermost first, is
/// `RiskManaged` → `ProtectiveExits` → `Sized` → the strategy: sizes are decided first, the
/// exits protect what fills, and the risk limits see (and may clip or refuse) every order.
public struct Modifiers: Sendable {
    public var sizing: SizingRule
    public var stopFraction: Double?
    public var exits: ExitRules
    public var limits: RiskLimits

    /// Every modifier parameter: sizing, exits, risk limits (all off by default).
    public static let parameters: [ParameterSpec] = SizingRule.parameters + ExitRules.parameters + RiskLimits.parameters

    /// Nothing changed: the strategy's own sizes, no exits, no limits.
    public init() {
        sizing = .strategy
        exits = ExitRules()
        limits = RiskLimits()
    }

    /// Reads `parameters`; `periodsPerYear` annualizes volatility-target sizing.
    public init(parameters p: ParameterSet, periodsPerYear: Double) throws(StrategyError) {
        (sizing, stopFraction) = try SizingRule.make(p, periodsPerYear: periodsPerYear)
        exits = try ExitRules(parameters: p)
        limits = try RiskLimits(parameters: p)
    }

    /// Reads textual `key=value` pairs (defaults for the rest).
    public init(text: [(String, String)], periodsPerYear: Double) throws(StrategyError) {
        try self.init(parameters: ParameterSet(strategy: "modifiers", specs: Self.parameters, text: text), periodsPerYear: periodsPerYear)
    }

    /// `strategy` wrapped in the configured layers; `instruments[k]` describes symbol k.
    public func apply<S: EventStrategy>(_ strategy: S, instruments: [Instrument], log: RiskLog = RiskLog()) throws(StrategyError)
        -> RiskManaged<ProtectiveExits<Sized<S, SizingRule>>> {
        let sized = Sized(strategy, sizer: sizing, instruments: instruments, stopFraction: stopFraction)
        return try RiskManaged(ProtectiveExits(sized, exits: exits, symbols: instruments.count), limits: limits, log: log)
    }
}
