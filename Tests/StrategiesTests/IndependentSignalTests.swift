import Testing
import MarketData
import Strategies
import Foundation

/// Signals of the simple rules recomputed from the raw columns in the test, with naive loops
/// that share no code with the strategies or the indicators.
@Suite struct IndependentSignalTests {
    let bars = StrategyTestData.btc.slice(0..<1_200)

    func signals<S: VectorizedStrategy>(_ s: S) -> [SignalFlags] { BuiltInStrategyTests.signals(s, bars) }

    @Test func timeSeriesMomentumIsTheSignOfTheLookbackReturn() throws {
        let lookback = 24
        let s = try TimeSeriesMomentum(lookback: lookback, settings: TradeSettings(allowShort: true))
        let got = signals(s)
        let c = bars.close
        for i in 0..<c.count {
            var expected: SignalFlags = []
            if i >= lookback {
                let r = c[i] - c[i - lookback]
                expected = r > 0 ? [.entryLong, .exitShort] : (r < 0 ? [.exitLong, .entryShort] : [.exitLong, .exitShort])
            }
            #expect(got[i] == expected, "bar \(i)")
        }
    }

    @Test func donchianBreaksThePreviousChannel() throws {
        let (entry, exit) = (20, 10)
        let s = try DonchianBreakout(entryPeriod: entry, exitPeriod: exit, settings: TradeSettings(allowShort: true))
        let got = signals(s)
        let (h, l, c) = (bars.high, bars.low, bars.close)
        var trades = 0
        for i in 1..<c.count {
            var expected: SignalFlags = []
            if i - 1 >= entry - 1 {
                // Channel of bars i-entry ... i-1.
                var hi = -Double.infinity, lo = Double.infinity
                for j in (i - entry)..<i { hi = max(hi, h[j]); lo = min(lo, l[j]) }
                if c[i] > hi { expected.insert(.entryLong) }
                if c[i] < lo { expected.insert(.entryShort) }
            }
            if i - 1 >= exit - 1 {
                var hi = -Double.infinity, lo = Double.infinity
                for j in (i - exit)..<i { hi = max(hi, h[j]); lo = min(lo, l[j]) }
                if c[i] < lo { expected.insert(.exitLong) }
                if c[i] > hi { expected.insert(.exitShort) }
            }
            if expected.contains(.entryLong) { trades += 1 }
            #expect(got[i] == expected, "bar \(i)")
        }
        #expect(trades > 0)
    }

    @Test func bollingerReversionAgainstNaiveBands() throws {
        let (n, k) = (20, 2.0)
        let s = try Bollinger(period: n, deviations: k, breakout: false, settings: TradeSettings(allowShort: true))
        let got = signals(s)
        let c = bars.close
        var checked = 0
        for i in (n - 1)..<c.count {
            let window = c[(i - n + 1)...i]
            let mean = window.reduce(0, +) / Double(n)
            let sigma = (window.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(n)).squareRoot()
            let (upper, lower) = (mean + k * sigma, mean - k * sigma)
            // Skip closes within 1e-9 of a band or the middle, where rounding may decide.
            let scale = 1e-9 * c[i]
            guard abs(c[i] - upper) > scale, abs(c[i] - lower) > scale, abs(c[i] - mean) > scale else { continue }
            var expected: SignalFlags = []
            if c[i] < lower { expected.insert(.entryLong) }
            if c[i] > mean { expected.insert(.exitLong) }
            if c[i] > upper { expected.insert(.entryShort) }
            if c[i] < mean { expected.insert(.exitShort) }
            #expect(got[i] == expected, "bar \(i)")
            checked += 1
        }
        #expect(checked > 1_000)
        #expect(got.contains { $0.contains(.entryLong) } && got.contains { $0.contains(.entryShort) })
    }

