import MarketData
import Simulation
import Strategies

/// A strategy that issues scripted commands at given bars and records what it hears.
struct Script: EventStrategy {
    enum Action {
        case submit(OrderRequest)
        case cancel(OrderID)
        case replace(OrderID, price: Double?, quantity: Double?)
    }

    final class Log {
        var fills: [Fill] = []
        var updates: [OrderUpdate] = []
        var seen: [(symbol: Int, ts: Int64)] = []
    }

    var actions: [(bar: Int, symbol: Int, action: Action)]
    let log = Log()

    init(_ actions: [(bar: Int, action: Action)]) { self.actions = actions.map { ($0.bar, 0, $0.action) } }
    init(symbolActions: [(bar: Int, symbol: Int, action: Action)]) { self.actions = symbolActions }

    mutating func onBar(_ context: inout StrategyContext) {
        log.seen.append((context.symbol, context.bars.lastTs))
        for a in actions where a.bar == context.bars.current && a.symbol == context.symbol {
            switch a.action {
            case let .submit(r): context.submit(r)
            case let .cancel(id): context.cancel(id)
            case let .replace(id, price, quantity): context.replace(id, price: price, quantity: quantity)
            }
        }
    }

    mutating func onFill(_ fill: Fill, _ context: inout StrategyContext) { log.fills.append(fill) }
    mutating func onOrderUpdate(_ update: OrderUpdate, _ context: inout StrategyContext) { log.updates.append(update) }

    func statuses(_ id: OrderID) -> [OrderStatus] { log.updates.filter { $0.orderID == id }.map(\.status) }
}

extension EngineConfig {
    /// No fees, 10 000 cash: the hand computations' baseline.
    static func plain(fees: FeeModel = .flat(bps: 0)) -> EngineConfig {
        var c = EngineConfig()
        c.fees = fees
        return c
    }
}

/// Runs a script through the event engine.
func runScript(_ script: Script, _ bars: BarSeries, config: EngineConfig = .plain(), subBars: BarSeries? = nil,
               slippage: some SlippageModel = NoSlippage()) throws -> BacktestResult {
    try EventEngine(config: config, slippage: slippage).run(script, bars: bars, subBars: subBars)
}

/// Bars one hour apart from t = 0: (open, high, low, close), volume 1 000.
func hourly(_ rows: [(Double, Double, Double, Double)], volume: Double = 1_000) -> BarSeries {
    TestData.bars(rows.enumerated().map { (Int64($0.offset) * 3_600_000, $0.element.0, $0.element.1, $0.element.2, $0.element.3, volume) })
}
