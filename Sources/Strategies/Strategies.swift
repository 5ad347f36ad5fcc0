/// Module Strategies: the strategy contract, built-in strategies, signal composition,
/// position sizing and risk limits.
import MarketData
import Indicators
