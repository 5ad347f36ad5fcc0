import Testing
import MarketData
import Simulation
import Strategies

/// Both bracket legs inside one bar, under each intrabar rule, in both engines; gaps through
/// the exits at a later open.
@Suite struct IntrabarRuleTests {
    // Entry at b1's open 100 with stop-loss 5 % (95) and take-profit 5 % (105).
    static func bars(b1: (Double, Double, Double, Double)) -> BarSeries {
        hourly([(100, 100, 100, 100), b1, (100, 100, 100, 100)])
    }

    static func bracketScript(_ side: Side) -> Script {
        Script([(0, .submit(.market(side, .quantity(10), bracket: BracketExits(takeProfit: .fraction(0.05), stopLoss: .fraction(0.05)))))])
    }

    static func exit(_ bars: BarSeries, _ path: IntrabarPath, subBars: BarSeries? = nil, side: Side = .buy) throws -> (Double, ExitReason?) {
        var config = EngineConfig.plain()
        config.intrabar = path
        let r = try runScript(bracketScript(side), bars, config: config, subBars: subBars)
        // The vectorized engine must agree (its fraction sizing is checked elsewhere; here only the exit).
        let signals: [SignalFlags] = [side == .buy ? .entryLong : .entryShort, [], []]
        let v = try VectorizedEngine(config: config, slippage: NoSlippage())
            .run(PrecomputedSignals(signals: signals, rules: VectorizedRules(stopLoss: 0.05, takeProfit: 0.05)), bars: bars, subBars: subBars)
        #expect(v.trades.first?.exitPrice == r.trades.first?.exitPrice && v.trades.first?.exitReason == r.trades.first?.exitReason)
        #expect(r.intrabar == path && v.intrabar == path)
        return (r.trades[0].exitPrice ?? .nan, r.trades[0].exitReason)
    }

    @Test func upBarBothLegs() throws {
        let bars = Self.bars(b1: (100, 106, 94, 103))   // up bar: ohlc goes O→L→H→C
        #expect(try Self.exit(bars, .worstCase) == (95, .stopLoss))
        #expect(try Self.exit(bars, .ohlc) == (95, .stopLoss))
    }

    @Test func downBarBothLegs() throws {
        let bars = Self.bars(b1: (100, 106, 94, 97))    // down bar: ohlc goes O→H→L→C
        #expect(try Self.exit(bars, .worstCase) == (95, .stopLoss))  // adverse first
        #expect(try Self.exit(bars, .ohlc) == (105, .takeProfit))
    }

    @Test func shortBracketBothLegs() throws {
        // Short at 100: stop-loss 105 above, take-profit 95 below.
        let up = Self.bars(b1: (100, 106, 94, 103))     // O→L→H→C under ohlc: the take-profit first
        #expect(try Self.exit(up, .worstCase, side: .sell) == (105, .stopLoss))   // highs first when short
        #expect(try Self.exit(up, .ohlc, side: .sell) == (95, .takeProfit))
        let down = Self.bars(b1: (100, 106, 94, 97))    // O→H→L→C: the stop-loss first
        #expect(try Self.exit(down, .ohlc, side: .sell) == (105, .stopLoss))
    }

    @Test func subBarsDecideWhichLegCameFirst() throws {
        let bars = Self.bars(b1: (100, 106, 94, 103))   // up bar: ohlc and worst case both say stop-loss
        // Four 15-minute bars under b1: the high 106 comes in the second, the low 94 in the fourth.
        let q: Int64 = 900_000
        let h: Int64 = 3_600_000
        let fine = BarSeries(instrument: bars.instrument, timeframe: .m15,
                             ts: [h, h + q, h + 2 * q, h + 3 * q], open: [100, 101, 104, 100], high: [101, 106, 104, 103],
                             low: [99.5, 100, 99, 94], close: [101, 104, 100, 103], volume: [1, 1, 1, 1])
        #expect(try Self.exit(bars, .subBars, subBars: fine) == (105, .takeProfit))
        #expect(throws: SimulationError.missingSubBars) { try Self.exit(bars, .subBars) }
    }

    @Test func laterGapThroughTheStopFillsAtThatOpen() throws {
        let bars = hourly([(100, 100, 100, 100), (100, 101, 99, 100), (90, 91, 88, 89)])
        #expect(try Self.exit(bars, .worstCase) == (90, .stopLoss))  // open 90 ≤ 95
        let up = hourly([(100, 100, 100, 100), (100, 101, 99, 100), (110, 111, 108, 109)])
        #expect(try Self.exit(up, .worstCase) == (110, .takeProfit)) // open 110 ≥ 105: a gap fills at the open
    }

    @Test func exitsAreLiveOnTheEntryBar() throws {
        let bars = Self.bars(b1: (100, 100.5, 94, 99))  // entry at b1's open, stop 95 hit the same bar
        let (price, reason) = try Self.exit(bars, .worstCase)
        #expect(price == 95 && reason == .stopLoss)
    }
}
