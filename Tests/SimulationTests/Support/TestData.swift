import MarketData
import Strategies
import TestSupport

enum TestData {
    /// A synthetic random-walk series with OHLC consistent bars (gaps between bars included).
    static func synthetic(bars n: Int, seed: UInt64, start: Double = 100) -> BarSeries {
        var rng = SplitMix64(seed: seed)
        var ts: [Int64] = [], o: [Double] = [], h: [Double] = [], l: [Double] = [], c: [Double] = [], v: [Double] = []
        var price = start
        for i in 0..<n {
            let open = price * (1 + Double.random(in: -0.004...0.004, using: &rng))
            let close = open * (1 + Double.random(in: -0.02...0.02, using: &rng))
            let high = max(open, close) * (1 + Double.random(in: 0...0.01, using: &rng))
            let low = min(open, close) * (1 - Double.random(in: 0...0.01, using: &rng))
            ts.append(Int64(i) * 3_600_000)
            o.append(open); h.append(high); l.append(low); c.append(close)
            v.append(Double.random(in: 10...1000, using: &rng))
            price = close
        }
        return BarSeries(instrument: Instrument(base: "SYN", quote: "USDT"), timeframe: .h1, ts: ts, open: o, high: h, low: l, close: c, volume: v)
    }

    /// Random entry/exit flags: about one signal every `every` bars.
    static func signals(count: Int, seed: UInt64, every: Int = 15, shorts: Bool) -> [SignalFlags] {
        var rng = SplitMix64(seed: seed)
        return (0..<count).map { _ in
            guard Int.random(in: 0..<every, using: &rng) == 0 else { return [] }
            switch Int.random(in: 0..<(shorts ? 4 : 2), using: &rng) {
            case 0: return .entryLong
            case 1: return .exitLong
            case 2: return .entryShort
            default: return .exitShort
            }
        }
    }

    /// Bars given as rows (ts, o, h, l, c, v), for hand-computed cases.
    static func bars(_ rows: [(Int64, Double, Double, Double, Double, Double)], timeframe: Timeframe = .h1) -> BarSeries {
        BarSeries(instrument: Instrument(base: "T", quote: "USDT"), timeframe: timeframe,
                  ts: rows.map(\.0), open: rows.map(\.1), high: rows.map(\.2), low: rows.map(\.3), close: rows.map(\.4), volume: rows.map(\.5))
    }
}
