import Foundation
import Indicators
import Testing

/// Non-default parameters: both forms agree, documented symmetries hold, and a few window
/// indicators equal a naive restatement of their definition written out here.
@Suite("Parameter variations")
struct ParameterVariationTests {
    static let input = prefix(TalibFixture.loaded.input, 600)

    static let cases: [(String, [String: Double])] = [
        ("MACD", ["fastperiod": 26, "slowperiod": 12, "signalperiod": 5]),
        ("STOCH", ["fastk_period": 9, "slowk_period": 4, "slowk_matype": 1, "slowd_period": 5, "slowd_matype": 2]),
        ("STOCHF", ["fastk_period": 14, "fastd_period": 5, "fastd_matype": 3]),
        ("STOCHRSI", ["timeperiod": 9, "fastk_period": 3, "fastd_period": 4, "fastd_matype": 1]),
        ("BBANDS", ["timeperiod": 10, "nbdevup": 1.5, "nbdevdn": 2.5, "matype": 1]),
        ("BBANDS", ["timeperiod": 10, "matype": 6]),
        ("BBANDS", ["timeperiod": 10, "matype": 8]),
        ("PPO", ["fastperiod": 5, "slowperiod": 20, "matype": 4]),
        ("PPO", ["fastperiod": 5, "slowperiod": 20, "matype": 5]),
        ("MA", ["timeperiod": 12, "matype": 3]),
        ("TRIMA", ["timeperiod": 8]), ("TRIMA", ["timeperiod": 9]), ("T3", ["timeperiod": 7, "vfactor": 0.5]),
        ("ULTOSC", ["timeperiod1": 28, "timeperiod2": 7, "timeperiod3": 14]),
        ("SAR", ["acceleration": 0.05, "maximum": 0.1]), ("SAR", ["acceleration": 0.3, "maximum": 0.2]),
        ("ADOSC", ["fastperiod": 10, "slowperiod": 3]),
        ("DONCHIAN", ["lower_length": 10, "upper_length": 30]),
        ("ICHIMOKU", ["tenkan": 7, "kijun": 22, "senkou": 44]),
        ("SUPERTREND", ["length": 10, "multiplier": 2]), ("KELTNER", ["length": 10, "scalar": 1.5]),
        ("VOLUME_PROFILE", ["timeperiod": 48, "bins": 12]),
    ]

    @Test(arguments: cases)
    func bothFormsAgree(_ name: String, _ parameters: [String: Double]) throws {
        let definition = try IndicatorRegistry.require(name)
        let vectorized = try definition.compute(Self.input, parameters: parameters)
        let stream = try streamed(definition, Self.input, parameters)
        for (k, output) in definition.outputs.enumerated() where !definition.lookAheadOutputs.contains(output) {
            #expect(vectorized[k].contains { !$0.isNaN }, "\(name).\(output) produced nothing")
            let same = zip(vectorized[k], stream[k]).allSatisfy { a, b in a.isNaN ? b.isNaN : abs(a - b) <= 1e-12 * max(1, abs(a)) }
            #expect(same, "\(name).\(output) \(parameters)")
        }
    }

    @Test func periodOrderDoesNotMatterWhereTALibSortsOrSwaps() throws {
        let x = Self.input
        let macd = try TA.macd(x.close, fast: 26, slow: 12, signal: 9), swapped = try TA.macd(x.close, fast: 12, slow: 26, signal: 9)
        #expect(macd.macd.elementsEqual(swapped.macd) { $0 == $1 || ($0.isNaN && $1.isNaN) })
        let uo = try TA.ultosc(high: x.high, low: x.low, close: x.close, period1: 28, period2: 7, period3: 14)
        let sorted = try TA.ultosc(high: x.high, low: x.low, close: x.close, period1: 7, period2: 14, period3: 28)
        #expect(uo.elementsEqual(sorted) { $0 == $1 || ($0.isNaN && $1.isNaN) })
    }

    /// Naive restatements over each window, compared at every bar.
    @Test func windowIndicatorsEqualTheirDefinitions() throws {
        let x = Self.input
        let c = x.close
        func near(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-9 * max(1, abs(b)) }

        // WMA(7): Σ w·x / Σ w with weights 1…7, newest heaviest.
        let wma = try TA.wma(c, period: 7)
        // TRIMA(8): weights 1,2,3,4,4,3,2,1; TRIMA(9): 1,2,3,4,5,4,3,2,1.
        let trima8 = try TA.trima(c, period: 8), trima9 = try TA.trima(c, period: 9)
        // STDDEV(10): two-pass population σ.
        let sd = try TA.stddev(c, period: 10, deviations: 2)
        // CCI(20): (tp − mean)/(0.015 · mean |tp − mean|).
        let cci = try TA.cci(high: x.high, low: x.low, close: c, period: 20)
        // AROON(25): window of 26 bars, most recent extreme wins.
        let aroon = try TA.aroon(high: x.high, low: x.low, period: 25)
        func weighted(_ i: Int, _ w: [Double]) -> Double {
            var s = 0.0
            for (k, wk) in w.enumerated() { s += wk * c[i - w.count + 1 + k] }
            return s / w.reduce(0, +)
        }
        for i in 60..<x.count {
            #expect(near(wma[i], weighted(i, [1, 2, 3, 4, 5, 6, 7])))
            #expect(near(trima8[i], weighted(i, [1, 2, 3, 4, 4, 3, 2, 1])))
            #expect(near(trima9[i], weighted(i, [1, 2, 3, 4, 5, 4, 3, 2, 1])))
            let w = c[(i - 9)...i]
            let mean = w.reduce(0, +) / 10
            let sigma = (w.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 10).squareRoot()
            #expect(abs(sd[i] - 2 * sigma) <= 1e-7)
            let tp = (0..<20).map { k in (x.high[i - k] + x.low[i - k] + c[i - k]) / 3 }
            let tpMean = tp.reduce(0, +) / 20
            let md = tp.map { abs($0 - tpMean) }.reduce(0, +) / 20
            #expect(near(cci[i], (tp[0] - tpMean) / (0.015 * md)))
            var hi = i - 25, lo = i - 25
            for j in (i - 25)...i {
                if x.high[j] >= x.high[hi] { hi = j }
                if x.low[j] <= x.low[lo] { lo = j }
            }
            #expect(near(aroon.up[i], 100 * Double(25 - (i - hi)) / 25) && near(aroon.down[i], 100 * Double(25 - (i - lo)) / 25))
        }
    }
}
