import Testing
import MarketData
import Simulation
import Strategies
import TestSupport

/// Built-in strategies rewritten as rules trade exactly like the built-ins, on both engines,
/// on the bundled data.
@Suite struct RulesEquivalenceTests {
    struct Case: Sendable, CustomStringConvertible {
        var builtIn: String
        var parameters: [(String, String)]
        var rules: RuleSet
        var values: [(String, Double)]
        var description: String { "\(builtIn) \(parameters.map { "\($0)=\($1)" }.joined(separator: " "))" }
    }

    static let maTypes = ["sma", "ema", "wma", "dema", "tema", "trima", "kama"]

    static let cases: [Case] = [
        Case(builtIn: "sma_cross", parameters: [("fast", "10"), ("slow", "30")],
             rules: RuleSet(longEntry: "crosses_above(sma(close, fast), sma(close, slow))",
                            longExit: "crosses_below(sma(close, fast), sma(close, slow))"),
             values: [("fast", 10), ("slow", 30)]),
        Case(builtIn: "sma_cross", parameters: [("fast", "7"), ("slow", "40"), ("allow_short", "true")],
             rules: RuleSet(longEntry: "crosses_above(sma(close, fast), sma(close, slow))",
                            longExit: "crosses_below(sma(close, fast), sma(close, slow))",
                            shortEntry: "crosses_below(sma(close, fast), sma(close, slow))",
                            shortExit: "crosses_above(sma(close, fast), sma(close, slow))"),
             values: [("fast", 7), ("slow", 40)]),
    ] + maTypes.map { type in
        Case(builtIn: "ma_cross", parameters: [("fast", "9"), ("slow", "33"), ("ma_type", type)],
             rules: RuleSet(longEntry: "crosses_above(\(type)(close, fast), \(type)(close, slow))",
                            longExit: "crosses_below(\(type)(close, fast), \(type)(close, slow))"),
             values: [("fast", 9), ("slow", 33)])
    } + [
        Case(builtIn: "rsi_reversion", parameters: [("period", "14"), ("lower", "30"), ("exit", "55")],
             rules: RuleSet(longEntry: "rsi(close, period) < lower", longExit: "rsi(close, period) > exit_level"),
             values: [("period", 14), ("lower", 30), ("exit_level", 55)]),
        Case(builtIn: "rsi_reversion", parameters: [("period", "10"), ("lower", "25"), ("upper", "75"), ("exit", "50"), ("allow_short", "true")],
             rules: RuleSet(longEntry: "rsi(close, period) < lower", longExit: "rsi(close, period) > exit_level",
                            shortEntry: "rsi(close, period) > upper", shortExit: "rsi(close, period) < exit_level"),
             values: [("period", 10), ("lower", 25), ("upper", 75), ("exit_level", 50)]),
        Case(builtIn: "bollinger", parameters: [("period", "20"), ("deviations", "2"), ("mode", "reversion"), ("allow_short", "true")],
             rules: RuleSet(longEntry: "close < bbands(close, period, k, k).lowerband",
                            longExit: "close >= bbands(close, period, k, k).middleband",
                            shortEntry: "close > bbands(close, timeperiod=period, nbdevup=k, nbdevdn=k).upperband",
                            shortExit: "close <= bbands(close, timeperiod=period, nbdevup=k, nbdevdn=k).middleband"),
             values: [("period", 20), ("k", 2)]),
        Case(builtIn: "bollinger", parameters: [("period", "30"), ("deviations", "1.5"), ("mode", "breakout")],
             rules: RuleSet(longEntry: "close > bbands(close, period, k, k).upperband",
                            longExit: "close < bbands(close, period, k, k).middleband"),
             values: [("period", 30), ("k", 1.5)]),
        Case(builtIn: "donchian_breakout", parameters: [("entry_period", "20"), ("exit_period", "10"), ("allow_short", "true")],
             rules: RuleSet(longEntry: "close > prev(donchian(high, low, entry, entry).upper, 1)",
                            longExit: "close < prev(donchian(high, low, exit_n, exit_n).lower, 1)",
                            shortEntry: "close < prev(donchian(high, low, entry, entry).lower, 1)",
                            shortExit: "close > prev(donchian(high, low, exit_n, exit_n).upper, 1)"),
             values: [("entry", 20), ("exit_n", 10)]),
        Case(builtIn: "macd_trend", parameters: [("fast", "12"), ("slow", "26"), ("signal", "9")],
             rules: RuleSet(longEntry: "crosses_above(macd(close, fast, slow, sig).macd, macd(close, fast, slow, sig).macdsignal)",
                            longExit: "crosses_below(macd(close, fast, slow, sig).macd, macd(close, fast, slow, sig).macdsignal)"),
             values: [("fast", 12), ("slow", 26), ("sig", 9)]),
        Case(builtIn: "macd_trend", parameters: [("fast", "8"), ("slow", "21"), ("signal", "5"), ("zero_filter", "true"), ("allow_short", "true")],
             rules: RuleSet(longEntry: "crosses_above(macd(close, 8, 21, 5).macd, macd(close, 8, 21, 5).macdsignal) and macd(close, 8, 21, 5).macd > 0",
                            longExit: "crosses_below(macd(close, 8, 21, 5).macd, macd(close, 8, 21, 5).macdsignal)",
                            shortEntry: "crosses_below(macd(close, 8, 21, 5).macd, macd(close, 8, 21, 5).macdsignal) and macd(close, 8, 21, 5).macd < 0",
                            shortExit: "crosses_above(macd(close, 8, 21, 5).macd, macd(close, 8, 21, 5).macdsignal)"),
             values: []),
        Case(builtIn: "buy_and_hold", parameters: [], rules: RuleSet(longEntry: "true"), values: []),
    ]

