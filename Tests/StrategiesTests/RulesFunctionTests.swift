import Foundation
import Testing
import Indicators
import MarketData
import Strategies
import TestSupport

/// Golden values of the expression language: every function against a plain reference written
/// from its definition (docs/RULES.md), and indicator calls against TA-Lib's values, each
/// through both evaluators (which must agree bit for bit).
@Suite struct RulesFunctionTests {
    static let bars = StrategyTestData.btc.slice(0..<600)
    static var o: [Double] { bars.open }
    static var h: [Double] { bars.high }
    static var l: [Double] { bars.low }
    static var c: [Double] { bars.close }
    static var v: [Double] { bars.volume }

    /// The expression's value at every bar from the vectorized and the streaming evaluator.
    static func evaluate(_ text: String, _ type: RuleType = .number, bars: BarSeries = bars,
                         parameters: [(String, Double)] = [], imported: [ImportedSeries] = []) throws -> [Double] {
        let declared = parameters.map { RuleParameter(name: $0.0, isInteger: true, minimum: 1, maximum: 1_000) }
        let program = try RuleProgram(expressions: [RuleExpression(name: "x", text: text, type: type)], parameters: declared,
                                      columns: imported.map(\.name))
        let values = parameters.map(\.1)
        let vectorized = try program.column(0, bars: bars, parameters: values, imported: imported)
        var stream = try program.stream([0], parameters: values)
        var streamed: [Double] = []
        for i in 0..<bars.count {
            var now = imported.map { s in s.timestamps.firstIndex(of: bars.ts[i]).map { s.values[$0] } ?? .nan }
            now.withUnsafeMutableBufferPointer { p in
                stream.update(ts: bars.ts[i], open: bars.open[i], high: bars.high[i], low: bars.low[i], close: bars.close[i],
                              volume: bars.volume[i], imported: UnsafePointer(p.baseAddress))
            }
            streamed.append(stream.value(ofExpression: 0))
        }
        #expect(zip(vectorized, streamed).allSatisfy { $0.bitPattern == $1.bitPattern || ($0.isNaN && $1.isNaN) },
                "\(text): the evaluators differ")
        return vectorized
    }

    static func close(_ a: [Double], _ b: [Double], rel: Double = 1e-12) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { x, y in
            (x.isNaN && y.isNaN) || x == y || abs(x - y) <= rel * max(abs(x), abs(y))
        }
    }

    /// `f` over each window `x[i-n+1...i]`, NaN before the first full one.
    static func window(_ x: [Double], _ n: Int, _ f: (ArraySlice<Double>) -> Double) -> [Double] {
        x.indices.map { i in i >= n - 1 ? f(x[(i - n + 1)...i]) : .nan }
    }

    static func mean(_ w: ArraySlice<Double>) -> Double { w.reduce(0, +) / Double(w.count) }
    static func sd(_ w: ArraySlice<Double>) -> Double {
        let m = mean(w)
        return (w.map { ($0 - m) * ($0 - m) }.reduce(0, +) / Double(w.count)).squareRoot()
    }

    @Test func seriesAndArithmetic() throws {
        #expect(try Self.evaluate("hl2") == zip(Self.h, Self.l).map { ($0 + $1) / 2 })
        #expect(try Self.evaluate("hlc3") == Self.c.indices.map { (Self.h[$0] + Self.l[$0] + Self.c[$0]) / 3 })
        #expect(try Self.evaluate("ohlc4") == Self.c.indices.map { (Self.o[$0] + Self.h[$0] + Self.l[$0] + Self.c[$0]) / 4 })
        #expect(try Self.evaluate("(close - open) * 2 / volume + -high") == Self.c.indices.map { (Self.c[$0] - Self.o[$0]) * 2 / Self.v[$0] + -Self.h[$0] })
        #expect(try Self.evaluate("abs(close - open)") == Self.c.indices.map { abs(Self.c[$0] - Self.o[$0]) })
        #expect(try Self.evaluate("min(open, close) + max(open, close)") == Self.c.indices.map { min(Self.o[$0], Self.c[$0]) + max(Self.o[$0], Self.c[$0]) })
        #expect(try Self.evaluate("log(close) + sqrt(volume) + exp(close / 100000)") == Self.c.indices.map { Foundation.log(Self.c[$0]) + Self.v[$0].squareRoot() + Foundation.exp(Self.c[$0] / 100_000) })
        #expect(try Self.evaluate("log(0 * close)").allSatisfy { $0 == -.infinity })
        #expect(try Self.evaluate("log(-close) + sqrt(-close)").allSatisfy(\.isNaN))
        #expect(try Self.evaluate("if(close > open, high, low)") == Self.c.indices.map { Self.c[$0] > Self.o[$0] ? Self.h[$0] : Self.l[$0] })
    }

    @Test func lagsAndWindows() throws {
        let c = Self.c
        #expect(try Self.evaluate("prev(close, 3)").elementsEqualNaN(c.indices.map { $0 >= 3 ? c[$0 - 3] : .nan }))
        #expect(try Self.evaluate("prev(close, n)", parameters: [("n", 7)]).elementsEqualNaN(c.indices.map { $0 >= 7 ? c[$0 - 7] : .nan }))
        #expect(try Self.evaluate("change(close, 5)").elementsEqualNaN(c.indices.map { $0 >= 5 ? c[$0] - c[$0 - 5] : .nan }))
        #expect(try Self.evaluate("highest(high, 10)").elementsEqualNaN(Self.window(Self.h, 10) { $0.max()! }))
        #expect(try Self.evaluate("lowest(low, 10)").elementsEqualNaN(Self.window(Self.l, 10) { $0.min()! }))
        #expect(Self.close(try Self.evaluate("sum(volume, 12)"), Self.window(Self.v, 12) { $0.reduce(0, +) }))
        #expect(Self.close(try Self.evaluate("stdev(close, 20)"), Self.window(c, 20, Self.sd), rel: 1e-9))
        #expect(Self.close(try Self.evaluate("zscore(close, 20)"), Self.window(c, 20) { ($0.last! - Self.mean($0)) / Self.sd($0) }, rel: 1e-8))
        let rank = Self.window(c, 15) { w in
            let x = w.last!
            let less = Double(w.filter { $0 < x }.count), equal = Double(w.filter { $0 == x }.count)
            return (less + (equal + 1) / 2) / Double(w.count) * 100
        }
        #expect(Self.close(try Self.evaluate("percent_rank(close, 15)"), rank))
    }

    @Test func crossesAndBarsSince() throws {
        let a = try Self.evaluate("sma(close, 5)"), b = try Self.evaluate("sma(close, 20)")
        let above = a.indices.map { i in i > 0 && a[i] > b[i] && a[i - 1] <= b[i - 1] ? 1.0 : 0 }
        let below = a.indices.map { i in i > 0 && a[i] < b[i] && a[i - 1] >= b[i - 1] ? 1.0 : 0 }
        #expect(try Self.evaluate("crosses_above(sma(close, 5), sma(close, 20))", .bool) == above)
        #expect(try Self.evaluate("crosses_below(sma(close, 5), sma(close, 20))", .bool) == below)
        #expect(above.contains(1) && below.contains(1))
        // NaN never crosses: nothing before both averages exist (bar 19 is the first with both).
        #expect(!above[..<20].contains(1))
        var since: [Double] = []
        var last: Int?
        for i in Self.c.indices {
            if Self.c[i] > Self.o[i] + 100 { last = i }
            since.append(last.map { Double(i - $0) } ?? .nan)
        }
        #expect(try Self.evaluate("bars_since(close > open + 100)").elementsEqualNaN(since))
    }

    @Test func nanComparisonsAreFalse() throws {
        let warm = try Self.evaluate("prev(close, 3) != close", .bool)
        #expect(warm[..<3].allSatisfy { $0 == 0 } && warm[3...].contains(1))
        let equal = try Self.evaluate("prev(close, 3) == prev(close, 3)", .bool)
        #expect(equal[..<3].allSatisfy { $0 == 0 } && equal[3...].allSatisfy { $0 == 1 })
        let lagged = try Self.evaluate("prev(close > open, 2)", .bool)
        #expect(lagged[..<2] == [0, 0])
        #expect(Array(lagged[2...]) == Self.c.indices.dropLast(2).map { Self.c[$0] > Self.o[$0] ? 1.0 : 0 })
    }

    @Test func calendarIsUTC() throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        // Bars over four years, one every 37 hours, from 2019-12-30 (spans leap days and month ends).
        let ts = (0..<1_000).map { Int64(1_577_664_000_000) + Int64($0) * 37 * 3_600_000 }
        let ones = [Double](repeating: 1, count: ts.count)
        let bars = BarSeries(instrument: Self.bars.instrument, timeframe: .h1, ts: ts, open: ones, high: ones, low: ones, close: ones, volume: ones)
        let dates = ts.map { Date(timeIntervalSince1970: Double($0) / 1000) }
        #expect(try Self.evaluate("hour()", bars: bars) == dates.map { Double(calendar.component(.hour, from: $0)) })
        #expect(try Self.evaluate("day()", bars: bars) == dates.map { Double(calendar.component(.day, from: $0)) })
        #expect(try Self.evaluate("month()", bars: bars) == dates.map { Double(calendar.component(.month, from: $0)) })
        // Foundation: 1 = Sunday … 7 = Saturday; the language: 0 = Monday … 6 = Sunday.
        #expect(try Self.evaluate("weekday()", bars: bars) == dates.map { Double((calendar.component(.weekday, from: $0) + 5) % 7) })
    }

    @Test func importedColumnsJoinByTimestamp() throws {
        let ts = Self.bars.ts
        // Rows on every third bar, one before the bars and one between bars.
        var rowTs: [Int64] = [ts[0] - 3_600_000]
        var rowValues: [Double] = [99]
        for i in stride(from: 0, to: ts.count, by: 3) {
            rowTs.append(ts[i]); rowValues.append(Double(i))
            rowTs.append(ts[i] + 60_000); rowValues.append(-1)
        }
        let series = ImportedSeries(name: "p_up", file: "preds.csv", timestamps: rowTs, values: rowValues)
        let got = try Self.evaluate("p_up * 2", imported: [series])
        #expect(got.elementsEqualNaN(ts.indices.map { $0 % 3 == 0 ? Double($0) * 2 : .nan }))
    }

    // MARK: TA-Lib

    struct Entry: Sendable, CustomStringConvertible {
        var name: String
        var expression: String
        var expected: [Double?]
        var abs: Double
        var rel: Double
        var description: String { "\(name): \(expression)" }
    }

    /// Expressions for every numeric-parameter fixture entry and output, parameters by name.
    static let talib: [Entry] = {
        let root = try! Fixtures.json("indicators/btc_1h_talib.json") as! [String: Any]
        var entries: [Entry] = []
        for item in root["indicators"] as! [[String: Any]] {
            let function = item["function"] as! String
            let inputs = item["inputs"] as! [String]
            let params = item["params"] as! [String: Any]
            guard !inputs.contains("timestamp"), !inputs.contains("secondary.close"), params.values.allSatisfy({ $0 is NSNumber }),
                  let definition = IndicatorRegistry.definition(named: function) else { continue }
            let args = inputs + params.keys.sorted().map { key in "\(key)=\((params[key] as! NSNumber).doubleValue)" }
            let tolerance = item["tolerance"] as! [String: Any]
            let outputs = item["outputs"] as! [String: Any]
            for output in definition.outputs where !definition.lookAheadOutputs.contains(output) {
                let call = "\(function.lowercased())(\(args.joined(separator: ", ")))" + (definition.outputs.count > 1 ? ".\(output)" : "")
                let values = (outputs[output] as! [Any]).map { ($0 as? NSNumber)?.doubleValue }
                entries.append(Entry(name: item["name"] as! String, expression: call, expected: values,
                                     abs: (tolerance["abs"] as? NSNumber)?.doubleValue ?? 0, rel: (tolerance["rel"] as? NSNumber)?.doubleValue ?? 1e-9))
            }
        }
        return entries
    }()

    static let talibBars: BarSeries = {
        let root = try! Fixtures.json("indicators/btc_1h_talib.json") as! [String: Any]
        let input = root["input"] as! [String: [Any]]
        let column = { (k: String) in input[k]!.map { ($0 as! NSNumber).doubleValue } }
        return BarSeries(instrument: Self.bars.instrument, timeframe: .h1, ts: input["timestamp"]!.map { ($0 as! NSNumber).int64Value },
                         open: column("open"), high: column("high"), low: column("low"), close: column("close"), volume: column("volume"))
    }()

    @Test func fixtureCoversTheIndicators() {
        #expect(Self.talib.count >= 50, "\(Self.talib.count) TA-Lib outputs")
    }

    @Test(arguments: talib)
    func indicatorCallsMatchTALib(_ e: Entry) throws {
        let got = try Self.evaluate(e.expression, bars: Self.talibBars)
        #expect(got.count == e.expected.count)
        var bad: [Int] = []
        for (i, x) in e.expected.enumerated() {
            guard let x else { if !got[i].isNaN { bad.append(i) }; continue }
            if !(abs(got[i] - x) <= max(e.abs, e.rel * abs(x))) { bad.append(i) }
        }
        #expect(bad.isEmpty, "\(e): \(bad.count) bars differ, first at \(bad.first ?? -1)")
    }
}

extension Array where Element == Double {
    /// Equal element by element, NaN equal to NaN.
    func elementsEqualNaN(_ other: [Double]) -> Bool {
        count == other.count && zip(self, other).allSatisfy { ($0.isNaN && $1.isNaN) || $0 == $1 }
    }
}
