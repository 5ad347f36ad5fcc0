import Foundation
import Testing
import MarketData
import Simulation
import Strategies

/// Every exit, sizing rule and risk limit on tiny hand-made bar sets, worked by hand from the
/// definitions (ExitRules, SizingRule, RiskManaged), on both engines: 10,000 cash, no fees, no
/// slippage, next-open fills unless stated; hourly bars from 2024-01-01 00:00 UTC. An entry
/// decided at bar 0's close fills at bar 1's open of 100 with all equity: 100 units.
@Suite struct ModifierHandCaseTests {
    typealias Row = (o: Double, h: Double, l: Double, c: Double)
    static func flat(_ p: Double) -> Row { (p, p + 1, p - 1, p) }
    static let start: Int64 = 1_704_067_200_000

    static func bars(_ rows: [Row]) -> BarSeries {
        BarSeries(instrument: Instrument(base: "TST", quote: "USDT", tickSize: 0.01, lotSize: 0, minNotional: 0), timeframe: .h1,
                  ts: rows.indices.map { start + Int64($0) * 3_600_000 }, open: rows.map(\.o), high: rows.map(\.h),
                  low: rows.map(\.l), close: rows.map(\.c), volume: Array(repeating: 1_000, count: rows.count))
    }

    /// The run on the event engine and on the vectorized engine.
    static func both(_ rows: [Row], _ signals: [Int: SignalFlags], _ text: [(String, String)], config: EngineConfig? = nil,
                     instrument: Instrument = Instrument(base: "TST", quote: "USDT", lotSize: 0), levels: ExitColumns = ExitColumns()) throws -> [BacktestResult] {
        let b = bars(rows)
        var c = EngineConfig()
        c.initialCash = 10_000
        c.fees = .flat(bps: 0)
        let config = config ?? c
        let flags = (0..<rows.count).map { signals[$0] ?? [] }
        let inner = PrecomputedSignals(signals: flags, levels: levels)
        let m = try Modifiers(text: text, periodsPerYear: b.periodsPerYear)
        let e = try EventEngine(config: config, slippage: NoSlippage()).run(m.apply(inner, instruments: [instrument]), bars: b)
        let v = try VectorizedEngine(config: config, slippage: NoSlippage()).run(m.vectorized(inner, instrument: instrument), bars: b)
        return [e, v]
    }

    static var closeFills: EngineConfig {
        var c = EngineConfig()
        c.initialCash = 10_000
        c.fees = .flat(bps: 0)
        c.fill = .close
        return c
    }

    // MARK: exits

    @Test func trailingStopIsLiveFromTheFillBar() throws {
        // Level 100 × (1 − 0.05) = 95 from bar 1 (the fill at its open); bar 1's low 94 reaches it.
        for r in try Self.both([Self.flat(100), (100, 101, 94, 99), Self.flat(99)], [0: .entryLong], [("trailing_stop", "0.05")]) {
            let t = try #require(r.trades.first)
            #expect(t.exitBar == 1 && abs(t.exitPrice! - 95) < 1e-9 && t.exitReason == .trailingStop)
            #expect(abs(t.pnl - -500) < 1e-9)
        }
    }

    @Test func trailingStopMovesAtClosesOnly() throws {
        // Bar 2 trades up to 121 but closes at 120: the level becomes 120 − 0.05 × 120 = 114 (not
        // 121 × 0.95 = 114.95); bar 3's low 113 fills it at 114: pnl 100 × 14 = 1,400.
        let rows: [Row] = [Self.flat(100), Self.flat(100), (100, 121, 99, 120), (118, 119, 113, 115), Self.flat(115)]
        for r in try Self.both(rows, [0: .entryLong], [("trailing_stop", "0.05")]) {
            let t = try #require(r.trades.first)
            #expect(t.exitBar == 3 && abs(t.exitPrice! - 114) < 1e-9 && t.exitReason == .trailingStop)
            #expect(abs(t.pnl - 1_400) < 1e-6)
        }
    }

