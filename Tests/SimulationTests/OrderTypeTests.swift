import Testing
import MarketData
import Simulation
import Strategies

/// Hand-computed fills for each order type (docs/ARCHITECTURE.md, Semantics). Fees are zero unless a test
/// says otherwise; every expected price is worked out in the comment next to it.
@Suite struct OrderTypeTests {
    // b0 decides; b1 is the first live bar.
    let bars = hourly([
        (100, 101, 99, 100),    // b0
        (100, 105, 98, 104),    // b1: up bar, range 98…105
        (95, 97, 90, 96),       // b2: gaps down to 95
        (96, 112, 95, 110),     // b3
        (110, 111, 100, 101),   // b4
    ])

    @Test func marketFillsAtTheNextOpenOrAtTheCloseByOptIn() throws {
        let s = Script([(0, .submit(.market(.buy, .quantity(2))))])
        let r = try runScript(s, bars)
        #expect(r.fills.map(\.price) == [100] && r.fills[0].bar == 1)   // open[1] = 100
        var config = EngineConfig.plain()
        config.fill = .close
        let s2 = Script([(1, .submit(.market(.buy, .quantity(2))))])
        let r2 = try runScript(s2, bars, config: config)
        #expect(r2.fills.map(\.price) == [104] && r2.fills[0].bar == 1)  // close[1] = 104
        #expect(r2.fill == .close && r.fill == .nextOpen)
    }

    @Test func buyLimitTouchedInsideTheBarFillsAtTheLimitAsMaker() throws {
        let config = EngineConfig.plain(fees: FeeModel(makerBps: 2, takerBps: 10))
        let s = Script([(0, .submit(OrderRequest(side: .buy, size: .quantity(1), kind: .limit(price: 99))))])
        let r = try runScript(s, bars, config: config)
        #expect(r.fills.count == 1)
        #expect(r.fills[0].price == 99 && r.fills[0].bar == 1)           // open 100 > 99, low 98 ≤ 99 → 99
        #expect(r.fills[0].liquidity == .maker)
        #expect(abs(r.fills[0].fee - 99 * 0.0002) < 1e-12)             // 2 bps of 99
    }

    @Test func buyLimitGappedThroughFillsAtTheOpen() throws {
        let s = Script([(1, .submit(OrderRequest(side: .buy, size: .quantity(1), kind: .limit(price: 97))))])
        let r = try runScript(s, bars)
        #expect(r.fills.map(\.price) == [95] && r.fills[0].bar == 2)     // open[2] = 95 ≤ 97 → the open
    }

    @Test func sellStopGappedThroughFillsAtTheOpenThenSlips() throws {
        let s = Script([(0, .submit(.market(.buy, .quantity(1)))),
                        (1, .submit(OrderRequest(side: .sell, size: .quantity(1), kind: .stop(trigger: 97))))])
        let r = try runScript(s, bars, slippage: FixedSlippage(bps: 10))
        #expect(r.fills.count == 2)
        #expect(abs(r.fills[0].price - 100.1) < 1e-12)                   // 100 × 1.001
        #expect(abs(r.fills[1].price - 94.905) < 1e-12)                  // gap: open 95 ≤ 97 → 95 × 0.999
        #expect(r.fills[1].bar == 2 && r.fills[1].liquidity == .taker)
    }

    @Test func buyStopTouchedInsideTheBarFillsAtTheStop() throws {
        let s = Script([(0, .submit(OrderRequest(side: .buy, size: .quantity(1), kind: .stop(trigger: 103))))])
        let r = try runScript(s, bars)
        #expect(r.fills.map(\.price) == [103] && r.fills[0].bar == 1)    // open 100 < 103 ≤ high 105
    }

