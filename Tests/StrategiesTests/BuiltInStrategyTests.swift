import Testing
import MarketData
import Simulation
import Strategies

/// Every single-symbol built-in on a slice of the real BTC 1h data: engine parity, no look-ahead,
/// determinism.
@Suite struct BuiltInStrategyTests {
    struct Case: Sendable, CustomStringConvertible {
        var name: String
        var params: [String: String]
        var description: String { name + " " + params.keys.sorted().map { "\($0)=\(params[$0]!)" }.joined(separator: " ") }
        init(_ name: String, _ params: [String: String] = [:]) { self.name = name; self.params = params }
        func make() throws -> any RegisteredStrategy {
            try StrategyRegistry.make(name, parameters: params.keys.sorted().map { ($0, params[$0]!) })
        }
    }

    /// Strategies both engines run: defaults where they apply, plus shorts and bracket variants.
    static let parityCases: [Case] = [
        Case("sma_cross"), Case("ma_cross"), Case("ma_cross", ["ma_type": "kama", "allow_short": "true"]),
        Case("rsi_reversion"), Case("rsi_reversion", ["allow_short": "true", "stop_loss": "0.02", "take_profit": "0.03"]),
        Case("bollinger"), Case("bollinger", ["mode": "breakout", "allow_short": "true"]),
        Case("donchian_breakout"), Case("donchian_breakout", ["allow_short": "true", "stop_loss": "0.03"]),
        Case("macd_trend"), Case("macd_trend", ["zero_filter": "true", "allow_short": "true"]),
        Case("ts_momentum", ["lookback": "48"]), Case("ts_momentum", ["allow_short": "true"]),
        Case("spike", ["k": "3"]), Case("spike", ["k": "3", "mode": "follow", "allow_short": "true"]),
        Case("regime_switch"), Case("regime_switch", ["allow_short": "true", "take_profit": "0.05"]),
        Case("composite"), Case("composite", ["mode": "majority", "w_rsi": "1", "w_bollinger": "1", "allow_short": "true"]),
        Case("composite", ["mode": "unanimous", "entry_threshold": "1"]),
        Case("blend"), Case("blend", ["member_1": "bollinger", "member_2": "spike", "member_3": "none", "mode": "weighted",
                                      "w_2": "2", "member_shorts": "true", "allow_short": "true"]),
        Case("blend", ["member_3": "ts_momentum", "mode": "unanimous", "entry_threshold": "1", "member_shorts": "true", "allow_short": "true"]),
        Case("buy_and_hold"),
    ]

    @Test(arguments: parityCases)
    func enginesAgree(_ c: Case) throws {
        let s = try c.make()
        let v = try #require(s as? any RegisteredStrategy & VectorizedStrategy, "\(c.name) should run in the vectorized engine")
        try Self.parity(v)
    }

    static func parity<S: RegisteredStrategy & VectorizedStrategy>(_ s: S) throws {
        let bars = StrategyTestData.btc
        let e = try StrategyTestData.event(s, bars, StrategyTestData.realistic)
        let v = try StrategyTestData.vectorized(s, bars)
        #expect(e.trades.count >= 1, "the strategy should trade on the slice")
        #expect(e.equity.count == v.equity.count)
        var worst = 0.0
        for (x, y) in zip(e.equity, v.equity) { worst = max(worst, abs(x - y) / abs(y)) }
        #expect(worst <= 1e-9, "largest relative equity difference \(worst)")
        #expect(e.trades.count == v.trades.count)
        for (x, y) in zip(e.trades, v.trades) {
            #expect(x.entryTs == y.entryTs && x.exitTs == y.exitTs && x.exitReason == y.exitReason && x.direction == y.direction)
            #expect(abs(x.quantity - y.quantity) <= 1e-9 * y.quantity)
        }
    }

    /// Every single-symbol built-in with its defaults (event engine; the modifiers' own
    /// truncation test is in SimulationTests).
    static let eventCases: [Case] = StrategyRegistry.descriptors.filter { $0.symbols == .single }.map { Case($0.name) }

    @Test(arguments: eventCases)
    func noLookAheadAndDeterministic(_ c: Case) throws {
        let bars = StrategyTestData.btc
        let cut = 2_000
        let full = try StrategyTestData.event(c.make(), bars, StrategyTestData.realistic)
        let again = try StrategyTestData.event(c.make(), bars, StrategyTestData.realistic)
        let truncated = try StrategyTestData.event(c.make(), bars.slice(0..<cut), StrategyTestData.realistic)
        #expect(!full.fills.isEmpty, "\(c) should trade")
        // Determinism: the same run twice gives the same fills and equity.
        #expect(full.fills == again.fills && full.equity == again.equity)
        // No look-ahead: without the bars from `cut` on, nothing before `cut` changes.
        #expect(full.fills.filter { $0.bar < cut } == truncated.fills)
        #expect(Array(full.equity[0..<cut]) == truncated.equity)
    }

    @Test(arguments: parityCases)
    func vectorizedSignalsIgnoreTheFuture(_ c: Case) throws {
        let s = try #require(try c.make() as? any RegisteredStrategy & VectorizedStrategy)
        try Self.signalsBeforeCut(s)
    }

    static func signalsBeforeCut<S: RegisteredStrategy & VectorizedStrategy>(_ s: S) throws {
        let bars = StrategyTestData.btc
        let cut = 1_500
        let full = signals(s, bars)
        let truncated = signals(s, bars.slice(0..<cut))
        #expect(Array(full[0..<cut]) == truncated)
    }

    /// The kernel's signal at every bar.
    static func signals<S: VectorizedStrategy>(_ s: S, _ bars: BarSeries) -> [SignalFlags] {
        let cache = try! S.makeCache(bars, for: [s])
        return withExtendedLifetime(cache) {
            let k = s.kernel(cache)
            return (0..<bars.count).map { k.signal(at: $0) }
        }
    }
}

/// The event-only options say so when asked for the vectorized engine, and act in the event one.
@Suite struct EventOnlyOptionTests {
    @Test func atrStopsExitAndVolatilityTargetingSizes() throws {
        let bars = StrategyTestData.btc
        let turtleStop = try Modifiers(text: [("atr_stop", "2"), ("atr_period", "20")], periodsPerYear: 8_760)
        let turtle = try StrategyTestData.event(turtleStop.apply(DonchianBreakout(entryPeriod: 20, exitPeriod: 10), instruments: [bars.instrument]),
                                                bars, StrategyTestData.realistic)
        #expect(turtle.trades.contains { $0.exitReason == .stopLoss })
        // Volatility targeting at 5 % a year on BTC (roughly 40–80 %) spends well under all of equity.
        let target = try Modifiers(text: [("sizing", "vol_target"), ("vol_target", "0.05")], periodsPerYear: 8_760)
        let tsm = try StrategyTestData.event(target.apply(TimeSeriesMomentum(lookback: 48), instruments: [bars.instrument]),
                                             bars, StrategyTestData.realistic)
        let first = try #require(tsm.trades.first)
        #expect(first.quantity * first.entryPrice < 0.2 * 10_000)
    }
}