    @Test func theTighterStopBindsAndNamesTheExit() throws {
        // stop_loss 0.05 → 95, trailing 0.03 → 97: the trailing level is tighter; bar 2's low 96
        // fills it at 97 (trailing_stop).
        let rows: [Row] = [Self.flat(100), Self.flat(100), (100, 101, 96, 98), Self.flat(98)]
        for r in try Self.both(rows, [0: .entryLong], [("stop_loss", "0.05"), ("trailing_stop", "0.03")]) {
            let t = try #require(r.trades.first)
            #expect(t.exitBar == 2 && abs(t.exitPrice! - 97) < 1e-9 && t.exitReason == .trailingStop)
        }
        // stop_loss 0.02 → 98, trailing 0.05 → 95: the fixed stop binds (stop_loss at 98).
        for r in try Self.both([Self.flat(100), Self.flat(100), (100, 101, 97, 99), Self.flat(99)], [0: .entryLong],
                               [("stop_loss", "0.02"), ("trailing_stop", "0.05")]) {
            let t = try #require(r.trades.first)
            #expect(t.exitBar == 2 && abs(t.exitPrice! - 98) < 1e-9 && t.exitReason == .stopLoss)
        }
    }

    @Test func timeStopAtTheCloseOfTheNthBarHeld() throws {
        // Next open: held bar 1 (first) and bar 2 (second); the exit queued at bar 2's close fills
        // at bar 3's open 103: pnl 300.
        let rows: [Row] = [Self.flat(100), Self.flat(100), Self.flat(101), (103, 104, 102, 103), Self.flat(104)]
        for r in try Self.both(rows, [0: .entryLong], [("max_bars", "2")]) {
            let t = try #require(r.trades.first)
            #expect(t.exitBar == 3 && t.exitPrice == 103 && t.exitReason == .timeStop && abs(t.pnl - 300) < 1e-9)
        }
        // Close fills: filled at bar 0's close 100; bars 1 and 2 are held; out at bar 2's close 101.
        for r in try Self.both(rows, [0: .entryLong], [("max_bars", "2")], config: Self.closeFills) {
            let t = try #require(r.trades.first)
            #expect(t.entryBar == 0 && t.exitBar == 2 && t.exitPrice == 101 && t.exitReason == .timeStop && abs(t.pnl - 100) < 1e-9)
        }
    }

    @Test func atrStopFromTheSignalBarsATR() throws {
        // Every bar has high − low = 2 and unchanged closes: ATR(2) = 2 from bar 1 on. Entry
        // decided at bar 3, filled at bar 4's open 100; stop 100 − 1.5 × 2 = 97; bar 5's low 96.
        let rows: [Row] = [Self.flat(100), Self.flat(100), Self.flat(100), Self.flat(100), Self.flat(100), (100, 101, 96, 97), Self.flat(97)]
        for r in try Self.both(rows, [3: .entryLong], [("atr_stop", "1.5"), ("atr_period", "2")]) {
            let t = try #require(r.trades.first)
            #expect(t.entryBar == 4 && t.exitBar == 5 && t.exitPrice == 97 && t.exitReason == .stopLoss)
        }
    }

    @Test func perBarTakeProfitIsReadAtTheSignalBar() throws {
        // The column holds 0.1 at the signal bar 0 and 0.5 later: the limit is 100 × 1.1 = 110,
        // reached by bar 2's high 111 (a 0.5 level, 150, would never fill).
        let rows: [Row] = [Self.flat(100), Self.flat(100), (100, 111, 99, 105), Self.flat(105)]
        let levels = ExitColumns(takeProfit: [0.1, 0.5, 0.5, 0.5])
        for r in try Self.both(rows, [0: .entryLong], [], levels: levels) {
            let t = try #require(r.trades.first)
            #expect(t.exitBar == 2 && abs(t.exitPrice! - 110) < 1e-9 && t.exitReason == .takeProfit && abs(t.pnl - 1_000) < 1e-6)
        }
    }

    // MARK: risk limits

    /// Long 100 units at 100 from bar 1, asked for again at every bar; closes 95 then 89.
    static let falling: [Row] = [flat(100), flat(100), flat(95), flat(89), flat(89), flat(90), flat(95), flat(100)]
    static let everyBar: [Int: SignalFlags] = Dictionary(uniqueKeysWithValues: (0..<8).map { ($0, SignalFlags.entryLong) })

