import MarketData

/// Wraps a strategy and sizes its entries with a `PositionSizer`.
///
/// Semantics: every order the wrapped strategy queues with an `.equityFraction` size (the entries
/// of the built-ins) gets a `.quantity` size from the sizer instead, decided at the same bar close:
/// equity is the marked equity, the reference price the symbol's close, and the stop distance
/// that of the order's tightest bracket stop (`BracketExits.stopDistance`: the strategy's own and
/// the protective exits', so `ProtectiveExits` goes inside `Sized`) or else `stopFraction` ×
/// close. A quantity of 0 (no quantity from the rule, below one lot or the minimum notional) is
/// recorded as a `RiskEvent` (`sizing`, `lot_size`, `min_notional`; `blocked`) and passed on as
/// such, so the engine rejects the order. Exits and absolute quantities pass through unchanged. Each symbol has its own copy of the sizer, which sees every
/// close of that symbol and every trade the strategy closes on it.
public struct Sized<Inner: EventStrategy, Sizer: PositionSizer>: EventStrategy {
    public var inner: Inner
    public let instruments: [Instrument]
    public let stopFraction: Double?
    /// The sizer of each symbol.
    public var sizers: [Sizer] { _sizers }
    @usableFromInline var _sizers: [Sizer]
    @usableFromInline var tracker: PositionTracker

    /// `instruments[k]` describes symbol k (lot size, minimum notional).
    public init(_ inner: Inner, sizer: Sizer, instruments: [Instrument], stopFraction: Double? = nil) {
        precondition(!instruments.isEmpty, "Sized needs the instrument of every symbol")
        self.inner = inner
        self.instruments = instruments
        self.stopFraction = stopFraction
        _sizers = Array(repeating: sizer, count: instruments.count)
        tracker = PositionTracker(symbols: instruments.count)
    }

    @inlinable
    public mutating func onBar(_ context: inout StrategyContext) {
        let symbol = context.symbol
        let close = context.bars.lastClose
        _sizers[symbol].observe(close: close)
        let start = context.queuedCount
        inner.onBar(&context)
        resize(from: start, &context)
    }

    @inlinable
    public mutating func onFill(_ fill: Fill, _ context: inout StrategyContext) {
        if let trade = tracker.apply(fill).closed { _sizers[trade.symbol].recordTrade(return: trade.tradeReturn) }
        let start = context.queuedCount
        inner.onFill(fill, &context)
        resize(from: start, &context)
    }

    @inlinable
    public mutating func onOrderUpdate(_ update: OrderUpdate, _ context: inout StrategyContext) {
        let start = context.queuedCount
        inner.onOrderUpdate(update, &context)
        resize(from: start, &context)
    }

    @usableFromInline
    mutating func resize(from start: Int, _ context: inout StrategyContext) {
        guard _sizers[0].rewritesEntries else { return }
        var index = start
        while index < context.queuedCount {
            if case .submit(let id, var request) = context.outbox[index], case .equityFraction = request.size {
                let s = request.symbol
                let sized = Sizing.entry(_sizers[s], equity: context.equity, close: context.windows[s].lastClose,
                                         bracket: request.bracket, stopFraction: stopFraction, instrument: instruments[s])
                request.size = .quantity(sized.quantity)
                context.rewriteQueued(at: index, .submit(id, request))
                if let rule = sized.refusal { context.record(rule, .blocked, symbol: s, value: sized.value, limit: sized.limit) }
            }
            index += 1
        }
    }
}
