/// Which rule touched an order or the portfolio.
@frozen
public enum RiskRule: UInt8, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    case maxPosition
    case maxLeverage
    /// The drawdown circuit breaker (its trips, the entries it refuses while halted, its end).
    case maxDrawdown
    /// The daily loss limit (same three kinds of events).
    case dailyLoss
    case maxOpenPositions
    /// The sizing rule gave no quantity (volatility not yet known, Kelly fraction ≤ 0, no stop
    /// distance for fixed risk).
    case sizing
    /// The quantity rounded down to zero lots.
    case lotSize
    /// The order's notional is below the minimum notional.
    case minNotional
    /// Not enough cash or margin for the order at its fill.
    case margin

    public var description: String {
        switch self {
        case .maxPosition: return "max_position"
        case .maxLeverage: return "max_leverage"
        case .maxDrawdown: return "max_drawdown"
        case .dailyLoss: return "daily_loss"
        case .maxOpenPositions: return "max_open_positions"
        case .sizing: return "sizing"
        case .lotSize: return "lot_size"
        case .minNotional: return "min_notional"
        case .margin: return "margin"
        }
    }
}

/// What happened.
@frozen
public enum RiskAction: UInt8, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    /// An entry's size was reduced to fit the limit.
    case clipped
    /// An entry was refused when it was decided (sent with quantity 0, so the engine rejects it).
    case blocked
    /// An order was refused by the engine when it came to fill.
    case rejected
    /// All positions were closed and new entries halted.
    case flattened
    /// Entries are allowed again.
    case resumed

    public var description: String {
        switch self {
        case .clipped: return "clipped"
        case .blocked: return "blocked"
        case .rejected: return "rejected"
        case .flattened: return "flattened"
        case .resumed: return "resumed"
        }
    }
}

/// One firing of a risk rule or one refused or resized order, with the numbers it was decided
/// on. Both engines record the same events for the same run.
///
/// `value` and `limit` by rule and action:
/// - `maxDrawdown` / `dailyLoss` `flattened`: the drawdown from the peak (loss since the day's
///   start) as a fraction, and the limit;
/// - `maxDrawdown` `resumed`: the equity the peak restarts at, and the halt length in bars;
///   `dailyLoss` `resumed`: the new day's starting equity, and the limit;
/// - `maxDrawdown` / `dailyLoss` `blocked` (entry refused while halted): the entry's notional, 0;
/// - `maxPosition` / `maxLeverage` `clipped` or `blocked`: the notional asked for and the room
///   left under the limit (quote currency);
/// - `maxOpenPositions` `blocked`: positions open or opening, and the limit;
/// - `sizing` `blocked`: the rule's raw quantity (0 or NaN), 0;
/// - `lotSize` `blocked` / `rejected`: the quantity before rounding, and the lot size;
/// - `minNotional` `blocked` / `rejected`: the order's notional, and the minimum;
/// - `margin` `rejected`: the gross exposure after the fill, and leverage × equity.
/// Entry notionals are quantity × the decision close, or fraction × equity for fraction sizes.
public struct RiskEvent: Sendable, Hashable {
    /// Timestamp (epoch ms UTC, the bar's open) of the bar at whose close the rule fired, or
    /// during which the order was refused at its fill.
    public var ts: Int64
    /// Index of that bar (of `symbol`).
    public var bar: Int
    /// Symbol whose bar was current (or whose order was touched).
    public var symbol: Int
    public var rule: RiskRule
    public var action: RiskAction
    public var value: Double
    public var limit: Double

    @inlinable
    public init(ts: Int64, bar: Int, symbol: Int, rule: RiskRule, action: RiskAction, value: Double, limit: Double) {
        self.ts = ts
        self.bar = bar
        self.symbol = symbol
        self.rule = rule
        self.action = action
        self.value = value
        self.limit = limit
    }

    /// The event in words (the one place they are written).
    public var reason: String {
        func n(_ x: Double) -> String { x.isFinite ? String(describing: (x * 1e8).rounded() / 1e8) : String(describing: x) }
        switch (rule, action) {
        case (.maxDrawdown, .flattened):
            return "drawdown \(n(value)) from the equity peak reached the limit \(n(limit)); flattened, entries halted"
        case (.dailyLoss, .flattened):
            return "loss \(n(value)) since the UTC day began reached the limit \(n(limit)); flattened, entries halted until the next day"
        case (.maxDrawdown, .resumed):
            return "halt of \(n(limit)) bars over; drawdown peak restarts at equity \(n(value))"
        case (.dailyLoss, .resumed):
            return "new UTC day; the day starts at equity \(n(value))"
        case (.maxDrawdown, _), (.dailyLoss, _):
            return "entry of notional \(n(value)) refused: trading halted by \(rule)"
        case (.maxPosition, .clipped), (.maxLeverage, .clipped):
            return "entry notional \(n(value)) clipped to \(n(limit)) under \(rule)"
        case (.maxPosition, _), (.maxLeverage, _):
            return "entry of notional \(n(value)) refused: room \(n(limit)) under \(rule)"
        case (.maxOpenPositions, _):
            return "entry refused: \(n(value)) positions open or opening, limit \(n(limit))"
        case (.sizing, _):
            return "entry refused: the sizing rule gave quantity \(n(value)) (warm-up, Kelly fraction ≤ 0 or no stop distance)"
        case (.lotSize, _):
            return "order \(action): quantity \(n(value)) rounds down to zero lots of \(n(limit))"
        case (.minNotional, _):
            return "order \(action): notional \(n(value)) is below the minimum notional \(n(limit))"
        case (.margin, _):
            return "order rejected: gross exposure \(n(value)) would exceed leverage × equity \(n(limit))"
        }
    }
}

/// How many events of each rule and action a run recorded: kept by every run, sweeps included,
/// without allocation.
@frozen
public struct RiskCounts: Sendable, Hashable {
    @usableFromInline var byRule = SIMD16<Int32>()
    @usableFromInline var byAction = SIMD8<Int32>()

    @inlinable public init() {}

    /// Counts of `events`.
    public init<C: Sequence>(_ events: C) where C.Element == RiskEvent {
        for e in events { add(e.rule, e.action) }
    }

    @inlinable
    public mutating func add(_ rule: RiskRule, _ action: RiskAction) {
        byRule[Int(rule.rawValue)] &+= 1
        byAction[Int(action.rawValue)] &+= 1
    }

    /// Events of `rule`.
    @inlinable public func count(_ rule: RiskRule) -> Int { Int(byRule[Int(rule.rawValue)]) }
    /// Events with `action`.
    @inlinable public func count(_ action: RiskAction) -> Int { Int(byAction[Int(action.rawValue)]) }
    /// All events.
    @inlinable public var total: Int { Int(byAction.wrappedSum()) }

    /// `flattened 1, blocked 4 (max_drawdown 4), ...`: the non-zero counts by action, each with
    /// its rules (for command-line output).
    public var summary: String {
        guard total > 0 else { return "none" }
        return RiskAction.allCases.filter { count($0) > 0 }.map { "\($0) \(count($0))" }.joined(separator: ", ")
            + "; by rule: " + RiskRule.allCases.filter { count($0) > 0 }.map { "\($0) \(count($0))" }.joined(separator: ", ")
    }
}
