import Testing
import MarketData
import Indicators
import Strategies
import TestSupport

/// A built-in strategy written once means the same thing on both paths: the event path's
/// orders follow the vectorized kernel's signals bar for bar, with only past data visible.
@Suite struct SignalPathTests {
    static let bars = try! Fixtures.bars("btcusdt_1h.csv").slice(0..<6_000)

    /// Runs the event path with a fixed position (`position`) and records what it submits per bar.
    static func eventSubmissions<S: EventStrategy>(_ strategy: S, position: Double) -> [[OrderRequest]] {
        var strategy = strategy
        let b = bars
        return b.ts.withUnsafeBufferPointer { ts in b.open.withUnsafeBufferPointer { o in b.high.withUnsafeBufferPointer { h in
            b.low.withUnsafeBufferPointer { l in b.close.withUnsafeBufferPointer { c in b.volume.withUnsafeBufferPointer { v in
                let window = BarWindow(ts: ts.baseAddress!, open: o.baseAddress!, high: h.baseAddress!, low: l.baseAddress!,
                                       close: c.baseAddress!, volume: v.baseAddress!, count: 0)
                var context = StrategyContext(windows: [window], cash: 10_000)
                var sink = ContiguousArray<OrderCommand>()
                var out: [[OrderRequest]] = []
                for i in 0..<b.count {
                    context.advance(symbol: 0, count: i + 1)
                    context.publish(cash: 10_000, equity: 10_000, position: position, of: 0)
                    strategy.onBar(&context)
                    context.drainOutbox(into: &sink)
                    out.append(sink.compactMap { if case let .submit(_, r) = $0 { return r } else { return nil } })
                    sink.removeAll()
                }
                return out
            } } }
        } } }
    }

    @Test func smaCrossEventPathFollowsItsKernel() throws {
        let s = try SMACross(fast: 10, slow: 50, stopLoss: 0.02)
        let cache = try SMACross.makeCache(Self.bars, for: [s])
        let kernel = s.kernel(cache)
        let flat = Self.eventSubmissions(s, position: 0)
        let long = Self.eventSubmissions(s, position: 1)
        var entries = 0, exits = 0
        for i in 0..<Self.bars.count {
            let signal = kernel.signal(at: i)
            // Flat: an entry signal is a market buy of the whole equity with the bracket attached.
            #expect(flat[i] == (signal.contains(.entryLong)
                ? [OrderRequest(side: .buy, size: .equityFraction(1), bracket: BracketExits(stopLoss: .fraction(0.02)))] : []))
            // Long: an exit signal closes the position.
            #expect(long[i] == (signal.contains(.exitLong) ? [OrderRequest(side: .sell, size: .closePosition)] : []))
            if signal.contains(.entryLong) { entries += 1 }
            if signal.contains(.exitLong) { exits += 1 }
        }
        #expect(entries > 50 && abs(entries - exits) <= 1)
    }

    @Test func smaCrossSignalsAreTheCrossingsOfTASMA() throws {
        let s = try SMACross(fast: 24, slow: 120)
        let kernel = s.kernel(try SMACross.makeCache(Self.bars, for: [s]))
        let fast = try TA.sma(Self.bars.close, period: 24), slow = try TA.sma(Self.bars.close, period: 120)
        for i in 1..<Self.bars.count {
            let up = fast[i] > slow[i] && fast[i - 1] <= slow[i - 1]
            let down = fast[i] < slow[i] && fast[i - 1] >= slow[i - 1]
            #expect(kernel.signal(at: i) == (up ? .entryLong : (down ? .exitLong : [])))
        }
        #expect(kernel.signal(at: 0) == [])
    }

    @Test func buyAndHoldEntersOnceAtTheFirstBar() {
        let subs = Self.eventSubmissions(BuyAndHold(), position: 0)
        #expect(subs[0] == [OrderRequest(side: .buy, size: .equityFraction(1))])
        #expect(subs.dropFirst().allSatisfy { $0.isEmpty })
        // The vectorized kernel asks at every bar; the engine enters once and holds.
        #expect((0..<5).allSatisfy { BuyAndHold().kernel(()).signal(at: $0) == .entryLong })
    }

    @Test func targetsBecomeSignals() {
        let flags = SignalFlags.fromTargets([0, 1, 1, .nan, -0.5, 0, 0, 2])
        #expect(flags == [[], .entryLong, [], [], [.exitLong, .entryShort], .exitShort, [], .entryLong])
    }
}
