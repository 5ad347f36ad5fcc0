import Testing
import MarketData
import Simulation
import Strategies

/// The signal combiner on votes worked out by hand, and sizing wrappers through the engine.
@Suite struct CompositionTests {
    func votes(_ v: [Double]) -> SIMD8<Double> {
        var s = SIMD8<Double>(repeating: 0)
        for (k, x) in v.enumerated() { s[k] = x }
        return s
    }

    @Test func weightedAverage() throws {
        let c = try SignalCombiner(mode: .weighted, weights: [1, 2, 0, 1], entry: 0.5, exit: 0)
        // (1·1 + 2·(−1) + 1·1) / 4 = 0; the weight-0 member is left out even while it is NaN.
        #expect(c.score(votes([1, -1, .nan, 1])) == 0)
        // (1·1 + 2·1 + 1·0) / 4 = 0.75.
        #expect(c.score(votes([1, 1, -1, 0])) == 0.75)
        // A participating NaN means no score.
        #expect(c.score(votes([.nan, 1, 1, 1])).isNaN)
    }

    @Test func majorityAndUnanimity() throws {
        let majority = try SignalCombiner(mode: .majority, weights: [1, 1, 1, 1], entry: 0.5, exit: 0)
        // 3 of 4 long (> half): +1; 2 of 4 short is not more than half: 0.
        #expect(majority.score(votes([1, 1, 1, -1])) == 1)
        #expect(majority.score(votes([-1, -1, 1, 0])) == 0)
        #expect(majority.score(votes([-1, -1, -1, 0])) == -1)
        let unanimous = try SignalCombiner(mode: .unanimous, weights: [1, 1, 1], entry: 1, exit: 0)
        #expect(unanimous.score(votes([1, 1, 1])) == 1)
        #expect(unanimous.score(votes([1, 1, 0])) == 0)
        #expect(unanimous.score(votes([-1, -1, -1])) == -1)
    }

    @Test func thresholdsMakeSignals() throws {
        let c = try SignalCombiner(mode: .weighted, weights: [1], entry: 0.5, exit: 0)
        #expect(c.signal(0.75) == [.entryLong, .exitShort])
        #expect(c.signal(0.25) == [.exitShort])
        #expect(c.signal(0) == [.exitLong, .exitShort])
        #expect(c.signal(-0.75) == [.exitLong, .entryShort])
        #expect(c.signal(.nan) == [])
    }

    @Test func badCombinersAreRefused() {
        #expect(throws: StrategyError.self) { try SignalCombiner(mode: .weighted, weights: [0, 0], entry: 0.5, exit: 0) }
        #expect(throws: StrategyError.self) { try SignalCombiner(mode: .weighted, weights: [1], entry: 0.2, exit: 0.3) }
        #expect(throws: StrategyError.self) { try StrategyRegistry.make("composite", parameters: [("w_ma", "0"), ("w_macd", "0"), ("w_momentum", "0")]) }
    }

    @Test func compositeOfOneMemberIsThatMember() throws {
        // With only the momentum vote (weight 1, entry 0.5, exit 0) the composite is time-series
        // momentum on the same lookback: identical signals at every bar.
        let bars = StrategyTestData.btc.slice(0..<1_000)
        let composite = try Composite(combiner: SignalCombiner(mode: .weighted, weights: [0, 0, 0, 1, 0], entry: 0.5, exit: 0),
                                      lookback: 24, settings: TradeSettings(allowShort: true))
        let momentum = try TimeSeriesMomentum(lookback: 24, settings: TradeSettings(allowShort: true))
        #expect(BuiltInStrategyTests.signals(composite, bars) == BuiltInStrategyTests.signals(momentum, bars))
    }

