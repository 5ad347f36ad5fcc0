import Testing
import MarketData
import Simulation
import Strategies

/// Protective exits as real orders in the event engine, on tiny synthetic bar sets (no fees,
/// 10,000 cash, next-open fills; an entry at bar 0's close fills at bar 1's open of 100 for
/// 100 units).
@Suite struct ExitTests {
    typealias Row = (o: Double, h: Double, l: Double, c: Double)
    let flat = StrategyTestData.flat

    func run(_ rows: [Row], _ exits: ExitRules, signals: [SignalFlags]? = nil) throws -> BacktestResult {
        let bars = StrategyTestData.bars(rows)
        let inner = PrecomputedSignals(signals: signals ?? ([.entryLong] + Array(repeating: [], count: rows.count - 1)))
        return try StrategyTestData.event(ProtectiveExits(inner, exits: exits), bars)
    }

    @Test func fixedStopLoss() throws {
        // Stop at 100 × (1 − 0.05) = 95, live from bar 2; bar 2's low 94 touches it: exit at 95.
        let r = try run([flat(100), flat(100), (100, 101, 94, 96), flat(90)], ExitRules(stopLoss: 0.05))
        let t = try #require(r.trades.first)
        #expect(r.trades.count == 1)
        #expect(t.entryPrice == 100 && t.quantity == 100)
        #expect(t.exitBar == 2 && t.exitPrice == 95 && t.exitReason == .stopLoss)
        #expect(abs(t.pnl - -500) < 1e-9)
    }

    @Test func takeProfit() throws {
        // Limit at 110; bar 2 trades up to 111: exit at 110, pnl +1,000.
        let r = try run([flat(100), flat(100), (100, 111, 99, 105), flat(105)], ExitRules(takeProfit: 0.1))
        let t = try #require(r.trades.first)
        #expect(t.exitBar == 2 && abs(t.exitPrice! - 110) < 1e-9 && t.exitReason == .takeProfit)
        #expect(abs(t.pnl - 1_000) < 1e-6)
    }

    @Test func stopAndTargetAreOneCancelsOther() throws {
        // Take-profit 110 fills at bar 2; the stop at 95 is cancelled, so bar 3's low of 80 does nothing.
        let r = try run([flat(100), flat(100), (100, 111, 99, 105), (105, 106, 80, 85), flat(85)],
                        ExitRules(stopLoss: 0.05, takeProfit: 0.1))
        #expect(r.fills.count == 2)
        #expect(r.trades.count == 1 && r.trades[0].exitReason == .takeProfit)
    }

    @Test func timeStopAfterNBars() throws {
        // Held from bar 1 (first bar) and bar 2 (second): the exit is queued at bar 2's close and
        // fills at bar 3's open, 103.
        let r = try run([flat(100), flat(100), flat(101), (103, 104, 102, 103), flat(104)], ExitRules(maxBars: 2))
        let t = try #require(r.trades.first)
        #expect(t.exitBar == 3 && t.exitPrice == 103 && t.exitReason == .timeStop)
        #expect(abs(t.pnl - 300) < 1e-9)
    }

    @Test func trailingStopFollowsTheCloses() throws {
        // Best close 120 at bar 2 → level 120 × 0.95 = 114; bar 3's low 113 touches it: exit at 114.
        let r = try run([flat(100), flat(100), (100, 121, 99, 120), (118, 119, 113, 115), flat(115)], ExitRules(trailing: 0.05))
        let t = try #require(r.trades.first)
        #expect(t.exitBar == 3 && abs(t.exitPrice! - 114) < 1e-9 && t.exitReason == .trailingStop)
        #expect(abs(t.pnl - 1_400) < 1e-6)
    }

    @Test func atrStop() throws {
        // Every bar has high − low = 2 and unchanged closes, so every true range and ATR(2) is 2.
        // Entry signal at bar 3, fill at bar 4's open 100; stop at 100 − 1.5 × 2 = 97; bar 5's low 96.
        let rows: [Row] = [flat(100), flat(100), flat(100), flat(100), flat(100), (100, 101, 96, 97), flat(97)]
        var signals = [SignalFlags](repeating: [], count: rows.count)
        signals[3] = .entryLong
        let r = try run(rows, ExitRules(atrStop: 1.5, atrPeriod: 2), signals: signals)
        let t = try #require(r.trades.first)
        #expect(t.entryBar == 4 && t.exitBar == 5 && t.exitPrice == 97 && t.exitReason == .stopLoss)
    }

    @Test func signalExitCancelsTheProtectiveOrders() throws {
        // Entry at bar 1, signal exit queued at bar 2's close, filled at bar 3's open 100; the stop at
        // 95 is cancelled, so bar 4's dip to 80 does not fill anything and no short appears.
        let rows: [Row] = [flat(100), flat(100), flat(100), flat(100), (100, 101, 80, 85), flat(85)]
        let r = try run(rows, ExitRules(stopLoss: 0.05), signals: [.entryLong, [], .exitLong, [], [], []])
        #expect(r.fills.count == 2)
        #expect(r.trades.count == 1 && r.trades[0].exitReason == .signal && r.trades[0].exitBar == 3)
        #expect(r.orderUpdates.contains { $0.status == .cancelled })
    }

    @Test func shortsMirror() throws {
        // Short 100 at 100; stop at 105, target at 90. Bar 2 reaches 89: exit at 90, pnl +1,000.
        let rows: [Row] = [flat(100), flat(100), (100, 101, 89, 92), flat(92)]
        let r = try run(rows, ExitRules(stopLoss: 0.05, takeProfit: 0.1), signals: [.entryShort, [], [], []])
        let t = try #require(r.trades.first)
        #expect(t.direction == -1 && t.exitPrice == 90 && t.exitReason == .takeProfit)
        #expect(abs(t.pnl - 1_000) < 1e-9)
    }

    @Test func invalidRulesAreRefused() {
        #expect(throws: StrategyError.self) { try ProtectiveExits(BuyAndHold(), exits: ExitRules(stopLoss: 1.5)) }
        #expect(throws: StrategyError.self) { try ProtectiveExits(BuyAndHold(), exits: ExitRules(maxBars: 0)) }
    }
}
