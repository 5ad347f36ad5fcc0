import Testing
import MarketData
import Simulation
import Strategies

/// Both engines give one answer on what both can express (docs/ARCHITECTURE.md): equity at every bar to
/// 1e-9 relative and identical trade lists, over random signals on real and synthetic data.
@Suite struct EngineParityTests {
    struct Case: Sendable, CustomStringConvertible {
        var seed: UInt64
        var shorts: Bool
        var stopLoss: Double?
        var takeProfit: Double?
        var fill: FillTiming
        var intrabar: IntrabarPath
        var slippageBps: Double
        var fraction: Double
        var description: String { "seed \(seed) shorts \(shorts) sl \(stopLoss ?? 0) tp \(takeProfit ?? 0) \(fill) \(intrabar) slip \(slippageBps) f \(fraction)" }
    }

    static let cases: [Case] = [
        Case(seed: 1, shorts: false, stopLoss: nil, takeProfit: nil, fill: .nextOpen, intrabar: .worstCase, slippageBps: 0, fraction: 1),
        Case(seed: 2, shorts: true, stopLoss: nil, takeProfit: nil, fill: .nextOpen, intrabar: .worstCase, slippageBps: 5, fraction: 0.5),
        Case(seed: 3, shorts: true, stopLoss: 0.02, takeProfit: 0.03, fill: .nextOpen, intrabar: .worstCase, slippageBps: 3, fraction: 1),
        Case(seed: 4, shorts: true, stopLoss: 0.015, takeProfit: 0.015, fill: .nextOpen, intrabar: .ohlc, slippageBps: 0, fraction: 0.8),
        Case(seed: 5, shorts: false, stopLoss: 0.01, takeProfit: nil, fill: .close, intrabar: .worstCase, slippageBps: 2, fraction: 1),
        Case(seed: 6, shorts: true, stopLoss: nil, takeProfit: 0.02, fill: .close, intrabar: .ohlc, slippageBps: 0, fraction: 1),
    ]

    static func config(_ c: Case) -> EngineConfig {
        var config = EngineConfig()
        config.fees = FeeModel(makerBps: 2, takerBps: 7.5)
        config.fill = c.fill
        config.intrabar = c.intrabar
        return config
    }

    static func compare(_ a: BacktestResult, _ b: BacktestResult) {
        #expect(a.equity.count == b.equity.count)
        var worst = 0.0
        for (x, y) in zip(a.equity, b.equity) { worst = max(worst, abs(x - y) / abs(y)) }
        #expect(worst <= 1e-9, "largest relative equity difference \(worst)")
        #expect(a.trades.count == b.trades.count)
        for (x, y) in zip(a.trades, b.trades) {
            #expect(x.entryTs == y.entryTs && x.exitTs == y.exitTs && x.exitReason == y.exitReason && x.direction == y.direction)
            #expect(abs(x.quantity - y.quantity) <= 1e-9 * y.quantity)
            #expect(abs(x.entryPrice - y.entryPrice) <= 1e-12 * y.entryPrice)
            #expect(abs(x.pnl - y.pnl) <= 1e-9 * y.quantity * y.entryPrice)
        }
        #expect(abs(a.metrics.totalFees - b.metrics.totalFees) <= 1e-9 * max(b.metrics.totalFees, 1))
        #expect(a.metrics.entries == b.metrics.entries)
    }

    static func runBoth(_ c: Case, bars: BarSeries) throws {
        let signals = TestData.signals(count: bars.count, seed: c.seed, shorts: c.shorts)
        let strategy = PrecomputedSignals(signals: signals, rules: VectorizedRules(fraction: c.fraction, stopLoss: c.stopLoss, takeProfit: c.takeProfit))
        let slip = FixedSlippage(bps: c.slippageBps)
        let v = try VectorizedEngine(config: config(c), slippage: slip).run(strategy, bars: bars)
        let e = try EventEngine(config: config(c), slippage: slip).run(strategy, bars: bars)
        #expect(v.trades.count > 10, "the case should trade")
        compare(v, e)
    }

    @Test(arguments: cases)
    func randomSignalsOnRealData(_ c: Case) throws {
        try Self.runBoth(c, bars: BTC.hourly.slice(20_000..<24_000))
    }

    @Test(arguments: cases)
    func randomSignalsOnSyntheticData(_ c: Case) throws {
        try Self.runBoth(c, bars: TestData.synthetic(bars: 3_000, seed: c.seed &+ 100))
    }

    @Test func smaCrossWithBracketAgrees() throws {
        var config = EngineConfig()
        config.fees = .flat(bps: 10)
        let s = try SMACross(fast: 12, slow: 40, stopLoss: 0.03, takeProfit: 0.06, allowShort: true)
        let bars = BTC.hourly.slice(0..<8_000)
        let v = try VectorizedEngine(config: config, slippage: FixedSlippage(bps: 2)).run(s, bars: bars)
        let e = try EventEngine(config: config, slippage: FixedSlippage(bps: 2)).run(s, bars: bars)
        #expect(v.trades.contains { $0.exitReason == .stopLoss } && v.trades.contains { $0.exitReason == .takeProfit })
        Self.compare(v, e)
    }
}

extension EngineParityTests {
    @Test func volatilitySlippageLeverageAndBorrowAgree() throws {
        let bars = BTC.hourly.slice(50_000..<54_000)
        var config = EngineConfig()
        config.leverage = 2
        config.borrowRate = 0.1
        config.fees = FeeModel(makerBps: 1, takerBps: 6, fixedPerOrder: 0.25)
        let s = PrecomputedSignals(signals: TestData.signals(count: bars.count, seed: 99, shorts: true),
                                   rules: VectorizedRules(fraction: 0.6, stopLoss: 0.02, takeProfit: 0.04))
        let v = try VectorizedEngine(config: config, slippage: VolatilitySlippage(k: 0.3)).run(s, bars: bars)
        let e = try EventEngine(config: config, slippage: VolatilitySlippage(k: 0.3)).run(s, bars: bars)
        #expect(v.trades.count > 10 && v.borrowPaid > 0)
        #expect(abs(v.borrowPaid - e.borrowPaid) <= 1e-9 * e.borrowPaid)
        Self.compare(v, e)
    }

    @Test func settingsTheVectorizedEngineCannotHonourAreRefused() {
        var capped = EngineConfig()
        capped.maxParticipation = 0.1
        var margined = EngineConfig()
        margined.leverage = 3
        margined.maintenanceMargin = 0.1
        let s = BuyAndHold()
        let bars = TestData.synthetic(bars: 50, seed: 3)
        #expect(throws: SimulationError.self) { try VectorizedEngine(config: capped, slippage: NoSlippage()).run(s, bars: bars) }
        #expect(throws: SimulationError.self) { try VectorizedEngine(config: margined, slippage: NoSlippage()).run(s, bars: bars) }
        var bad = EngineConfig()
        bad.initialCash = -1
        #expect(throws: SimulationError.invalidConfig("initial cash must be positive, got -1.0")) {
            try EventEngine(config: bad, slippage: NoSlippage()).run(s, bars: bars)
        }
        bad = EngineConfig()
        bad.leverage = 2
        bad.maintenanceMargin = 0.6
        #expect(throws: SimulationError.self) { try EventEngine(config: bad, slippage: NoSlippage()).run(s, bars: bars) }
    }
}
