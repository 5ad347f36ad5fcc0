import Indicators
import Testing

/// Runs a registry definition bar by bar through its streaming twin.
func streamed(_ definition: IndicatorDefinition, _ input: IndicatorInput, _ parameters: [String: Double] = [:]) throws -> [[Double]] {
    let stream = try definition.stream(parameters: parameters)
    var columns = definition.outputs.map { _ in [Double]() }
    for i in 0..<input.count {
        for (k, v) in stream.update(input.bar(i)).enumerated() { columns[k].append(v) }
    }
    return columns
}

/// The first `count` bars of the fixture input.
func prefix(_ input: IndicatorInput, _ count: Int) -> IndicatorInput {
    IndicatorInput(timestamp: Array(input.timestamp[..<count]), open: Array(input.open[..<count]),
                   high: Array(input.high[..<count]), low: Array(input.low[..<count]), close: Array(input.close[..<count]),
                   volume: Array(input.volume[..<count]), secondaryClose: input.secondaryClose.map { Array($0[..<count]) })
}

/// `count` identical bars at `price` with volume 10, one hour apart from 00:00 UTC.
func flatInput(price: Double, count: Int = 120) -> IndicatorInput {
    let prices = [Double](repeating: price, count: count)
    return IndicatorInput(timestamp: (0..<count).map { Int64($0) * 3_600_000 }, open: prices, high: prices, low: prices,
                          close: prices, volume: [Double](repeating: 10, count: count), secondaryClose: prices)
}

@Suite("Edge cases")
struct EdgeCaseTests {
    /// TA-Lib returns 0, not NaN, where a denominator is ≈ 0 (README "Zero guards").
    @Test(arguments: [
        ("RSI", 100.0), ("CMO", 100), ("STOCH", 100), ("STOCHF", 100), ("STOCHRSI", 100), ("WILLR", 100), ("CCI", 100),
        ("PLUS_DI", 100), ("MINUS_DI", 100), ("ADX", 100), ("ADXR", 100), ("ULTOSC", 100), ("MFI", 100), ("BETA", 100),
        ("STDDEV", 100), ("ZSCORE", 100), ("PPO", 0), ("ROC", 0), ("NATR", 0), ("TRIX", 0),
    ])
    func flatWindowsGiveZero(_ name: String, _ price: Double) throws {
        let definition = try #require(IndicatorRegistry.definition(named: name))
        let input = flatInput(price: price)
        for form in [try definition.compute(input), try streamed(definition, input)] {
            for (k, column) in form.enumerated() {
                let values = column.filter { !$0.isNaN }
                #expect(!values.isEmpty, "\(name).\(definition.outputs[k]) produced nothing")
                #expect(values.allSatisfy { $0 == 0 }, "\(name).\(definition.outputs[k]): \(values.prefix(3))")
            }
        }
    }

    @Test func flatWindowBandsCollapseOntoTheMiddle() throws {
        let r = try TA.bbands(flatInput(price: 100).close, period: 20)
        #expect(r.upper[19] == 100 && r.middle[19] == 100 && r.lower[19] == 100)
        #expect(try TA.sar(high: [5, 5, 5, 5], low: [5, 5, 5, 5]).dropFirst().allSatisfy { !$0.isNaN })
    }

    /// Input shorter than the lookback: all NaN, no crash; empty input gives empty outputs.
    @Test(arguments: IndicatorRegistry.all.map(\.name))
    func shortInputIsAllNaN(_ name: String) throws {
        let definition = try #require(IndicatorRegistry.definition(named: name))
        let full = TalibFixture.loaded.input
        let whole = try definition.compute(prefix(full, 300))
        let lookback = whole.map { $0.firstIndex { !$0.isNaN } ?? 300 }.min()!
        #expect(try definition.compute(prefix(full, 0)).allSatisfy(\.isEmpty))
        guard lookback > 0 else { return }
        let short = prefix(full, lookback)
        for form in [try definition.compute(short), try streamed(definition, short)] {
            #expect(form.allSatisfy { $0.count == lookback && $0.allSatisfy(\.isNaN) }, "\(name) on \(lookback) bars")
        }
    }

    /// A NaN bar: the output there is NaN, and both forms agree everywhere (same propagation).
    @Test(arguments: IndicatorRegistry.all.map(\.name))
    func nanInputPropagatesTheSameWayInBothForms(_ name: String) throws {
        let definition = try #require(IndicatorRegistry.definition(named: name))
        var input = prefix(TalibFixture.loaded.input, 400)
        let bad = 200
        input.open[bad] = .nan; input.high[bad] = .nan; input.low[bad] = .nan
        input.close[bad] = .nan; input.volume[bad] = .nan; input.secondaryClose![bad] = .nan
        let vectorized = try definition.compute(input)
        let stream = try streamed(definition, input)
        #expect(vectorized[0][bad].isNaN, "\(name) at the NaN bar: \(vectorized[0][bad])")
        for (k, output) in definition.outputs.enumerated() where !definition.lookAheadOutputs.contains(output) {
            let same = zip(vectorized[k], stream[k]).allSatisfy { a, b in
                a.isNaN ? b.isNaN : abs(a - b) <= 1e-12 * max(1, abs(a))
            }
            #expect(same, "\(name).\(output): vectorized and streaming differ after a NaN")
        }
    }

