import Strategies

/// Everything one backtest produced.
public struct BacktestResult: Sendable {
    /// Bar timestamps at which equity was marked (the merged timeline for several symbols).
    public var timestamps: [Int64]
    /// Equity at each of those closes.
    public var equity: [Double]
    /// Cash at each close (for the accounting identities).
    public var cash: [Double]
    /// Closed trades in order of exit, then the open ones (marked at the last close).
    public var trades: [Trade]
    /// Every fill in execution order.
    public var fills: [Fill]
    public var metrics: RunMetrics
    /// The intrabar rule and fill timing the run used.
    public var intrabar: IntrabarPath
    public var fill: FillTiming
    /// Funding paid (positive) or received (negative) in total.
    public var fundingPaid: Double
    /// Borrow cost paid in total.
    public var borrowPaid: Double
    /// Order rejections and other updates in order (event engine only).
    public var orderUpdates: [OrderUpdate]
    /// Every risk firing and every refused or resized order, in the order they happened (both
    /// engines record the same events; their counts are in `metrics.risk`).
    public var riskEvents: [RiskEvent]

    @inlinable
    public init(timestamps: [Int64], equity: [Double], cash: [Double], trades: [Trade], fills: [Fill], metrics: RunMetrics,
                intrabar: IntrabarPath, fill: FillTiming, fundingPaid: Double, borrowPaid: Double, orderUpdates: [OrderUpdate],
                riskEvents: [RiskEvent] = []) {
        self.timestamps = timestamps; self.equity = equity; self.cash = cash; self.trades = trades; self.fills = fills
        self.metrics = metrics; self.intrabar = intrabar; self.fill = fill; self.fundingPaid = fundingPaid
        self.borrowPaid = borrowPaid; self.orderUpdates = orderUpdates; self.riskEvents = riskEvents
    }

    /// Closed trades only.
    public var closedTrades: [Trade] { trades.filter { !$0.isOpen } }
}
