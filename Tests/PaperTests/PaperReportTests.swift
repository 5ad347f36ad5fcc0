import Experiments
import Foundation
import MarketData
import Paper
import Reports
import Simulation
import Testing
import TestSupport

/// `crucible paper report`'s comparison: a replay against the backtest of its own bars agrees
/// exactly; against bars changed from a day on, nothing before that day differs and every
/// difference after it is counted, as a plain bar-by-bar and fill-by-fill reading of the two
/// runs says.
@Suite struct PaperReportTests {
    static func replayed(_ body: (PaperStrategy, PaperRecord, URL) throws -> Void) throws {
        let data = Fixtures.dataset("btcusdt_1d.csv")
        let (spec, text) = try PaperHarness.spec(strategy: ["name": "sma_cross", "parameters": ["fast": 10, "slow": 50]], data: data)
        let strategy = try PaperHarness.strategy(spec, [])
        try PaperHarness.withStatePaths { paths in
            try PaperHarness.replay(strategy, text: text, file: data, state: paths[0])
            try body(strategy, try PaperRecord(path: paths[0]), data)
        }
    }

    @Test func aReplayAgreesExactlyWithTheBacktestOfItsBars() throws {
        try Self.replayed { strategy, record, data in
            let (bars, result) = try PaperBacktest.run(strategy, record: record, data: data.path)
            let c = PaperComparison(paper: record, backtest: result)
            #expect(c.isExact)
            #expect(c.commonBars == bars.count && c.commonBars == record.timestamps.count)
            #expect(c.matchedFills == record.fills.count && record.fills.count == result.fills.count && !record.fills.isEmpty)
            #expect(c.paperFinalEquity == result.equity.last)
            // The spec comes back from the file itself.
            let (again, _) = try record.strategy(specText: nil, specDirectory: nil)
            #expect(again.values == strategy.values && again.pointText == strategy.pointText)
            let html = PaperReport(record: record, strategy: strategy, bars: bars, backtest: result, dataPath: data.path).document().render()
            #expect(html.contains("agree exactly") && !html.contains("Fills that differ"))
            #expect(html.contains("Equity against buy-and-hold") && html.contains("Trade list"))
        }
    }

    @Test func changedBarsDifferFromTheirDayOnAndOnlyThere() throws {
        try Self.replayed { strategy, record, data in
            let lines = try String(contentsOf: data, encoding: .utf8).split(separator: "\n").map(String.init)
            // Closes 3% higher for 60 days from row 1,500 (highs and lows widened to hold them).
            let from = 1_500
            var changed = lines
            for k in from..<(from + 60) {
                var f = changed[k].split(separator: ",").map(String.init)
                let close = Double(f[4])! * 1.03
                f[2] = "\(max(Double(f[2])!, close))"; f[4] = "\(close)"
                changed[k] = f.joined(separator: ",")
            }
            let start = Int64(lines[from].split(separator: ",")[0])!
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("paper-report-\(UUID().uuidString).csv")
            defer { try? FileManager.default.removeItem(at: file) }
            try changed.joined(separator: "\n").write(to: file, atomically: true, encoding: .utf8)

            let (_, result) = try PaperBacktest.run(strategy, record: record, data: file.path)
            let c = PaperComparison(paper: record, backtest: result)
            // Plain reading: the same timestamps; count the bars whose equity differs.
            #expect(result.timestamps == record.timestamps)
            let differing = record.timestamps.indices.filter { record.equity[$0] != result.equity[$0] }
            #expect(c.equityDifferences == differing.count && !differing.isEmpty)
            #expect(c.firstEquityDifference == record.timestamps[differing[0]] && c.firstEquityDifference! >= start)
            #expect(c.largestEquityDifference == differing.map { abs(record.equity[$0] - result.equity[$0]) }.max())
            // Fills before the change are all equal; the differences are the positions whose fills differ.
            let paired = min(record.fills.count, result.fills.count)
            let unequal = (0..<paired).filter { record.fills[$0] != PaperFill(result.fills[$0]) } + Array(paired..<max(record.fills.count, result.fills.count))
            #expect(c.fillDifferences.map(\.index) == unequal)
            #expect(!unequal.isEmpty && unequal.allSatisfy { $0 >= record.fills.firstIndex { $0.ts >= start }! })
            #expect(!c.isExact)
        }
    }

    @Test func aDataFileThatMissesThePeriodIsRefused() throws {
        try Self.replayed { strategy, record, _ in
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("paper-report-\(UUID().uuidString).csv")
            defer { try? FileManager.default.removeItem(at: file) }
            // Two days of 2017, long before the paper run.
            try "timestamp,open,high,low,close,volume\n1500000000000,1,1,1,1,1\n1500086400000,1,1,1,1,1\n"
                .write(to: file, atomically: true, encoding: .utf8)
            let error = #expect(throws: PaperError.self) { try PaperBacktest.run(strategy, record: record, data: file.path) }
            #expect(error?.description.contains("0 bar(s) between") == true)
        }
    }
}