    @Test func spikesAgainstNaiveSigmaWithCooldownAndHold() throws {
        let (window, k, cooldown, hold) = (48, 3.0, 5, 8)
        let s = try SpikeDetection(window: window, k: k, cooldown: cooldown, hold: hold, follow: true,
                                   settings: TradeSettings(allowShort: true))
        let got = signals(s)
        let c = bars.close
        var r = [Double](repeating: .nan, count: c.count)
        for i in 1..<c.count { r[i] = log(c[i] / c[i - 1]) }
        var cooldownLeft = 0, since = -1, spikes = 0
        for i in 1..<c.count {
            var expected: SignalFlags = []
            if since >= 0 { since += 1; if since >= hold { expected = [.exitLong, .exitShort]; since = -1 } }
            // σ of the `window` returns ending at bar i-1 (returns start at bar 1).
            var sigma = Double.nan
            if i - 1 >= window {
                let w = r[(i - window)...(i - 1)]
                let m = w.reduce(0, +) / Double(window)
                sigma = (w.map { ($0 - m) * ($0 - m) }.reduce(0, +) / Double(window)).squareRoot()
            }
            if cooldownLeft > 0 {
                cooldownLeft -= 1
            } else if sigma > 0, abs(r[i]) > k * sigma {
                #expect(abs(abs(r[i]) - k * sigma) > 1e-12, "bar \(i) is too close to call")
                expected = r[i] > 0 ? [.entryLong, .exitShort] : [.entryShort, .exitLong]
                cooldownLeft = cooldown
                since = 0
                spikes += 1
            }
            #expect(got[i] == expected, "bar \(i)")
        }
        #expect(spikes > 2)
    }

    @Test func smaCrossAgainstNaiveMeans() throws {
        let (fast, slow) = (7, 30)
        let s = try MACross(fast: fast, slow: slow, type: .sma, settings: TradeSettings(allowShort: true))
        let got = signals(s)
        let c = bars.close
        func mean(_ i: Int, _ n: Int) -> Double { c[(i - n + 1)...i].reduce(0, +) / Double(n) }
        var crosses = 0
        for i in slow..<c.count {
            let (pf, ps, f, sl) = (mean(i - 1, fast), mean(i - 1, slow), mean(i, fast), mean(i, slow))
            // Skip bars where the averages are within rounding of each other.
            guard abs(f - sl) > 1e-9 * sl, abs(pf - ps) > 1e-9 * ps else { continue }
            var expected: SignalFlags = []
            if f > sl && pf < ps { expected = [.entryLong, .exitShort]; crosses += 1 }
            if f < sl && pf > ps { expected = [.exitLong, .entryShort] }
            #expect(got[i] == expected, "bar \(i)")
        }
        #expect(crosses > 5)
    }

    @Test func rsiReversionAgainstWilderByHand() throws {
        let n = 14
        let s = try RSIReversion(period: n, lower: 30, upper: 70, exit: 50, settings: TradeSettings(allowShort: true))
        let got = signals(s)
        let c = bars.close
        // Wilder: the first averages are plain means of the first n gains and losses (bars 1…n),
        // then avg = (avg · (n − 1) + new) / n; RSI = 100 · gain / (gain + loss) from bar n on.
        var gain = 0.0, loss = 0.0
        var seen = (long: 0, short: 0)
        for i in 1..<c.count {
            let d = c[i] - c[i - 1]
            let (g, l) = (max(d, 0), max(-d, 0))
            if i <= n {
                gain += g / Double(n); loss += l / Double(n)
                if i < n { #expect(got[i] == [], "bar \(i)"); continue }
            } else {
                gain = (gain * Double(n - 1) + g) / Double(n)
                loss = (loss * Double(n - 1) + l) / Double(n)
            }
            let rsi = 100 * gain / (gain + loss)
            guard [30.0, 50, 70].allSatisfy({ abs(rsi - $0) > 1e-6 }) else { continue }
            var expected: SignalFlags = []
            if rsi < 30 { expected.insert(.entryLong); seen.long += 1 }
            if rsi > 50 { expected.insert(.exitLong) }
            if rsi > 70 { expected.insert(.entryShort); seen.short += 1 }
            if rsi < 50 { expected.insert(.exitShort) }
            #expect(got[i] == expected, "bar \(i)")
        }
        #expect(seen.long > 0 && seen.short > 0)
    }
}
