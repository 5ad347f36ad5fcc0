import Indicators

/// Builds indicators (streaming state or cached columns) for a strategy, turning an invalid
/// indicator parameter into the strategy's constraint error.
@inlinable
public func withIndicators<T>(_ strategy: String, _ body: () throws(IndicatorError) -> T) throws(StrategyError) -> T {
    do { return try body() } catch { throw .constraint(strategy: strategy, message: error.description) }
}