    @Test func sizedEntriesUseTheSizerAndTheLot() throws {
        // Fixed cash 1,000 at the decision close 100 with lots of 0.3: 10 → 9.9 units, filled at bar 1.
        let bars = StrategyTestData.bars([StrategyTestData.flat(100), StrategyTestData.flat(101), StrategyTestData.flat(101)])
        let lot = Instrument(base: "TST", quote: "USDT", tickSize: 0.01, lotSize: 0.3, minNotional: 5)
        let s = Sized(BuyAndHold(), sizer: FixedCashSizer(cash: 1_000), instruments: [lot])
        let r = try StrategyTestData.event(s, bars)
        #expect(r.fills.count == 1 && abs(r.fills[0].quantity - 9.9) < 1e-9 && r.fills[0].price == 101)
        // Below the minimum notional (4 / 100 → 0 lots): the engine rejects a zero quantity.
        let tiny = try StrategyTestData.event(Sized(BuyAndHold(), sizer: FixedCashSizer(cash: 4), instruments: [lot]), bars)
        #expect(tiny.fills.isEmpty && tiny.orderUpdates.contains { $0.status == .rejected(.zeroQuantity) })
    }

    @Test func fixedRiskReadsTheBracketStop() throws {
        // Risk 1 % of 10,000 = 100 over a stop 5 % below the close 100 (distance 5): 20 units.
        let bars = StrategyTestData.bars([StrategyTestData.flat(100), StrategyTestData.flat(100), StrategyTestData.flat(100)])
        let inner = PrecomputedSignals(signals: [.entryLong, [], []], rules: VectorizedRules(fraction: 1, stopLoss: 0.05))
        let s = Sized(inner, sizer: FixedRiskSizer(risk: 0.01), instruments: [Instrument(base: "TST", quote: "USDT", lotSize: 0)])
        let r = try StrategyTestData.event(s, bars)
        #expect(r.fills.count == 1 && abs(r.fills[0].quantity - 20) < 1e-9)
    }

    @Test func kellyLearnsFromTheTradesItSized() throws {
        // Three round trips, each decided at a close equal to the next open (no fees): +10 %, −5 %,
        // +10 % on the entry notional. Kelly with minTrades 3: W = 2/3, R = 0.10 / 0.05 = 2,
        // K = 2/3 − (1/3)/2 = 0.5. The first three entries spend the fallback 20 %, the fourth 50 %.
        let rows: [(o: Double, h: Double, l: Double, c: Double)] = [
            (100, 101, 99, 100), (100, 111, 99, 110), (110, 111, 99, 100), (100, 101, 94, 95), (95, 101, 94, 100),
            (100, 111, 99, 110), (110, 111, 99, 100), (100, 101, 99, 100), (100, 101, 99, 100),
        ]
        var signals = [SignalFlags](repeating: [], count: rows.count)
        // Entries at the closes of bars 0, 2, 4, 6 (fills at the next opens), exits at 1, 3, 5.
        for i in [0, 2, 4, 6] { signals[i] = .entryLong }
        for i in [1, 3, 5] { signals[i] = .exitLong }
        let bars = StrategyTestData.bars(rows)
        let kelly = KellySizer(window: 10, multiplier: 1, maxFraction: 1, minTrades: 3, fallback: 0.2)
        let s = Sized(PrecomputedSignals(signals: signals), sizer: kelly, instruments: [Instrument(base: "TST", quote: "USDT", lotSize: 0)])
        let r = try StrategyTestData.event(s, bars)
        let entries = r.fills.filter { $0.side == .buy }
        #expect(entries.count == 4)
        // Trade 1: 0.2 × 10,000 / 100 = 20 units at 100, out at 110: +200 (equity 10,200).
        #expect(abs(entries[0].quantity - 20) < 1e-9)
        // Trade 2: 0.2 × 10,200 / 100 = 20.4 units at 100, out at 95: −102 (equity 10,098).
        #expect(abs(entries[1].quantity - 20.4) < 1e-9)
        // Trade 3: 0.2 × 10,098 / 100 = 20.196 units at 100, out at 110: +201.96 (equity 10,299.96).
        #expect(abs(entries[2].quantity - 20.196) < 1e-9)
        // Trade 4: 0.5 × 10,299.96 / 100 = 51.4998 units.
        #expect(abs(entries[3].quantity - 51.4998) < 1e-9)
    }
}

/// The modifiers built from parameters around a built-in.
@Suite struct ModifierTests {
    let bars = StrategyTestData.btc

