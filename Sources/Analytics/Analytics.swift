/// Module Analytics: performance metrics, Sharpe inference, overfitting diagnostics and
/// statistical comparison of strategies.
import MarketData