    static let data: [(String, BarSeries)] = [
        ("btcusdt_1h", try! Fixtures.bars("btcusdt_1h.csv").slice(0..<12_000)),
        ("btcusdt_1d", try! Fixtures.bars("btcusdt_1d.csv")),
        ("ethusdt_1d", try! Fixtures.bars("ethusdt_1d.csv")),
    ]

    @Test(arguments: cases)
    func sameTradesAsTheBuiltIn(_ c: Case) throws {
        let type = try StrategyRegistry.type(named: c.builtIn)
        let set = try ParameterSet(strategy: c.builtIn, specs: type.descriptor.parameters, text: c.parameters)
        let builtIn = try type.init(parameters: set)
        let floats: Set<String> = ["lower", "upper", "exit_level", "k"]
        let rule = try RuleTest.strategy(c.rules, c.values, integers: Set(c.values.map(\.0)).subtracting(floats))
        for (name, bars) in Self.data {
            let config = StrategyTestData.realistic
            let builtInEvent = try EventEngine(config: config, slippage: NoSlippage()).run(builtIn, bars: bars)
            let ruleEvent = try EventEngine(config: config, slippage: NoSlippage()).run(rule, bars: bars)
            #expect(builtInEvent.trades.count >= 1, "\(name): the case should trade")
            #expect(Bool(RuleTest.sameTrades(ruleEvent, builtInEvent)), "\(name): event engine, \(ruleEvent.trades.count) rule trades vs \(builtInEvent.trades.count)")
            #expect(Bool(RuleTest.sameEquity(ruleEvent, builtInEvent)), "\(name): event equity")
            let ruleVectorized = try VectorizedEngine(config: config, slippage: NoSlippage()).run(rule, bars: bars)
            #expect(Bool(RuleTest.sameTrades(ruleVectorized, builtInEvent)), "\(name): vectorized rules vs built-in")
            #expect(Bool(RuleTest.sameEquity(ruleVectorized, builtInEvent)), "\(name): vectorized equity")
        }
    }
}