    @Test func drawdownBreakerFlattensAndHalts() throws {
        for r in try Self.both(Self.falling, Self.everyBar, [("max_drawdown", "0.1")]) {
            // Equity 8,900 at bar 3's close ≤ 10,000 × 0.9 (drawdown 0.11): flattened at bar 4's open 89.
            let t = try #require(r.trades.first)
            #expect(r.trades.count == 1 && t.exitBar == 4 && t.exitPrice == 89 && t.exitReason == .riskLimit && abs(t.pnl - -1_100) < 1e-9)
            let first = try #require(r.riskEvents.first)
            #expect(first.rule == .maxDrawdown && first.action == .flattened && first.bar == 3 && abs(first.value - 0.11) < 1e-12 && first.limit == 0.1)
            // The entries asked for at bars 4…7 are refused, each of notional 1 × 8,900.
            let blocked = r.riskEvents.dropFirst()
            #expect(blocked.map(\.bar) == [4, 5, 6, 7] && blocked.allSatisfy { $0.rule == .maxDrawdown && $0.action == .blocked && $0.value == 8_900 })
            #expect(r.metrics.risk.count(.flattened) == 1 && r.metrics.risk.count(.blocked) == 4)
        }
    }

    @Test func drawdownHaltEndsAfterNBars() throws {
        for r in try Self.both(Self.falling, Self.everyBar, [("max_drawdown", "0.1"), ("halt_bars", "2")]) {
            // Tripped at bar 3; bar 4's entry refused; at bar 5 the halt is over (peak restarts at
            // 8,900) and the entry fills at bar 6's open 95 with 8,900 of equity.
            #expect(r.riskEvents.map(\.action) == [.flattened, .blocked, .resumed])
            #expect(r.riskEvents.map(\.bar) == [3, 4, 5] && r.riskEvents[2].value == 8_900 && r.riskEvents[2].limit == 2)
            #expect(r.trades.count == 2 && r.trades[1].entryBar == 6 && abs(r.trades[1].quantity - 8_900.0 / 95) < 1e-9)
        }
    }

    @Test func dailyLossHaltsUntilTheNextUTCDay() throws {
        // Close 94 at bar 2: equity 9,400 ≤ 10,000 × 0.95 (loss 0.06): flattened at bar 3's open
        // 94; entries of bars 3…23 refused; bar 24 opens the next UTC day (day start 9,400) and
        // its entry fills at bar 25.
        let rows: [Row] = [Self.flat(100), Self.flat(100), Self.flat(94)] + Array(repeating: Self.flat(94), count: 27)
        let signals = Dictionary(uniqueKeysWithValues: (0..<rows.count).map { ($0, SignalFlags.entryLong) })
        for r in try Self.both(rows, signals, [("daily_loss", "0.05")]) {
            let first = try #require(r.riskEvents.first)
            #expect(first.rule == .dailyLoss && first.action == .flattened && first.bar == 2 && abs(first.value - 0.06) < 1e-12)
            #expect(r.riskEvents.filter { $0.action == .blocked }.map(\.bar) == Array(3...23))
            let resumed = try #require(r.riskEvents.first { $0.action == .resumed })
            #expect(resumed.bar == 24 && resumed.value == 9_400)
            #expect(r.trades.count == 2 && r.trades[0].exitBar == 3 && r.trades[0].exitPrice == 94 && r.trades[1].entryBar == 25)
        }
    }