    /// The hand-written kernels (SMA, EMA, SMA-type BBANDS) repeat their streaming twins'
    /// arithmetic, so the two forms agree bit for bit.
    @Test func kernelsAgreeBitForBitWithTheirTwins() throws {
        let x = TalibFixture.loaded.input.close
        func same(_ a: [Double], _ b: [Double]) -> Bool { a.elementsEqual(b) { $0 == $1 || ($0.isNaN && $1.isNaN) } }
        var sma = try SMA(period: 30), ema = try EMA(period: 30), bands = try BBANDS(period: 20, devUp: 2, devDown: 1.5)
        #expect(same(try TA.sma(x, period: 30), x.map { sma.update($0) }))
        #expect(same(try TA.ema(x, period: 30), x.map { ema.update($0) }))
        let streamed = x.map { bands.update($0) }
        let vectorized = try TA.bbands(x, period: 20, devUp: 2, devDown: 1.5)
        #expect(same(vectorized.upper, streamed.map(\.upper)) && same(vectorized.middle, streamed.map(\.middle))
                && same(vectorized.lower, streamed.map(\.lower)))
    }

    @Test func nanRulesAreTheDocumentedOnes() throws {
        // poison: a running sum keeps the NaN.
        let sma = try TA.sma([1, 2, .nan, 4, 5, 6, 7], period: 2)
        #expect(sma[1] == 1.5 && sma[2...].allSatisfy(\.isNaN))
        // leading NaNs are skipped: EMA(3) of [NaN, NaN, 1, 2, 3, 4] starts at index 4 with mean(1, 2, 3).
        let ema = try TA.ema([.nan, .nan, 1, 2, 3, 4], period: 3)
        #expect(ema[..<4].allSatisfy(\.isNaN) && ema[4] == 2 && ema[5] == 3)
        // window: MAX(3) is NaN while the NaN is inside its window, then recovers.
        let highest = try TA.max([1, 2, 3, 4, 5, .nan, 1, 2, 3, 4], period: 3)
        #expect(highest[4] == 5 && highest[5...7].allSatisfy(\.isNaN) && highest[8] == 3 && highest[9] == 4)
    }

    /// Period 0 or negative is refused with a typed error naming the indicator and parameter.
    @Test(arguments: [0, -3])
    func nonPositivePeriodsAreErrors(_ period: Int) throws {
        let x = [Double](repeating: 1, count: 50)
        #expect(throws: IndicatorError.parameterTooSmall(indicator: "SMA", parameter: "timeperiod", value: period, minimum: 1)) {
            try TA.sma(x, period: period)
        }
        #expect(throws: IndicatorError.parameterTooSmall(indicator: "SMA", parameter: "timeperiod", value: period, minimum: 1)) {
            try SMA(period: period)
        }
        #expect(throws: IndicatorError.self) { try TA.ema(x, period: period) }
        #expect(throws: IndicatorError.self) { try RSI(period: period) }
        #expect(throws: IndicatorError.self) { try TA.macd(x, fast: 12, slow: 26, signal: period) }
        #expect(throws: IndicatorError.self) { try TA.bbands(x, period: period) }
        #expect(throws: IndicatorError.self) { try TA.stoch(high: x, low: x, close: x, fastK: period) }
        #expect(throws: IndicatorError.self) { try Ichimoku(tenkan: 9, kijun: period, senkou: 52) }
        #expect(throws: IndicatorError.self) { try TA.atr(high: x, low: x, close: x, period: period) }
        // Every period-like parameter of every registry entry.
        for definition in IndicatorRegistry.all {
            for p in definition.parameters where p.isInteger && p.minimum >= 1 {
                #expect(throws: IndicatorError.self, "\(definition.name).\(p.name)") {
                    try definition.compute(flatInput(price: 1), parameters: [p.name: Double(period)])
                }
                #expect(throws: IndicatorError.self, "\(definition.name).\(p.name)") {
                    try definition.stream(parameters: [p.name: Double(period)])
                }
            }
        }
    }

    @Test func otherBadInputsAreErrors() throws {
        #expect(throws: IndicatorError.lengthMismatch(indicator: "ATR")) { try TA.atr(high: [1, 2], low: [1], close: [1, 2]) }
        #expect(throws: IndicatorError.self) { try MAType(code: 7, indicator: "BBANDS") }
        #expect(throws: IndicatorError.self) { try IndicatorRegistry.require("SMA").compute(flatInput(price: 1), parameters: ["timeperiod": 2.5]) }
        let unknown = #expect(throws: IndicatorError.self) { try IndicatorRegistry.require("SMA").resolve(["period": 3]) }
        #expect(unknown?.description.contains("valid: timeperiod") == true)
        let name = #expect(throws: IndicatorError.self) { try IndicatorRegistry.require("NOPE") }
        #expect(name?.description.contains("RSI") == true)
        let beta = try IndicatorRegistry.require("BETA")
        var input = flatInput(price: 1)
        input.secondaryClose = nil
        #expect(throws: IndicatorError.self) { try beta.compute(input) }
    }
}
