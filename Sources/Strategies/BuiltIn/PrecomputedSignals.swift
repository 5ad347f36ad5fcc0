import MarketData

/// Signals computed elsewhere (a research notebook, a test's random generator), one flag set
/// per bar, run through either engine. At bar i only `signals[i]` is read, at bar i's close.
///
/// Optional per-bar exit columns (fractions of the entry fill, e.g. an expression's value) give
/// each entry decided at bar i the levels `column[i]`: the event path attaches them to the
/// entry's bracket, the vectorized kernel returns them from `exitLevels(at:)`; they take
/// precedence over `rules`' fixed levels.
public struct PrecomputedSignals: EventStrategy, VectorizedStrategy {
    public let signals: [SignalFlags]
    public let rules: VectorizedRules
    public let levels: ExitColumns

    public init(signals: [SignalFlags], rules: VectorizedRules = VectorizedRules(), levels: ExitColumns = ExitColumns()) {
        self.signals = signals
        self.rules = rules
        self.levels = levels
    }

    @inlinable
    public mutating func onBar(_ context: inout StrategyContext) {
        let i = context.bars.current
        guard i < signals.count, !signals[i].isEmpty else { return }
        let own = levels.at(i)
        let stop = own.stopLoss ?? rules.stopLoss, take = own.takeProfit ?? rules.takeProfit, trail = own.trailing ?? rules.exits.trailing
        let bracket = BracketExits(takeProfit: take.map { .fraction($0) }, stopLoss: stop.map { .fraction($0) }, trailing: trail)
        SignalOrders.submit(signals[i], fraction: rules.fraction, bracket: bracket.isEmpty ? nil : bracket, symbol: context.symbol, &context)
    }

    public static func makeCache(_ bars: BarSeries, for columns: [PrecomputedSignals]) throws(StrategyError) -> Void {}

    public func kernel(_ cache: Void) -> Kernel { Kernel(signals: signals, levels: levels) }

    /// Reads the stored flags and exit columns.
    @frozen
    public struct Kernel: SignalKernel {
        @usableFromInline let signals: [SignalFlags]
        @usableFromInline let levels: ExitColumns
        @inlinable init(signals: [SignalFlags], levels: ExitColumns) { self.signals = signals; self.levels = levels }
        @inlinable public func signal(at i: Int) -> SignalFlags { i < signals.count ? signals[i] : [] }
        @inlinable public func exitLevels(at i: Int) -> EntryExitLevels { levels.at(i) }
    }
}

/// Per-bar exit fractions as columns (nil: none given; see `EntryExitLevels`).
public struct ExitColumns: Sendable, Hashable {
    public var stopLoss: [Double]?
    public var takeProfit: [Double]?
    public var trailing: [Double]?

    public init(stopLoss: [Double]? = nil, takeProfit: [Double]? = nil, trailing: [Double]? = nil) {
        self.stopLoss = stopLoss
        self.takeProfit = takeProfit
        self.trailing = trailing
    }

    /// The levels of an entry decided at bar `i` (NaN past a column's end).
    @inlinable
    public func at(_ i: Int) -> EntryExitLevels {
        func value(_ c: [Double]?) -> Double? { c.map { i < $0.count ? $0[i] : .nan } }
        return EntryExitLevels(stopLoss: value(stopLoss), takeProfit: value(takeProfit), trailing: value(trailing))
    }
}