    @Test func capsClipTheEntry() throws {
        let rows: [Row] = [Self.flat(100), Self.flat(100), Self.flat(100)]
        // 1 × 10,000 of notional asked; max_position 0.5 allows 5,000: 50 units.
        for r in try Self.both(rows, [0: .entryLong], [("max_position", "0.5")]) {
            #expect(r.fills.count == 1 && abs(r.fills[0].quantity - 50) < 1e-9)
            #expect(r.riskEvents.count == 1 && r.riskEvents[0].rule == .maxPosition && r.riskEvents[0].action == .clipped
                    && r.riskEvents[0].value == 10_000 && r.riskEvents[0].limit == 5_000)
        }
        // With max_leverage 0.3 as well, 3,000 binds first: 30 units, recorded as max_leverage.
        for r in try Self.both(rows, [0: .entryLong], [("max_position", "0.5"), ("max_leverage", "0.3")]) {
            #expect(r.fills.count == 1 && abs(r.fills[0].quantity - 30) < 1e-9)
            #expect(r.riskEvents.map(\.rule) == [.maxLeverage] && r.riskEvents[0].limit == 3_000)
        }
    }

    // MARK: sizing

    @Test func fixedSizes() throws {
        let rows: [Row] = [Self.flat(100), Self.flat(100), Self.flat(100)]
        // fixed_cash 2,000 at the decision close 100: 20 units.
        for r in try Self.both(rows, [0: .entryLong], [("sizing", "fixed_cash"), ("size_cash", "2000")]) { #expect(r.fills.map(\.quantity) == [20]) }
        // fixed_quantity 7 units.
        for r in try Self.both(rows, [0: .entryLong], [("sizing", "fixed_quantity"), ("size_quantity", "7")]) { #expect(r.fills.map(\.quantity) == [7]) }
        // fixed_fraction 0.25: 0.25 × 10,000 / 100 = 25 units.
        for r in try Self.both(rows, [0: .entryLong], [("sizing", "fixed_fraction"), ("size_fraction", "0.25")]) { #expect(r.fills.map(\.quantity) == [25]) }
        // fixed_risk 1 % with the stop 5 % away: 0.01 × 10,000 / (0.05 × 100) = 20 units.
        for r in try Self.both(rows, [0: .entryLong], [("sizing", "fixed_risk"), ("risk", "0.01"), ("stop_loss", "0.05")]) {
            #expect(r.fills.count == 1 && abs(r.fills[0].quantity - 20) < 1e-9)
        }
        // With a 2 % trailing stop as well, the tightest stop (2 away) sets the risk: 100 / 2 = 50 units.
        for r in try Self.both(rows, [0: .entryLong], [("sizing", "fixed_risk"), ("risk", "0.01"), ("stop_loss", "0.05"), ("trailing_stop", "0.02")]) {
            #expect(r.fills.count == 1 && abs(r.fills[0].quantity - 50) < 1e-9)
        }
        // Without any stop it assumes risk_stop 0.04: 100 / 4 = 25 units.
        for r in try Self.both(rows, [0: .entryLong], [("sizing", "fixed_risk"), ("risk", "0.01"), ("risk_stop", "0.04")]) {
            #expect(r.fills.count == 1 && abs(r.fills[0].quantity - 25) < 1e-9)
        }
    }

    @Test func kellyFromTheColumnsOwnTrades() throws {
        // Window 2, 2 trades needed, fallback 0.1, full Kelly.
        // Trade 1: 0.1 × 10,000 / 100 = 10 units at 100 (bar 1), out at 110 (bar 3): r = +0.1.
        // Trade 2: decided at bar 3's close 100 with equity 10,100: 10.1 units, filled at 100
        //          (bar 4), out at 95 (bar 6): pnl −50.5, r = −0.05.
        // Trade 3: W = 0.5, R = 0.1 / 0.05 = 2, K = 0.5 − 0.5 / 2 = 0.25; equity at bar 6's close
        //          100 is 10,049.5: 0.25 × 10,049.5 / 100 = 25.12375 units.
        let rows: [Row] = [Self.flat(100), Self.flat(100), (100, 111, 99, 110), (110, 111, 99, 100), Self.flat(100),
                           (100, 101, 94, 95), (95, 101, 94, 100), Self.flat(100), Self.flat(100)]
        let signals: [Int: SignalFlags] = [0: .entryLong, 2: .exitLong, 3: .entryLong, 5: .exitLong, 6: .entryLong]
        let text = [("sizing", "kelly"), ("kelly_window", "2"), ("kelly_min_trades", "2"), ("kelly_fallback", "0.1"),
                    ("kelly_multiplier", "1"), ("size_cap", "1")]
        for r in try Self.both(rows, signals, text) {
            let entries = r.fills.filter { $0.side == .buy }.map(\.quantity)
            #expect(entries.count == 3)
            #expect(abs(entries[0] - 10) < 1e-9 && abs(entries[1] - 10.1) < 1e-9 && abs(entries[2] - 25.12375) < 1e-9)
        }
    }

    @Test func volatilityTargetAfterItsWarmUp() throws {
        // Closes alternate 100 and 110: every log return is ±ln 1.1, so over a window of 4 the
        // population σ is ln 1.1 per bar, × √8,760 a year. Target 0.5: fraction 0.5 / σ.
        // The entry at bar 2 (2 returns known) is refused (sizing); the one at bar 5 spends the
        // fraction of equity at close 110.
        let rows: [Row] = (0..<8).map { i in Self.flat(i % 2 == 0 ? 100 : 110) }
        let text = [("sizing", "vol_target"), ("vol_target", "0.5"), ("vol_window", "4")]
        let sigma = log(1.1) * 8_760.0.squareRoot()
        for r in try Self.both(rows, [2: .entryLong, 5: .entryLong], text) {
            #expect(r.riskEvents.count == 1 && r.riskEvents[0].rule == .sizing && r.riskEvents[0].bar == 2)
            #expect(r.fills.count == 1 && r.fills[0].bar == 6)
            #expect(abs(r.fills[0].quantity - 0.5 / sigma * 10_000 / 110) < 1e-9)
        }
    }

    // MARK: refused orders

    @Test func refusalsAreRecordedWithTheirNumbers() throws {
        let rows: [Row] = [Self.flat(100), Self.flat(100), Self.flat(100)]
        // fixed_cash 4 at 100 is 0.04 units, notional 4 < the instrument's minimum 5.
        let small = Instrument(base: "TST", quote: "USDT", lotSize: 0, minNotional: 5)
        for r in try Self.both(rows, [0: .entryLong], [("sizing", "fixed_cash"), ("size_cash", "4")], instrument: small) {
            #expect(r.fills.isEmpty && r.riskEvents.map(\.rule) == [.minNotional] && r.riskEvents[0].action == .blocked)
            #expect(abs(r.riskEvents[0].value - 4) < 1e-12 && r.riskEvents[0].limit == 5)
        }
        // 0.2 units round down to zero lots of 0.3.
        let lots = Instrument(base: "TST", quote: "USDT", lotSize: 0.3, minNotional: 0)
        for r in try Self.both(rows, [0: .entryLong], [("sizing", "fixed_quantity"), ("size_quantity", "0.2")], instrument: lots) {
            #expect(r.fills.isEmpty && r.riskEvents.map(\.rule) == [.lotSize] && r.riskEvents[0].value == 0.2 && r.riskEvents[0].limit == 0.3)
        }
        // 150 units at 100 = 15,000 of exposure against 10,000 of equity: rejected at the fill (bar 1).
        for r in try Self.both(rows, [0: .entryLong], [("sizing", "fixed_quantity"), ("size_quantity", "150")]) {
            #expect(r.fills.isEmpty && r.riskEvents.count == 1)
            let e = r.riskEvents[0]
            #expect(e.rule == .margin && e.action == .rejected && e.bar == 1 && e.value == 15_000 && e.limit == 10_000)
        }
        // The engine's own minimum notional 50: fraction 0.004 buys 0.4 units, 40 of notional.
        var config = EngineConfig()
        config.initialCash = 10_000
        config.fees = .flat(bps: 0)
        config.minNotional = 50
        for r in try Self.both(rows, [0: .entryLong], [("sizing", "fixed_fraction"), ("size_fraction", "0.004")], config: config) {
            #expect(r.fills.isEmpty && r.riskEvents.map(\.rule) == [.minNotional] && r.riskEvents[0].action == .rejected)
            #expect(abs(r.riskEvents[0].value - 40) < 1e-9 && r.riskEvents[0].limit == 50)
        }
    }
}
