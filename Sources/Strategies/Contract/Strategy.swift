import MarketData

// How to write a strategy (the contract the engines in Simulation execute):
//
// - Declare a `StrategyDescriptor` (name, description, typed parameters with defaults and
//   ranges, engines, symbol scope) and `init(parameters:)`; add the type to
//   `StrategyRegistry.all` so the CLI and experiment specs find it.
// - Event path (`EventStrategy`): `onBar` sees `context.bars`, a window ending at the bar that
//   just closed (later bars are unreachable), plus `context.positions`, `cash`, `equity`; it
//   queues orders with `context.submit(OrderRequest(...))` (any `OrderKind`, `TimeInForce`,
//   `OrderSize`, bracket exits, OCO groups), `cancel` and `replace`. Orders are live from the
//   next bar. Fills and order updates arrive in `onFill` / `onOrderUpdate`. Keep indicator
//   state in streaming indicators; store no per-bar arrays.
// - Vectorized path (`VectorizedStrategy`): `makeCache` computes every indicator column a sweep
//   needs once (`ColumnCache`), `kernel(_:)` returns a small struct whose `signal(at: i)` reads
//   only indices ≤ i, and `rules` gives sizing and stop-loss / take-profit fractions.
// - Both paths must mean the same thing: `SignalOrders.submit` turns signal flags into the
//   market orders the vectorized engine simulates, so a strategy that emits the same flags on
//   both paths is engine-parity safe.

/// Which engines a strategy supports.
@frozen
public enum EngineKind: String, Sendable, Hashable, CaseIterable, Codable {
    case event, vectorized
}

/// Whether a strategy trades one symbol or several.
@frozen
public enum SymbolScope: String, Sendable, Hashable, Codable {
    case single, multi
}

/// The catalogue entry of a strategy: what `crucible strategies` lists.
public struct StrategyDescriptor: Sendable, Hashable {
    public var name: String
    public var description: String
    public var parameters: [ParameterSpec]
    public var engines: [EngineKind]
    public var symbols: SymbolScope

    public init(name: String, description: String, parameters: [ParameterSpec], engines: [EngineKind], symbols: SymbolScope = .single) {
        self.name = name
        self.description = description
        self.parameters = parameters
        self.engines = engines
        self.symbols = symbols
    }

    /// The defaults of every parameter.
    public var defaults: ParameterSet { ParameterSet(strategy: name, specs: parameters) }
}

/// A strategy that runs bar by bar in the event-driven engine.
///
/// The engine calls `onBar` at the close of every bar of every symbol (merged in time on
/// (ts, priority, seq)), with `context.bars` ending at that bar; orders queued there are live
/// from the next bar. `onFill` and `onOrderUpdate` report executions and state changes as they
/// happen (orders queued from them are live from the next bar as well). Keep indicator state in
/// streaming indicators (`SMA(period:)`, ...), never recompute history per bar. Conformers are
/// value types; the engine is generic over them, so the calls specialize and inline.
public protocol EventStrategy {
    mutating func onBar(_ context: inout StrategyContext)
    mutating func onFill(_ fill: Fill, _ context: inout StrategyContext)
    mutating func onOrderUpdate(_ update: OrderUpdate, _ context: inout StrategyContext)
}

extension EventStrategy {
    @inlinable public mutating func onFill(_ fill: Fill, _ context: inout StrategyContext) {}
    @inlinable public mutating func onOrderUpdate(_ update: OrderUpdate, _ context: inout StrategyContext) {}
}

/// Signals a vectorized strategy emits at the close of a bar (acted on per the fill rule).
@frozen
public struct SignalFlags: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    @inlinable public init(rawValue: UInt8) { self.rawValue = rawValue }

    @inlinable public static var entryLong: SignalFlags { SignalFlags(rawValue: 1) }
    @inlinable public static var exitLong: SignalFlags { SignalFlags(rawValue: 2) }
    @inlinable public static var entryShort: SignalFlags { SignalFlags(rawValue: 4) }
    @inlinable public static var exitShort: SignalFlags { SignalFlags(rawValue: 8) }
}

/// The per-column signal source of the vectorized engine. `signal(at: i)` may read only data
/// at indices ≤ i. It is called once per bar in order; the engine is generic over it.
public protocol SignalKernel {
    func signal(at i: Int) -> SignalFlags
    /// Per-entry exit levels of an entry decided at bar i (read only then, from data ≤ i): a
    /// kernel whose exits come from columns (an expression's value at the signal bar) returns
    /// them here; nil fields fall back to the column's `VectorizedRules`. The default has none.
    /// The event path of the same strategy puts the same values in its entries' bracket.
    func exitLevels(at i: Int) -> EntryExitLevels
}

extension SignalKernel {
    @inlinable public func exitLevels(at i: Int) -> EntryExitLevels { EntryExitLevels() }
}

/// Exit fractions of one entry (of its fill price; nil: the rules' value). A value that is not a
/// positive finite number means no exit of that kind for this entry (e.g. warm-up NaN).
@frozen
public struct EntryExitLevels: Sendable, Hashable {
    public var stopLoss: Double?
    public var takeProfit: Double?
    public var trailing: Double?