    @Test func stopLimitTriggersThenFillsWithinItsLimit() throws {
        // Trigger 103 ≤ limit 104: marketable at the trigger → 103 on b1.
        let s = Script([(0, .submit(OrderRequest(side: .buy, size: .quantity(1), kind: .stopLimit(trigger: 103, limit: 104))))])
        #expect(try runScript(s, bars).fills.map(\.price) == [103])
        // Sell stop-limit trigger 97 limit 96 placed at b1: b2 gaps to 95 (< 96, not marketable),
        // rests as a sell limit 96; the same bar's high 97 comes later → fills at 96.
        let s2 = Script([(0, .submit(.market(.buy, .quantity(1)))),
                         (1, .submit(OrderRequest(side: .sell, size: .quantity(1), kind: .stopLimit(trigger: 97, limit: 96))))])
        let r2 = try runScript(s2, bars)
        #expect(r2.fills.map(\.price) == [100, 96] && r2.fills[1].bar == 2)
        #expect(s2.statuses(1).contains(.triggered))
        // Trigger 99 limit 98: b2 gaps to 95 and its high 97 stays below 98, so it rests as a
        // limit; b3 (open 96, high 112) reaches 98 → fills at 98.
        let s3 = Script([(0, .submit(.market(.buy, .quantity(1)))),
                         (1, .submit(OrderRequest(side: .sell, size: .quantity(1), kind: .stopLimit(trigger: 99, limit: 98))))])
        let r3 = try runScript(s3, bars)
        #expect(r3.fills.map(\.price) == [100, 98] && r3.fills[1].bar == 3)
        #expect(s3.statuses(1) == [.accepted, .triggered, .filled])
    }

    @Test func trailingStopMovesAtClosesOnly() throws {
        let rows: [(Double, Double, Double, Double)] = [
            (100, 100, 100, 100),   // b0: trail 10 % set at close 100 → 90
            (100, 130, 99, 110),    // b1: the high 130 does not move it; close 110 → 99
            (108, 109, 98, 100),    // b2: low 98 ≤ 99 → fills at 99
        ]
        let s = Script([(0, .submit(.market(.buy, .quantity(1)))),
                        (0, .submit(OrderRequest(side: .sell, size: .quantity(1), kind: .trailingStop(distance: .percent(0.1)))))])
        let r = try runScript(s, hourly(rows))
        #expect(r.fills.map(\.price) == [100, 99] && r.fills[1].bar == 2)
        #expect(r.trades[0].exitReason == .trailingStop)
        // By amount: 5 below the close. b1 close 110 → 105; b2 opens 108, low 98 → 105.
        let s2 = Script([(0, .submit(.market(.buy, .quantity(1)))),
                         (0, .submit(OrderRequest(side: .sell, size: .quantity(1), kind: .trailingStop(distance: .amount(5)))))])
        #expect(try runScript(s2, hourly(rows)).fills.map(\.price) == [100, 105])
    }

    @Test func ocoGroupFirstFillCancelsTheRest() throws {
        let s = Script([(0, .submit(OrderRequest(side: .buy, size: .quantity(1), kind: .stop(trigger: 104), ocoGroup: 7))),
                        (0, .submit(OrderRequest(side: .buy, size: .quantity(1), kind: .limit(price: 91), ocoGroup: 7)))])
        let r = try runScript(s, bars)
        #expect(r.fills.map(\.price) == [104])                          // b1 high 105 ≥ 104
        #expect(s.statuses(1) == [.accepted, .cancelled])             // the limit at 91 would have filled on b2
    }

    @Test func cancelAndReplace() throws {
        let s = Script([(0, .submit(OrderRequest(side: .buy, size: .quantity(1), kind: .limit(price: 80)))),
                        (1, .replace(0, price: 96, quantity: 2)),
                        (0, .submit(OrderRequest(side: .buy, size: .quantity(1), kind: .limit(price: 80)))),
                        (1, .cancel(1)),
                        (1, .cancel(42))])
        let r = try runScript(s, bars)
        #expect(r.fills.count == 1)
        #expect(r.fills[0].price == 95 && r.fills[0].quantity == 2)     // b2 opens 95 ≤ 96 → 95
        #expect(s.statuses(1) == [.accepted, .cancelled])
        #expect(s.statuses(42) == [.rejected(.unknownOrder)])
    }

