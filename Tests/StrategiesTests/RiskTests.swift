import Testing
import MarketData
import Simulation
import Strategies

/// Risk limits acting through the event engine on tiny synthetic bar sets (no fees, 10,000 cash,
/// next-open fills). The wrapped strategy asks to be long at every bar.
@Suite struct RiskTests {
    typealias Row = (o: Double, h: Double, l: Double, c: Double)
    let flat = StrategyTestData.flat

    func alwaysLong(_ n: Int) -> PrecomputedSignals { PrecomputedSignals(signals: Array(repeating: .entryLong, count: n)) }

    /// Long 100 units at 100 from bar 1; closes 95 then 89 (drawdown 5 %, then 11 %).
    var falling: [Row] { [flat(100), flat(100), flat(95), flat(89), flat(89), flat(90), flat(95), flat(100)] }

    @Test func drawdownBreakerFlattensAndHaltsForGood() throws {
        let bars = StrategyTestData.bars(falling)
        let s = try RiskManaged(alwaysLong(bars.count), limits: RiskLimits(maxDrawdown: 0.1))
        let r = try StrategyTestData.event(s, bars)
        // Equity 8,900 at bar 3's close ≤ 10,000 × 0.9: flatten, filled at bar 4's open 89.
        #expect(r.fills.count == 2)
        let t = try #require(r.trades.first)
        #expect(t.exitBar == 4 && t.exitPrice == 89 && abs(t.pnl - -1_100) < 1e-9)
        let first = try #require(r.riskEvents.first)
        #expect(first.rule == .maxDrawdown && first.action == .flattened && first.ts == bars.ts[3])
        #expect(first.reason.contains("drawdown"))
        // The re-entries asked for at bars 4…7 are refused.
        let blocked = r.riskEvents.dropFirst()
        #expect(blocked.count == 4 && blocked.allSatisfy { $0.rule == .maxDrawdown && $0.action == .blocked })
        #expect(blocked.map(\.ts) == Array(bars.ts[4...7]))
        // Each refused entry is sent with quantity 0 and rejected by the engine as it arrives.
        #expect(r.orderUpdates.filter { $0.status == .rejected(.zeroQuantity) }.count == 4)
    }

    @Test func drawdownHaltEndsAfterNBars() throws {
        let bars = StrategyTestData.bars(falling)
        let s = try RiskManaged(alwaysLong(bars.count), limits: RiskLimits(maxDrawdown: 0.1, haltBars: 2))
        let r = try StrategyTestData.event(s, bars)
        // Tripped at bar 3; bar 4's entry refused; at bar 5 the halt is over and the entry goes
        // through, filled at bar 6's open 95 with all 8,900 of equity: 93.684… units.
        #expect(r.riskEvents.map(\.action) == [.flattened, .blocked, .resumed])
        #expect(r.riskEvents.map(\.ts) == [bars.ts[3], bars.ts[4], bars.ts[5]])
        #expect(r.trades.count == 2)
        let second = r.trades[1]
        #expect(second.entryBar == 6 && second.entryPrice == 95 && abs(second.quantity - 8_900.0 / 95) < 1e-9)
    }

    @Test func dailyLossHaltsUntilTheNextUTCDay() throws {
        // Hourly bars from 00:00 UTC. Close 94 at bar 2: equity 9,400 ≤ 10,000 × 0.95.
        let rows: [Row] = [flat(100), flat(100), flat(94)] + Array(repeating: flat(94), count: 27)
        let bars = StrategyTestData.bars(rows)
        let s = try RiskManaged(alwaysLong(bars.count), limits: RiskLimits(maxDailyLoss: 0.05))
        let r = try StrategyTestData.event(s, bars)
        #expect(r.riskEvents.first?.rule == .dailyLoss && r.riskEvents.first?.action == .flattened && r.riskEvents.first?.ts == bars.ts[2])
        // Entries at bars 3…23 refused; bar 24 opens the next UTC day.
        #expect(r.riskEvents.filter { $0.action == .blocked }.count == 21)
        let resumed = try #require(r.riskEvents.first { $0.action == .resumed })
        #expect(resumed.ts == bars.ts[24] && resumed.rule == .dailyLoss)
        #expect(r.trades.count == 2)
        #expect(r.trades[0].exitBar == 3 && r.trades[0].exitPrice == 94)
        #expect(r.trades[1].entryBar == 25)
    }

