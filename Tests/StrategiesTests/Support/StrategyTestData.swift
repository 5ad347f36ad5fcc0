import MarketData
import Simulation
import Strategies
import TestSupport

/// Data and engine set-ups shared by the strategy tests.
enum StrategyTestData {
    /// 3,000 bars of the real BTC 1h data (from bar 20,000), read once.
    static let btc: BarSeries = { try! Fixtures.bars("btcusdt_1h.csv").slice(20_000..<23_000) }()

    /// The last 500 days of three aligned daily datasets.
    static let daily: [BarSeries] = {
        ["btcusdt_1d.csv", "ethusdt_1d.csv", "solusdt_1d.csv"].map { name in
            let all = try! Fixtures.bars(name)
            return all.slice((all.count - 500)..<all.count)
        }
    }()

    /// Hourly bars from explicit OHLC rows starting at 2024-01-01 00:00 UTC (volume 1,000).
    static func bars(_ rows: [(o: Double, h: Double, l: Double, c: Double)]) -> BarSeries {
        let start: Int64 = 1_704_067_200_000
        return BarSeries(instrument: Instrument(base: "TST", quote: "USDT", tickSize: 0.01, lotSize: 0, minNotional: 0),
                         timeframe: .h1, ts: rows.indices.map { start + Int64($0) * 3_600_000 },
                         open: rows.map(\.o), high: rows.map(\.h), low: rows.map(\.l), close: rows.map(\.c),
                         volume: Array(repeating: 1_000, count: rows.count))
    }

    /// Flat bars (open = close = `price`, high/low ± 1).
    static func flat(_ price: Double) -> (o: Double, h: Double, l: Double, c: Double) { (price, price + 1, price - 1, price) }

    /// 10,000 cash, no fees, next-open fills, worst-case intrabar path.
    static var frictionless: EngineConfig {
        var c = EngineConfig()
        c.initialCash = 10_000
        c.fees = .flat(bps: 0)
        return c
    }

    /// 10,000 cash, 10 bps fees.
    static var realistic: EngineConfig {
        var c = EngineConfig()
        c.initialCash = 10_000
        c.fees = .flat(bps: 10)
        return c
    }

    static func event<S: EventStrategy>(_ s: S, _ bars: BarSeries, _ config: EngineConfig = frictionless) throws -> BacktestResult {
        try EventEngine(config: config, slippage: NoSlippage()).run(s, bars: bars)
    }

    static func event<S: EventStrategy>(_ s: S, _ data: [BarSeries], _ config: EngineConfig = frictionless) throws -> BacktestResult {
        try EventEngine(config: config, slippage: NoSlippage()).run(s, data: data)
    }

    static func vectorized<S: VectorizedStrategy>(_ s: S, _ bars: BarSeries, _ config: EngineConfig = realistic) throws -> BacktestResult {
        try VectorizedEngine(config: config, slippage: NoSlippage()).run(s, bars: bars)
    }
}

/// Enters long on every symbol at its first bar with `fraction` of equity each (risk tests).
struct EnterAll: EventStrategy {
    let fraction: Double
    var done = false

    mutating func onBar(_ context: inout StrategyContext) {
        guard !done, context.symbol == context.windows.count - 1 else { return }
        done = true
        for k in 0..<context.windows.count {
            context.submit(OrderRequest(symbol: k, side: .buy, size: .equityFraction(fraction)))
        }
    }
}