    @Test func timeInForce() throws {
        // IOC limit 90 not reached on b1 (low 98) → expires after b1. GFN(2) limit 89: b1, b2 → expires.
        // FOK 3 units with the volume cap 0.001 × 1000 = 1 → killed without a fill. GTC 90 fills on b2 (low 90).
        var config = EngineConfig.plain()
        config.maxParticipation = 0.001
        let s = Script([(0, .submit(OrderRequest(side: .buy, size: .quantity(0.5), kind: .limit(price: 90), timeInForce: .ioc))),
                        (0, .submit(OrderRequest(side: .buy, size: .quantity(0.5), kind: .limit(price: 89), timeInForce: .goodForBars(2)))),
                        (0, .submit(OrderRequest(side: .buy, size: .quantity(3), kind: .market, timeInForce: .fok))),
                        (0, .submit(OrderRequest(side: .buy, size: .quantity(0.5), kind: .limit(price: 90))))])
        let r = try runScript(s, bars, config: config)
        #expect(s.statuses(0) == [.accepted, .expired])
        #expect(s.log.updates.first { $0.orderID == 0 && $0.status == .expired }?.bar == 1)
        #expect(s.statuses(1) == [.accepted, .expired])
        #expect(s.log.updates.first { $0.orderID == 1 && $0.status == .expired }?.bar == 2)
        #expect(s.statuses(2) == [.accepted, .expired])
        #expect(r.fills.map(\.orderID) == [3] && r.fills[0].price == 90 && r.fills[0].bar == 2)
    }

    @Test func volumeCapSplitsAFillOverBars() throws {
        // Cap 10 % of 5 units = 0.5 per bar: 1.2 units fill 0.5, 0.5, 0.2 at each bar's open.
        var config = EngineConfig.plain()
        config.maxParticipation = 0.1
        let s = Script([(0, .submit(.market(.buy, .quantity(1.2))))])
        let r = try runScript(s, hourly([(100, 101, 99, 100), (101, 102, 100, 101), (102, 103, 101, 102), (103, 104, 102, 103)], volume: 5), config: config)
        #expect(r.fills.map(\.quantity) == [0.5, 0.5, 0.2] || zip(r.fills.map(\.quantity), [0.5, 0.5, 0.2]).allSatisfy { abs($0 - $1) < 1e-12 })
        #expect(r.fills.map(\.price) == [101, 102, 103])
        let partial = s.statuses(0).filter { if case .partiallyFilled = $0 { return true } else { return false } }
        #expect(partial.count == 2 && s.statuses(0).last == .filled)
        #expect(r.trades.count == 1 && abs(r.trades[0].entryPrice - (0.5 * 101 + 0.5 * 102 + 0.2 * 103) / 1.2) < 1e-12)
    }

    @Test func rejectionsAreValues() throws {
        var config = EngineConfig.plain()
        config.lotSize = 0.01
        config.minNotional = 50
        let s = Script([(0, .submit(.market(.buy, .quantity(1_000)))),           // 100 000 > 10 000 cash
                        (0, .submit(.market(.buy, .quantity(0.3)))),             // 30 < minimum notional 50
                        (0, .submit(.market(.buy, .quantity(0.004)))),           // rounds down to 0 lots
                        (0, .submit(.market(.sell, .closePosition))),            // nothing to close
                        (0, .submit(OrderRequest(side: .buy, size: .quantity(1), kind: .limit(price: -1)))),
                        (0, .submit(.market(.buy, .quantity(1.239))))])          // → 1.23 units
        let r = try runScript(s, bars, config: config)
        #expect(s.statuses(0) == [.accepted, .rejected(.insufficientCash)])
        #expect(s.statuses(1) == [.accepted, .rejected(.belowMinimumNotional)])
        #expect(s.statuses(2) == [.accepted, .rejected(.zeroQuantity)])
        #expect(s.statuses(3) == [.accepted, .rejected(.nothingToClose)])
        #expect(s.statuses(4) == [.rejected(.invalidPrice)])
        #expect(r.fills.count == 1 && abs(r.fills[0].quantity - 1.23) < 1e-12)
    }

    @Test func signalExitCancelsTheBracketAndFillsAtTheOpen() throws {
        let s = Script([(0, .submit(.market(.buy, .quantity(1), bracket: BracketExits(takeProfit: .fraction(0.5), stopLoss: .fraction(0.5))))),
                        (1, .submit(.market(.sell, .closePosition)))])
        let r = try runScript(s, bars)
        #expect(r.fills.map(\.price) == [100, 95])                       // exit at open[2] = 95
        #expect(r.trades[0].exitReason == .signal)
        #expect(s.statuses(1) == [.accepted, .cancelled] && s.statuses(2) == [.accepted, .cancelled])
        #expect(r.fills.count == 2)
    }
}
