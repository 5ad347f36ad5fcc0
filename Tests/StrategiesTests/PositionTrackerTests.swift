import Testing
import Strategies

/// The wrappers' own view of positions, on fills worked out by hand.
@Suite struct PositionTrackerTests {
    func fill(_ side: Side, _ q: Double, _ price: Double, fee: Double) -> Fill {
        Fill(orderID: 0, symbol: 0, bar: 0, ts: 0, side: side, quantity: q, price: price, fee: fee, liquidity: .taker, reason: .signal)
    }

    @Test func averagesEntriesAndSplitsTheFlipFee() {
        var t = PositionTracker(symbols: 1)
        #expect(t.apply(fill(.buy, 2, 100, fee: 0.2)).change == .opened)
        #expect(t.apply(fill(.buy, 1, 103, fee: 0.1)).change == .increased)
        // Average entry (2·100 + 1·103) / 3 = 101.
        #expect(abs(t.entryPrice[0] - 101) < 1e-12)
        // Sell 4 at 110: 3 close the long (fee 0.4 · 3/4 = 0.3), 1 opens a short (fee 0.1).
        let (change, closed) = t.apply(fill(.sell, 4, 110, fee: 0.4))
        #expect(change == .opened && t.quantity[0] == -1 && t.entryPrice[0] == 110)
        let trade = try! #require(closed)
        // pnl = (110 − 101) · 3 − (0.2 + 0.1 + 0.3) = 26.4; return 26.4 / 303.
        #expect(trade.direction == 1 && trade.quantity == 3)
        #expect(abs(trade.pnl - 26.4) < 1e-9 && abs(trade.tradeReturn - 26.4 / 303) < 1e-12)
        // Cover half at 105 then the rest at 100: (110 − 102.5) · 1 − (0.1 + 0.05 + 0.05) = 7.3.
        #expect(t.apply(fill(.buy, 0.5, 105, fee: 0.05)).change == .reduced)
        let (last, short) = t.apply(fill(.buy, 0.5, 100, fee: 0.05))
        #expect(last == .closed && t.quantity[0] == 0 && t.entryPrice[0].isNaN)
        #expect(abs(short!.exitPrice - 102.5) < 1e-12 && abs(short!.pnl - 7.3) < 1e-9 && short!.direction == -1)
    }
}
