import Strategies

/// What can stop a run before it starts. Order rejections are not errors: they are values
/// reported to the strategy (`OrderStatus.rejected`).
public enum SimulationError: Error, Equatable, Sendable, CustomStringConvertible {
    case noData
    case invalidConfig(String)
    case missingSubBars
    /// Funding was asked for but the rate series does not cover the symbol's bars.
    case fundingMissing(symbol: Int, detail: String)
    case strategy(StrategyError)
    /// An incremental run was given a bar that does not open after the previous one.
    case barOutOfOrder(ts: Int64, previous: Int64)

    public var description: String {
        switch self {
        case .noData: return "no bars to simulate"
        case let .invalidConfig(message): return "invalid engine settings: \(message)"
        case .missingSubBars: return "intrabar path sub_bars needs a finer series of the same symbol (e.g. the 1m data under 1h bars)"
        case let .fundingMissing(symbol, detail): return "funding rates for symbol \(symbol) are missing: \(detail)"
        case let .strategy(error): return error.description
        case let .barOutOfOrder(ts, previous):
            return "bar at \(ts) does not open after the previous bar at \(previous) (epoch ms); bars must arrive in time order, once each"
        }
    }
}