    @Test func defaultModifiersChangeNothing() throws {
        let plain = try StrategyTestData.event(SMACross(fast: 10, slow: 50), bars, StrategyTestData.realistic)
        let wrapped = try Modifiers(text: [], periodsPerYear: 8_760).apply(SMACross(fast: 10, slow: 50), instruments: [bars.instrument])
        let r = try StrategyTestData.event(wrapped, bars, StrategyTestData.realistic)
        #expect(r.fills == plain.fills && r.equity == plain.equity)
    }

    @Test func modifiersFromTextAct() throws {
        let m = try Modifiers(text: [("sizing", "fixed_cash"), ("size_cash", "2000"), ("stop_loss", "0.01"), ("max_bars", "48"),
                                     ("max_drawdown", "0.05"), ("halt_bars", "100")], periodsPerYear: 8_760)
        let r = try StrategyTestData.event(m.apply(SMACross(fast: 10, slow: 50), instruments: [bars.instrument]), bars,
                                           StrategyTestData.realistic)
        let entries = r.trades.filter { $0.entryBar > 0 }
        #expect(!entries.isEmpty)
        // Fixed cash 2,000 at the decision close, rounded down to the 0.00001 lot.
        for t in r.trades {
            let decisionClose = bars.close[t.entryBar - 1]
            #expect(abs(t.quantity - bars.instrument.roundToLot(2_000 / decisionClose)) < 1e-12)
        }
        #expect(r.trades.contains { $0.exitReason == .stopLoss })
        #expect(r.riskEvents.allSatisfy { !$0.reason.isEmpty })
    }

    @Test func badModifierValuesAreRefused() {
        #expect(throws: StrategyError.self) { try Modifiers(text: [("sizing", "martingale")], periodsPerYear: 365) }
        #expect(throws: StrategyError.self) { try Modifiers(text: [("max_drawdown", "2")], periodsPerYear: 365) }
    }
}

/// Blends of whole strategies.
@Suite struct BlendTests {
    @Test func stanceFollowsTheSignalsAsSignalOrdersTrades() {
        var s = Stance()
        let steps: [(SignalFlags, Double)] = [
            ([], 0), (.exitLong, 0), (.entryLong, 1), (.entryLong, 1), ([.exitShort], 1),
            ([.exitLong, .entryShort], -1), (.entryShort, -1), (.entryLong, 1), (.exitLong, 0),
        ]
        for (k, (signal, expected)) in steps.enumerated() { #expect(s.apply(signal) == expected, "step \(k)") }
    }

    @Test func aBlendOfOneStrategyTwiceTradesLikeIt() throws {
        let bars = StrategyTestData.btc
        let combiner = try SignalCombiner(mode: .weighted, weights: [1, 1], entry: 0.5, exit: 0)
        let blend = try Blend(members: ["rsi_reversion", "rsi_reversion"], combiner: combiner)
        let alone = try StrategyTestData.event(RSIReversion(period: 14), bars, StrategyTestData.realistic)
        let blended = try StrategyTestData.event(blend, bars, StrategyTestData.realistic)
        #expect(!alone.fills.isEmpty)
        #expect(blended.fills == alone.fills)
    }

    @Test func votesCombineByHand() throws {
        // Majority of three: long only while at least two members hold long.
        let bars = StrategyTestData.btc.slice(0..<1_500)
        let names = ["ma_cross", "macd_trend", "ts_momentum"]
        let blend = try Blend(members: names, combiner: SignalCombiner(mode: .majority, weights: [1, 1, 1], entry: 0.5, exit: 0))
        let got = BuiltInStrategyTests.signals(blend, bars)
        var stances = [Stance(), Stance(), Stance()]
        let memberSignals = try names.map { try BlendMember($0, shorts: false).signals(bars) }
        for i in 0..<bars.count {
            let longs = (0..<3).filter { stances[$0].apply(memberSignals[$0][i]) > 0 }.count
            #expect(got[i] == (longs >= 2 ? [.entryLong] : .exitLong), "bar \(i)")
        }
    }

    @Test func onlyBuiltInsWithASignalRuleCanJoin() {
        #expect(throws: StrategyError.self) { try BlendMember("buy_and_hold", shorts: false) }
        #expect(throws: StrategyError.self) { try StrategyRegistry.make("blend", parameters: [("w_1", "0"), ("w_2", "0"), ("w_3", "0")]) }
    }
}
