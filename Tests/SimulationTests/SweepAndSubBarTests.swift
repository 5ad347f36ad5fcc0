import Testing
import MarketData
import Simulation
import Strategies
import TestSupport

@Suite struct SweepAndSubBarTests {
    /// The sweep's streamed metrics are exactly those of single runs, whatever the thread count.
    @Test func sweepMetricsEqualSingleRunsForAnyThreadCount() throws {
        let bars = BTC.hourly.slice(10_000..<16_000)
        var config = EngineConfig()
        config.fees = .flat(bps: 10)
        let columns = try [(5, 20), (8, 34), (10, 50), (12, 26), (20, 100)].flatMap { f, s in
            [try SMACross(fast: f, slow: s), try SMACross(fast: f, slow: s, stopLoss: 0.03, takeProfit: 0.05, allowShort: true)]
        }
        let engine = VectorizedEngine(config: config, slippage: FixedSlippage(bps: 2))
        let one = try engine.sweep(columns, bars: bars, threads: 1)
        let three = try engine.sweep(columns, bars: bars, threads: 3)
        #expect(one == three)
        var streamed: [RunMetrics] = []
        try engine.sweep(columns, bars: bars, batchSize: 3) { index, metrics in
            #expect(index == streamed.count)
            streamed.append(metrics)
        }
        #expect(streamed == one)
        for (column, metrics) in zip(columns, one) {
            let single = try engine.run(column, bars: bars)
            #expect(single.metrics == metrics)
            #expect(single.metrics.finalEquity == single.equity.last)
        }
    }

    /// 1h bars built from the 1m data (so both agree), replayed minute by minute.
    static func hourlyFromMinutes() throws -> (BarSeries, BarSeries) {
        let m = try Fixtures.bars("btcusdt_1m.csv")
        var ts: [Int64] = [], o: [Double] = [], h: [Double] = [], l: [Double] = [], c: [Double] = [], v: [Double] = []
        for i in 0..<m.count {
            let hour = m.ts[i] - m.ts[i] % 3_600_000
            if ts.last != hour {
                ts.append(hour); o.append(m.open[i]); h.append(m.high[i]); l.append(m.low[i]); c.append(m.close[i]); v.append(m.volume[i])
            } else {
                let k = ts.count - 1
                h[k] = max(h[k], m.high[i]); l[k] = min(l[k], m.low[i]); c[k] = m.close[i]; v[k] += m.volume[i]
            }
        }
        return (BarSeries(instrument: m.instrument, timeframe: .h1, ts: ts, open: o, high: h, low: l, close: c, volume: v), m)
    }

    @Test func subBarsAgreeAcrossEnginesAndResolveBothLegBars() throws {
        let (hourly, minutes) = try Self.hourlyFromMinutes()
        #expect(hourly.count == 504)   // 21 days
        var config = EngineConfig()
        config.intrabar = .subBars
        let s = try SMACross(fast: 3, slow: 8, stopLoss: 0.004, takeProfit: 0.004, allowShort: true)
        let e = try EventEngine(config: config, slippage: NoSlippage()).run(s, bars: hourly, subBars: minutes)
        let v = try VectorizedEngine(config: config, slippage: NoSlippage()).run(s, bars: hourly, subBars: minutes)
        EngineParityTests.compare(v, e)
        #expect(e.intrabar == .subBars)
        // Bars where both legs were inside the hour: worst case always takes the stop-loss; the
        // minute replay takes the take-profit at least once there.
        config.intrabar = .worstCase
        let w = try EventEngine(config: config, slippage: NoSlippage()).run(s, bars: hourly)
        let bothInside = w.trades.filter { t in
            guard let x = t.exitBar, t.exitReason == .stopLoss else { return false }
            let tp = t.entryPrice * (1 + 0.004 * t.direction)
            return t.direction > 0 ? hourly.high[x] >= tp : hourly.low[x] <= tp
        }
        #expect(!bothInside.isEmpty)
        let resolved = e.trades.filter { t in
            t.exitReason == .takeProfit && bothInside.contains { $0.entryTs == t.entryTs && $0.exitTs == t.exitTs }
        }
        #expect(!resolved.isEmpty)
    }
}