    @inlinable
    public init(stopLoss: Double? = nil, takeProfit: Double? = nil, trailing: Double? = nil) {
        self.stopLoss = stopLoss
        self.takeProfit = takeProfit
        self.trailing = trailing
    }
}

/// Exit, sizing and risk rules the vectorized engine applies to one column, with the same
/// meaning as the event engine's bracket orders and `.equityFraction` sizes, and as the
/// `Modifiers` wrappers (`ProtectiveExits`, `Sized`, `RiskManaged`; semantics there).
public struct VectorizedRules: Sendable, Hashable {
    /// Fraction of equity each entry spends (fee included) when `sizing` is `.strategy`.
    public var fraction: Double
    /// Protective exits of every entry.
    public var exits: ExitRules
    /// How entries are sized (`.strategy`: `fraction`).
    public var sizing: SizingRule
    /// Stop distance (fraction of the close) fixed-risk sizing assumes when the entry has no stop.
    public var stopFraction: Double?
    /// Lot size and minimum notional the sizing rule rounds to (required unless `sizing` is
    /// `.strategy`).
    public var instrument: Instrument?
    /// Risk limits (single symbol: `maxOpenPositions` never binds).
    public var limits: RiskLimits

    /// Stop-loss distance as a fraction of the entry fill price (nil: none); `exits.stopLoss`.
    @inlinable public var stopLoss: Double? {
        get { exits.stopLoss }
        set { exits.stopLoss = newValue }
    }
    /// Take-profit distance as a fraction of the entry fill price (nil: none); `exits.takeProfit`.
    @inlinable public var takeProfit: Double? {
        get { exits.takeProfit }
        set { exits.takeProfit = newValue }
    }

    public init(fraction: Double = 1, stopLoss: Double? = nil, takeProfit: Double? = nil) {
        self.init(fraction: fraction, exits: ExitRules(stopLoss: stopLoss, takeProfit: takeProfit))
    }

    public init(fraction: Double = 1, exits: ExitRules, sizing: SizingRule = .strategy, stopFraction: Double? = nil,
                instrument: Instrument? = nil, limits: RiskLimits = RiskLimits()) {
        self.fraction = fraction
        self.exits = exits
        self.sizing = sizing
        self.stopFraction = stopFraction
        self.instrument = instrument
        self.limits = limits
    }

    /// Checks the settings once, before a run.
    public func validate() throws(StrategyError) {
        try exits.validate()
        try limits.validate()
        guard fraction > 0, fraction.isFinite else { throw .constraint(strategy: "rules", message: "fraction must be positive, got \(fraction)") }
        if sizing.rewritesEntries && instrument == nil {
            throw .constraint(strategy: "rules", message: "a sizing rule needs the instrument (lot size, minimum notional)")
        }
    }
}

/// A strategy the vectorized engine can run: many parameter columns share one indicator cache
/// built once per sweep; each column provides a signal kernel reading from it.
public protocol VectorizedStrategy: Sendable {
    /// Indicator columns shared by all parameter sets of a sweep.
    associatedtype Cache: Sendable
    associatedtype Kernel: SignalKernel
    /// Builds the cache for every column of a sweep (computing each distinct indicator once).
    static func makeCache(_ bars: BarSeries, for columns: [Self]) throws(StrategyError) -> Cache
    /// The signal kernel of this column. A kernel reading the cache through pointers keeps a
    /// reference to the cache, so it is valid for as long as it exists.
    func kernel(_ cache: Cache) -> Kernel
    /// Sizing and stop-loss / take-profit rules for this column.
    var rules: VectorizedRules { get }
    /// This column computing the exit level expressions `levels` in the pass that makes its
    /// signals, so every node they share with its own expressions is computed once; nil when it
    /// cannot (the default). `Modified` offers them before computing them on its own.
    func computing(_ levels: ExitLevels) -> Self?
}

extension VectorizedStrategy {
    public func computing(_ levels: ExitLevels) -> Self? { nil }
}

/// A built-in strategy: a catalogue entry, a constructor from parameters, and the event path.
/// Those that also conform to `VectorizedStrategy` run in the vectorized engine.
public protocol RegisteredStrategy: EventStrategy, Sendable {
    static var descriptor: StrategyDescriptor { get }
    init(parameters: ParameterSet) throws(StrategyError)
}

extension SignalFlags {
    /// Signals that move a position to the sign of each bar's target (+ long, − short, 0 flat):
    /// a change of target at bar i becomes the exit of the old side and the entry of the new one
    /// at bar i. NaN keeps the previous target. The size comes from the rules' fraction.
    public static func fromTargets(_ targets: [Double]) -> [SignalFlags] {
        var previous = 0.0
        return targets.map { raw in
            let target = raw.isNaN ? previous : (raw > 0 ? 1.0 : (raw < 0 ? -1.0 : 0.0))
            defer { previous = target }
            guard target != previous else { return [] }
            var flags: SignalFlags = []
            if previous > 0 { flags.insert(.exitLong) }
            if previous < 0 { flags.insert(.exitShort) }
            if target > 0 { flags.insert(.entryLong) }
            if target < 0 { flags.insert(.entryShort) }
            return flags
        }
    }
}
