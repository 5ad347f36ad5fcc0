/// Which risk rule fired.
@frozen
public enum RiskRule: String, Sendable, Hashable, Codable {
    case maxPosition = "max_position"
    case maxLeverage = "max_leverage"
    case maxDrawdown = "max_drawdown"
    case maxDailyLoss = "max_daily_loss"
    case maxOpenPositions = "max_open_positions"
    /// Entries were refused because trading is halted.
    case halted
    /// A halt ended.
    case resumed
}

/// What the rule did.
@frozen
public enum RiskAction: String, Sendable, Hashable, Codable {
    /// An entry's size was reduced to fit the limit.
    case clipped
    /// An entry was refused (sent with quantity 0, so the engine rejects it).
    case blocked
    /// All positions were closed and new entries halted.
    case flattened
    /// Entries are allowed again.
    case resumed
}

/// One firing of a risk rule, with its reason in words.
public struct RiskEvent: Sendable, Hashable {
    /// Timestamp (epoch ms UTC) of the bar at whose close the rule fired.
    public var ts: Int64
    /// Symbol whose bar was current (or whose order was touched).
    public var symbol: Int
    public var rule: RiskRule
    public var action: RiskAction
    public var reason: String

    public init(ts: Int64, symbol: Int, rule: RiskRule, action: RiskAction, reason: String) {
        self.ts = ts
        self.symbol = symbol
        self.rule = rule
        self.action = action
        self.reason = reason
    }
}

/// The log a `RiskManaged` strategy writes to. A reference, so the caller keeps it while the
/// engine owns (copies of) the strategy; events are appended in firing order.
public final class RiskLog: @unchecked Sendable {
    public private(set) var events: [RiskEvent] = []

    public init() {}

    func append(_ event: RiskEvent) { events.append(event) }
}
