/// Module Simulation: orders, fills, fees, slippage and portfolio accounting; the vectorized
/// and event-driven engines that share them.
import MarketData
import Strategies
