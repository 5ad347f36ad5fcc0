import Foundation
import MarketData
import Testing
@testable import Learning

/// Golden values: Tests/Fixtures/ml/labels.json — a plain-Python reference of the definitions.
@Suite struct LabelsTests {
    static func spec(_ c: [String: Any]) throws -> LabelSpec {
        switch c["kind"] as? String {
        case "forward_return": return .forwardReturn(horizon: try #require(c["horizon"] as? Int))
        case "forward_return_sign": return .forwardReturnSign(horizon: try #require(c["horizon"] as? Int))
        case "triple_barrier":
            return .tripleBarrier(takeProfit: try #require(c["take_profit"] as? Double), stopLoss: try #require(c["stop_loss"] as? Double),
                                  maxBars: try #require(c["max_bars"] as? Int))
        default: throw LearningError.invalidArgument(name: "fixture kind", expected: "a label kind", got: "\(String(describing: c["kind"]))")
        }
    }

    @Test func matchesReferenceLabels() throws {
        let root = try MLFixture.load("labels")
        let bars = try MLFixture.bars(root)
        let cases = try #require(root["cases"] as? [[String: Any]])
        #expect(cases.count == 6)
        var barriersSeen: Set<String> = []
        for c in cases {
            let spec = try Self.spec(c)
            let labels = try Labels(spec, bars: bars)
            let name = "\(spec)"
            expectAllClose(labels.values, try MLFixture.doubles(c["values"]), tol: 1e-15, "\(name) values")
            #expect(labels.end == (try MLFixture.ints(c["end"])), "\(name) end indices")
            if case .tripleBarrier = spec {
                let expected = try #require(c["barriers"] as? [String])
                let names: [Labels.Barrier: String] = [.unresolved: "none", .takeProfit: "take_profit", .stopLoss: "stop_loss", .vertical: "vertical"]
                #expect(try #require(labels.barriers).map { names[$0]! } == expected, "\(name) barriers")
                barriersSeen.formUnion(expected)
            }
        }
        #expect(barriersSeen == ["none", "take_profit", "stop_loss", "vertical"], "the fixture exercises every barrier")
    }

    /// A label at bar i reads bars (i, end_i] only: rewriting every bar after k leaves every
    /// label whose interval ends at or before k, and every row's training eligibility before
    /// k − span, exactly as it was.
    @Test(arguments: [LabelSpec.forwardReturn(horizon: 5), .forwardReturnSign(horizon: 3),
                      .tripleBarrier(takeProfit: 0.01, stopLoss: 0.01, maxBars: 8)])
    func perturbingLaterBarsNeverChangesEarlierLabels(spec: LabelSpec) throws {
        let bars = try MLFixture.bars(try MLFixture.load("labels"))
        let original = try Labels(spec, bars: bars)
        for k in [40, 150, 250] {
            var altered = bars
            for j in (k + 1)..<bars.count {
                altered.close[j] *= 1.5; altered.high[j] *= 1.6; altered.low[j] *= 0.4
            }
            let changed = try Labels(spec, bars: altered)
            for i in 0..<bars.count where original.end[i] >= 0 && original.end[i] <= k {
                #expect(changed.values[i] == original.values[i] && changed.end[i] == original.end[i], "label \(i) changed after bars > \(k) moved")
            }
            for i in 0..<max(0, k - spec.maxSpan) {
                #expect(changed.values[i].isNaN == original.values[i].isNaN, "eligibility of row \(i) changed after bars > \(k) moved")
            }
        }
    }

    @Test func refusesBadHorizonsAndBarriers() {
        let bars = BarSeries(instrument: Instrument(base: "BTC", quote: "USDT"), timeframe: .h1, ts: [0], open: [1], high: [1], low: [1], close: [1], volume: [1])
        #expect(throws: LearningError.self) { try Labels(.forwardReturn(horizon: 0), bars: bars) }
        #expect(throws: LearningError.self) { try Labels(.tripleBarrier(takeProfit: 0.01, stopLoss: 1.5, maxBars: 3), bars: bars) }
        #expect(throws: LearningError.self) { try Labels(.tripleBarrier(takeProfit: .nan, stopLoss: 0.1, maxBars: 3), bars: bars) }
        do { _ = try Labels(.forwardReturnSign(horizon: -2), bars: bars) } catch {
            #expect(error.description == "label.horizon: expected an integer number of bars in 1...1000000, got -2")
        }
    }
}
