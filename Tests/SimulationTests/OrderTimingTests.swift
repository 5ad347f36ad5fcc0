import Testing
import MarketData
import Simulation
import Strategies

/// `OrderTiming` in the event engine: a trading start before which arriving orders are refused
/// (and the strategy told), and a latency in bars for every command. Fees are zero; each
/// expected price is read off the bars below.
@Suite struct OrderTimingTests {
    let bars = hourly([
        (100, 101, 99, 100),    // b0
        (100, 105, 98, 104),    // b1
        (95, 97, 90, 96),       // b2: gaps down to 95, low 90
        (96, 112, 95, 110),     // b3
        (110, 111, 100, 101),   // b4
    ])
    let hour: Int64 = 3_600_000

    func run(_ script: Script, timing: OrderTiming, config: EngineConfig = .plain()) throws -> BacktestResult {
        try EventEngine(config: config, slippage: NoSlippage()).run(script, bars: bars, timing: timing)
    }

    @Test func ordersArrivingBeforeTheTradingStartAreRejectedAndTheStrategyIsTold() throws {
        let buy = Action.submit(.market(.buy, .quantity(1)))
        let s = Script([(0, buy), (1, buy), (2, buy)])
        let r = try run(s, timing: OrderTiming(tradingStart: 2 * hour))
        // Orders 0 and 1 reach the book at the closes of b0 and b1, before b2 opens at 2h.
        #expect(s.statuses(0) == [.rejected(.beforeTradingStart)] && s.statuses(1) == [.rejected(.beforeTradingStart)])
        #expect(s.log.updates.filter { $0.orderID < 2 }.map(\.bar) == [0, 1])
        // Order 2, decided at b2's close, fills at open[3] = 96; equity is untouched until then.
        #expect(s.statuses(2) == [.accepted, .filled])
        #expect(r.fills.map(\.bar) == [3] && r.fills.map(\.price) == [96])
        #expect(r.equity[..<3].allSatisfy { $0 == 10_000 })
        #expect(r.orderUpdates.filter { $0.status == .rejected(.beforeTradingStart) }.count == 2)

        // With close fills the order accepted at b2 fills at close[2] = 96 at once.
        var config = EngineConfig.plain()
        config.fill = .close
        let c = Script([(1, buy), (2, buy)])
        let rc = try run(c, timing: OrderTiming(tradingStart: 2 * hour), config: config)
        #expect(c.statuses(0) == [.rejected(.beforeTradingStart)])
        #expect(rc.fills.map(\.bar) == [2] && rc.fills.map(\.price) == [96])
    }

    @Test func aLatencyDelaysEveryOrderByThatManyBars() throws {
        // Decided at b0's close, arriving at b1's close: live from b2, fills at open[2] = 95.
        let s = Script([(0, .submit(.market(.buy, .quantity(1))))])
        let r = try run(s, timing: OrderTiming(latencyBars: 1))
        #expect(r.fills.map(\.bar) == [2] && r.fills.map(\.price) == [95])
        #expect(s.log.updates.map(\.bar) == [1, 2])                 // accepted on arrival at b1, filled at b2
        // Two bars late: open[3] = 96. With close fills, one bar late: close[1] = 104.
        #expect(try run(Script([(0, .submit(.market(.buy, .quantity(1))))]), timing: OrderTiming(latencyBars: 2)).fills.map(\.price) == [96])
        var config = EngineConfig.plain()
        config.fill = .close
        let rc = try run(Script([(0, .submit(.market(.buy, .quantity(1))))]), timing: OrderTiming(latencyBars: 1), config: config)
        #expect(rc.fills.map(\.bar) == [1] && rc.fills.map(\.price) == [104])
    }

    @Test func commandsArriveInTheOrderTheyWereSentSoALateCancelFindsAFilledOrder() throws {
        let limit = Action.submit(OrderRequest(side: .buy, size: .quantity(1), kind: .limit(price: 96)))
        // At once: live from b1 (low 98 > 96, no fill), cancelled at b1's close.
        let now = Script([(0, limit), (1, .cancel(0))])
        #expect(try run(now, timing: .immediate).fills.isEmpty)
        #expect(now.statuses(0) == [.accepted, .cancelled])
        // One bar late: the limit arrives at b1's close and b2 opens at 95 ≤ 96, so it fills at
        // the open; the cancel sent at b1 arrives at b2's close and finds nothing to cancel.
        let late = Script([(0, limit), (1, .cancel(0))])
        let r = try run(late, timing: OrderTiming(latencyBars: 1))
        #expect(r.fills.map(\.bar) == [2] && r.fills.map(\.price) == [95])
        #expect(late.statuses(0) == [.accepted, .filled, .rejected(.unknownOrder)])
    }

    @Test func bracketExitsOfADelayedEntryAreLiveFromItsFill() throws {
        // The entry arrives at b1's close and fills at open[2] = 95; its 5 % stop at 90.25 is
        // live from that fill, and b2's low of 90 reaches it inside the same bar.
        let entry = OrderRequest.market(.buy, .quantity(1), bracket: BracketExits(stopLoss: .fraction(0.05)))
        let s = Script([(0, .submit(entry))])
        let r = try run(s, timing: OrderTiming(latencyBars: 1))
        #expect(r.fills.map(\.bar) == [2, 2])
        #expect(r.fills[0].price == 95 && abs(r.fills[1].price - 90.25) < 1e-12)
        #expect(r.trades.map(\.exitReason) == [.stopLoss])
    }

    @Test func aNegativeLatencyIsRefusedBeforeTheRun() {
        #expect(throws: SimulationError.invalidConfig("order latency must not be negative, got -1 bars")) {
            try run(Script([]), timing: OrderTiming(latencyBars: -1))
        }
    }

    typealias Action = Script.Action
}
