/// What an event-driven strategy sees and does at one event: the window of the symbol whose
/// bar just closed, the windows of the other symbols up to the same time, the portfolio's
/// state, and an outbox of order commands the engine executes after the callback returns.
///
/// The engine owns one context for the whole run and reuses its storage (no allocation per bar
/// once the outbox has reached its working size).
public struct StrategyContext {
    /// Index of the symbol whose bar is current.
    public internal(set) var symbol: Int
    /// One window per symbol, each ending at its latest bar with a timestamp ≤ the current one.
    public internal(set) var windows: ContiguousArray<BarWindow>
    /// Signed position per symbol (base-asset quantity; negative = short).
    public internal(set) var positions: ContiguousArray<Double>
    /// Cash in the quote currency.
    public internal(set) var cash: Double
    /// Equity marked at the latest closes.
    public internal(set) var equity: Double
    /// Commands issued during the current callback, in order.
    public internal(set) var outbox: ContiguousArray<OrderCommand>
    /// Risk firings and refused or resized orders of the whole run, in the order they happened
    /// (wrappers and the engine append; the engine puts them in the run's result).
    public internal(set) var riskEvents: ContiguousArray<RiskEvent> = []
    @usableFromInline var nextOrderID: OrderID

    public init(windows: ContiguousArray<BarWindow>, cash: Double) {
        self.symbol = 0
        self.windows = windows
        self.positions = ContiguousArray(repeating: 0, count: windows.count)
        self.cash = cash
        self.equity = cash
        self.outbox = []
        self.outbox.reserveCapacity(16)
        self.nextOrderID = 0
    }

    /// The current symbol's bars up to now.
    @inlinable public var bars: BarWindow { windows[symbol] }
    /// The current symbol's signed position.
    @inlinable public var position: Double { positions[symbol] }

    /// Queues an order; returns its id (ids count up from 0 in submission order).
    @discardableResult
    public mutating func submit(_ request: OrderRequest) -> OrderID {
        let id = nextOrderID
        nextOrderID += 1
        outbox.append(.submit(id, request))
        return id
    }

    /// Queues a cancel of a working order.
    public mutating func cancel(_ id: OrderID) { outbox.append(.cancel(id)) }

    /// Queues a replace of a working order's price and/or quantity.
    public mutating func replace(_ id: OrderID, price: Double? = nil, quantity: Double? = nil) {
        outbox.append(.replace(id, price: price, quantity: quantity))
    }

    /// Records a risk firing or a refused or resized order at the current bar of `symbol`.
    public mutating func record(_ rule: RiskRule, _ action: RiskAction, symbol: Int, value: Double, limit: Double) {
        let w = windows[symbol]
        riskEvents.append(RiskEvent(ts: w.count > 0 ? w.lastTs : 0, bar: w.current, symbol: symbol, rule: rule, action: action,
                                    value: value, limit: limit))
    }

    // MARK: engine side

    /// Engine hook: records an event at bar `bar` (timestamp `ts`) of `symbol`.
    public mutating func record(_ event: RiskEvent) { riskEvents.append(event) }

    /// Engine hook: makes `symbol` current with `count` visible bars.
    public mutating func advance(symbol: Int, count: Int) {
        self.symbol = symbol
        windows[symbol] = windows[symbol].withCount(count)
    }

    /// Engine hook: points `symbol`'s window at moved column storage, keeping its visible count
    /// (an incremental run whose columns grew).
    public mutating func rebind(symbol: Int, to window: BarWindow) {
        windows[symbol] = window.withCount(windows[symbol].count)
    }

    /// Engine hook: publishes the portfolio state before a callback.
    public mutating func publish(cash: Double, equity: Double, position: Double, of symbol: Int) {
        self.cash = cash
        self.equity = equity
        positions[symbol] = position
    }

    /// Engine hook: an id for an order the engine creates itself (bracket exits).
    public mutating func reserveOrderID() -> OrderID {
        defer { nextOrderID += 1 }
        return nextOrderID
    }

    /// Engine hook: hands the queued commands over and empties the outbox (keeping capacity).
    public mutating func drainOutbox(into sink: inout ContiguousArray<OrderCommand>) {
        sink.append(contentsOf: outbox)
        outbox.removeAll(keepingCapacity: true)
    }
}
