import MarketData

/// Sizing, protective exits and risk limits around any strategy, configured from one parameter
/// set (for specs and the command line), with the same meaning on both engines.
///
/// Event engine: `apply` wraps the strategy as `RiskManaged` → `Sized` → `ProtectiveExits` →
/// the strategy (outermost first): the exits complete each entry's bracket, the sizer sizes the
/// entry knowing its stops (fixed-risk sizing), and the risk limits see (and may clip or refuse)
/// every sized order. Vectorized engine: `vectorized` gives the strategy with the same settings
/// in its `VectorizedRules`, which `ColumnRun` implements.
public struct Modifiers: Sendable, Hashable {
    public var sizing: SizingRule
    /// Stop distance (fraction of the close) fixed-risk sizing assumes for entries without a stop.
    public var stopFraction: Double?
    public var exits: ExitRules
    /// Exit levels written as expressions (a spec's `exits`), evaluated per bar; they take the
    /// place of the numbers of the same exits (nil: none).
    public var levels: ExitLevels?
    public var limits: RiskLimits

    /// Every modifier parameter: sizing, exits, risk limits (all off by default).
    public static let parameters: [ParameterSpec] = SizingRule.parameters + ExitRules.parameters + RiskLimits.parameters

    /// The modifier parameters a strategy with parameters `own` accepts: those it does not declare
    /// itself (a built-in's own `stop_loss` / `take_profit` already attach the same exits).
    public static func parameters(besides own: [ParameterSpec]) -> [ParameterSpec] {
        let taken = Set(own.map(\.name))
        return parameters.filter { !taken.contains($0.name) }
    }

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

    /// For each of `names` (modifier parameters given explicitly) that has no effect with the
    /// other settings in `p`, why: a sizing setting of another rule, `halt_bars` without
    /// `max_drawdown`, `atr_period` without `atr_stop`. Callers refuse such input rather than
    /// ignore it.
    public static func ineffective(_ names: [String], in p: ParameterSet) -> [String] {
        let rule = p.choice("sizing")
        let owners: [String: [String]] = [
            "size_fraction": ["fixed_fraction"], "size_cash": ["fixed_cash"], "size_quantity": ["fixed_quantity"],
            "risk": ["fixed_risk"], "risk_stop": ["fixed_risk"], "kelly_window": ["kelly"], "kelly_multiplier": ["kelly"],
            "kelly_min_trades": ["kelly"], "kelly_fallback": ["kelly"], "vol_target": ["vol_target"], "vol_window": ["vol_target"],
            "size_cap": ["fixed_risk", "kelly", "vol_target"],
        ]
        var reasons: [String] = []
        for name in names {
            if let rules = owners[name], !rules.contains(rule) {
                reasons.append("\(name) applies to sizing=\(rules.joined(separator: "|")), not sizing=\(rule)")
            } else if name == "halt_bars", p.double("max_drawdown") == 0 {
                reasons.append("halt_bars applies with max_drawdown > 0")
            } else if name == "atr_period", p.double("atr_stop") == 0 {
                reasons.append("atr_period applies with atr_stop > 0")
            }
        }
        return reasons
    }

    /// Whether anything is changed at all.
    public var isEmpty: Bool { !sizing.rewritesEntries && !exits.isActive && levels == nil && limits == RiskLimits() }

    /// `strategy` wrapped in the configured layers; `instruments[k]` describes symbol k (the lot
    /// size and minimum notional sizes round to). Risk firings and refused or resized orders go
    /// to the run result's `riskEvents`. With a `signalDelay` the strategy and its exit levels
    /// decide on bars that many bars old (`SignalDelayed`) while sizing and risk limits act on
    /// the current ones, as the vectorized engine's delayed signal column does.
    public func apply<S: EventStrategy>(_ strategy: S, instruments: [Instrument], signalDelay: Int = 0) throws(StrategyError)
        -> RiskManaged<Sized<SignalDelayed<ProtectiveExits<S>>, SizingRule>> {
        let protected = SignalDelayed(try ProtectiveExits(strategy, exits: exits, levels: levels, symbols: instruments.count),
                                      bars: signalDelay)
        return try RiskManaged(Sized(protected, sizer: sizing, instruments: instruments, stopFraction: stopFraction), limits: limits)
    }

    /// `strategy` with these settings in its vectorized rules (the strategy's own stop-loss and
    /// take-profit take precedence, as its own bracket does on the event path); `instrument`
    /// gives the lot size and minimum notional sizes round to.
    public func vectorized<S: VectorizedStrategy>(_ strategy: S, instrument: Instrument) throws(StrategyError) -> Modified<S> {
        try Modified(strategy, modifiers: self, instrument: instrument)
    }
}

/// A vectorized strategy with `Modifiers` in its rules: the base's cache and kernel, plus the
/// columns of the exit level expressions when there are any (the kernel returns them from
/// `exitLevels(at:)` where the base's own levels leave them open).
public struct Modified<Base: VectorizedStrategy>: VectorizedStrategy {
    public let base: Base
    public let rules: VectorizedRules
    /// The modifiers' exit level expressions the base neither sets nor computes itself.
    public let levels: ExitLevels?

    public init(_ base: Base, modifiers m: Modifiers, instrument: Instrument) throws(StrategyError) {
        var rules = base.rules
        let levels = m.levels?.leaving(rules.exits)
        if let levels, let computing = base.computing(levels) {
            self.base = computing
            self.levels = nil
        } else {
            self.base = base
            self.levels = levels
        }
        rules.exits = rules.exits.filled(from: m.exits)
        rules.sizing = m.sizing
        rules.stopFraction = m.stopFraction
        rules.instrument = instrument
        rules.limits = m.limits
        try rules.validate()
        self.rules = rules
    }

    public static func makeCache(_ bars: BarSeries, for columns: [Modified<Base>]) throws(StrategyError) -> Cache {
        Cache(base: try Base.makeCache(bars, for: columns.map(\.base)),
              levels: try ExitLevels.makeCache(bars, for: columns.compactMap(\.levels)))
    }

    public func kernel(_ cache: Cache) -> Kernel {
        Kernel(base: base.kernel(cache.base), levels: cache.levels.flatMap { cache in levels.map { $0.columns(cache) } })
    }

    /// The base's cache and the shared part of the exit level columns.
    public struct Cache: Sendable {
        public let base: Base.Cache
        public let levels: ExitLevelCache?
    }

    /// The base's kernel; its exit levels filled in from the expression columns.
    @frozen
    public struct Kernel: SignalKernel {
        @usableFromInline let base: Base.Kernel
        @usableFromInline let levels: ExitColumns?

        @inlinable init(base: Base.Kernel, levels: ExitColumns?) {
            self.base = base
            self.levels = levels
        }

        @inlinable public func signal(at i: Int) -> SignalFlags { base.signal(at: i) }

        @inlinable
        public func exitLevels(at i: Int) -> EntryExitLevels {
            var own = base.exitLevels(at: i)
            guard let levels else { return own }
            let e = levels.at(i)
            if own.stopLoss == nil { own.stopLoss = e.stopLoss }
            if own.takeProfit == nil { own.takeProfit = e.takeProfit }
            if own.trailing == nil { own.trailing = e.trailing }
            return own
        }
    }
}
