/// What the optimizer ranks trials by, and which trials are admissible at all.
///
/// Semantics: a trial with fewer than `minTrades` closed trades, or whose maximum drawdown is
/// deeper than `maxDrawdown` (a positive fraction: 0.3 = −30%), is infeasible: it is stored and
/// ranked after every feasible trial. A trial whose metric is undefined (a Sharpe ratio without
/// variance) ranks after the defined ones.
public struct ObjectiveSpec: Sendable, Equatable {
    public var metric: ObjectiveMetric
    public var direction: Direction
    public var minTrades: Int?
    public var maxDrawdown: Double?

    public init(metric: ObjectiveMetric, direction: Direction, minTrades: Int? = nil, maxDrawdown: Double? = nil) {
        self.metric = metric
        self.direction = direction
        self.minTrades = minTrades
        self.maxDrawdown = maxDrawdown
    }

    public enum Direction: String, Sendable, CaseIterable {
        case maximize, minimize
    }
}

/// The metrics an objective may name: Analytics' names for return metrics (empyrical's), then
/// trade and exposure statistics, then the counts of the run's `RiskEvent`s (exits, sizing and
/// risk limits; docs/modifiers.md): `risk_events` all of them, `orders_refused` entries blocked
/// when decided or orders rejected at their fill (sizing, lot size, minimum notional, margin,
/// a limit or a halt), `orders_clipped` entries cut to fit a limit, `risk_halts` the times a
/// drawdown or daily-loss limit flattened the book. Every trial stores all of them, in this order.
public enum ObjectiveMetric: String, Sendable, CaseIterable {
    case cumReturnsFinal = "cum_returns_final"
    case annualReturn = "annual_return"
    case annualVolatility = "annual_volatility"
    case sharpeRatio = "sharpe_ratio"
    case sortinoRatio = "sortino_ratio"
    case downsideRisk = "downside_risk"
    case maxDrawdown = "max_drawdown"
    case calmarRatio = "calmar_ratio"
    case omegaRatio = "omega_ratio"
    case tailRatio = "tail_ratio"
    case valueAtRisk = "value_at_risk"
    case conditionalValueAtRisk = "conditional_value_at_risk"
    case stability = "stability_of_timeseries"
    case tradeCount = "trade_count"
    case winRate = "win_rate"
    case profitFactor = "profit_factor"
    case expectancy
    case totalFees = "total_fees"
    case exposure
    case turnover
    case riskEvents = "risk_events"
    case ordersRefused = "orders_refused"
    case ordersClipped = "orders_clipped"
    case riskHalts = "risk_halts"

    /// Whether the metric counts something (trades, risk events): printed without decimals.
    public var isCount: Bool {
        switch self {
        case .tradeCount, .riskEvents, .ordersRefused, .ordersClipped, .riskHalts: return true
        default: return false
        }
    }
}