    @Test func maxPositionClipsTheEntry() throws {
        let bars = StrategyTestData.bars([flat(100), flat(100), flat(100)])
        let s = try RiskManaged(BuyAndHold(fraction: 1), limits: RiskLimits(maxPositionFraction: 0.5))
        let r = try StrategyTestData.event(s, bars)
        // 1 × 10,000 of notional asked, 0.5 × 10,000 allowed: 5,000 / 100 = 50 units.
        #expect(r.fills.count == 1 && abs(r.fills[0].quantity - 50) < 1e-9)
        #expect(r.riskEvents.count == 1 && r.riskEvents[0].rule == .maxPosition && r.riskEvents[0].action == .clipped)
    }

    @Test func maxLeverageClipsAcrossSymbols() throws {
        let a = StrategyTestData.bars([flat(100), flat(100), flat(100)])
        let s = try RiskManaged(EnterAll(fraction: 0.25), limits: RiskLimits(maxLeverage: 0.3))
        let r = try StrategyTestData.event(s, [a, a])
        // First entry 2,500 fits; the second has 3,000 − 2,500 = 500 of room: 5 units at 100.
        #expect(r.fills.map(\.quantity) == [25, 5])
        #expect(r.riskEvents.count == 1 && r.riskEvents[0].rule == .maxLeverage && r.riskEvents[0].symbol == 1)
    }

    @Test func maxOpenPositionsRefusesTheSecond() throws {
        let a = StrategyTestData.bars([flat(100), flat(100), flat(100)])
        let s = try RiskManaged(EnterAll(fraction: 0.25), limits: RiskLimits(maxOpenPositions: 1))
        let r = try StrategyTestData.event(s, [a, a])
        #expect(r.fills.count == 1 && r.fills[0].symbol == 0)
        #expect(r.riskEvents.count == 1 && r.riskEvents[0].rule == .maxOpenPositions && r.riskEvents[0].action == .blocked)
        #expect(r.orderUpdates.contains { $0.symbol == 1 && $0.status == .rejected(.zeroQuantity) })
    }

    @Test func invalidLimitsAreRefused() {
        #expect(throws: StrategyError.self) { try RiskManaged(BuyAndHold(), limits: RiskLimits(maxDrawdown: 1.2)) }
        #expect(throws: StrategyError.self) { try RiskManaged(BuyAndHold(), limits: RiskLimits(maxOpenPositions: 0)) }
    }
}

/// A flip (close then entry the other way) is policed like an entry.
@Suite struct RiskFlipTests {
    @Test func theEntryOfAFlipIsHalted() throws {
        // Long from bar 1 at 100; the close of 89 at bar 3 trips a 10 % breaker for good. The flip
        // signal at bar 3 (close the long, open a short) keeps its close but loses its entry.
        let f = StrategyTestData.flat
        let bars = StrategyTestData.bars([f(100), f(100), f(95), f(89), f(89), f(89)])
        let signals: [SignalFlags] = [.entryLong, [], [], [.exitLong, .entryShort], [], []]
        let s = try RiskManaged(PrecomputedSignals(signals: signals), limits: RiskLimits(maxDrawdown: 0.1))
        let r = try StrategyTestData.event(s, bars)
        #expect(r.fills.count == 2 && r.fills[1].side == .sell && r.fills[1].bar == 4)
        #expect(r.trades.count == 1 && !r.trades.contains { $0.direction < 0 })
        #expect(r.riskEvents.map(\.rule) == [.maxDrawdown, .maxDrawdown] && r.riskEvents.map(\.action) == [.flattened, .blocked])
    }

    @Test func aFlipDoesNotCountTwiceAgainstMaxOpenPositions() throws {
        let f = StrategyTestData.flat
        let bars = StrategyTestData.bars([f(100), f(100), f(101), f(102), f(102)])
        let signals: [SignalFlags] = [.entryLong, [], [.exitLong, .entryShort], [], []]
        let s = try RiskManaged(PrecomputedSignals(signals: signals), limits: RiskLimits(maxOpenPositions: 1))
        let r = try StrategyTestData.event(s, bars)
        // Long at bar 1, flipped to short at bar 3: one position at a time, nothing refused.
        #expect(r.riskEvents.isEmpty)
        #expect(r.trades.count == 2 && r.trades[1].direction == -1 && r.trades[1].entryBar == 3)
    }
}
