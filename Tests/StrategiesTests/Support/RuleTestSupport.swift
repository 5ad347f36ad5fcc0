import MarketData
import Simulation
import Strategies

/// Compiling and running rule strategies in tests.
enum RuleTest {
    /// Integer parameters spanning [1, 10,000] (wide enough for every test's values).
    static func parameters(_ names: [String], integer: Bool = true) -> [RuleParameter] {
        names.map { RuleParameter(name: $0, isInteger: integer, minimum: integer ? 1 : -1e9, maximum: integer ? 10_000 : 1e9) }
    }

    static func strategy(_ rules: RuleSet, _ values: [(String, Double)] = [], integers: Set<String>? = nil,
                         rulesConfig: VectorizedRules = VectorizedRules()) throws -> RuleStrategy {
        let declared = values.map { name, _ in
            let isInt = integers.map { $0.contains(name) } ?? true
            return RuleParameter(name: name, isInteger: isInt, minimum: isInt ? 1 : -1e9, maximum: isInt ? 10_000 : 1e9)
        }
        let program = try rules.compile(parameters: declared)
        return try RuleStrategy(program: program, parameters: values.map(\.1), rules: rulesConfig)
    }

    /// Trades equal field by field (prices and quantities exactly).
    static func sameTrades(_ a: BacktestResult, _ b: BacktestResult) -> Bool {
        guard a.trades.count == b.trades.count else { return false }
        for (x, y) in zip(a.trades, b.trades) {
            guard x.entryTs == y.entryTs, x.exitTs == y.exitTs, x.direction == y.direction, x.exitReason == y.exitReason,
                  x.entryPrice == y.entryPrice, x.exitPrice == y.exitPrice,
                  abs(x.quantity - y.quantity) <= 1e-9 * y.quantity, abs(x.pnl - y.pnl) <= 1e-9 * max(1, abs(y.pnl)) else { return false }
        }
        return true
    }

    /// Equity equal at every bar to 1e-9 relative.
    static func sameEquity(_ a: BacktestResult, _ b: BacktestResult) -> Bool {
        guard a.equity.count == b.equity.count else { return false }
        return zip(a.equity, b.equity).allSatisfy { abs($0 - $1) <= 1e-9 * abs($1) }
    }
}
