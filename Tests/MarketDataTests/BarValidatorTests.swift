import Testing
import Foundation
import MarketData
import TestSupport

/// Golden counts come from datasets/README.md, written by the data provider independently.
@Suite struct BarValidatorTests {
    struct Golden: Sendable, CustomStringConvertible {
        var file: String, rows: Int, gaps: Int, missing: Int, longest: Int, zeroVolume: Int, timeframe: Timeframe
        var description: String { file }
    }

    static let goldens: [Golden] = [
        Golden(file: "btcusdt_1h.csv", rows: 61_246, gaps: 27, missing: 122, longest: 33, zeroVolume: 3, timeframe: .h1),
        Golden(file: "ethusdt_1h.csv", rows: 61_246, gaps: 27, missing: 122, longest: 33, zeroVolume: 3, timeframe: .h1),
        Golden(file: "btcusdt_1m.csv", rows: 30_240, gaps: 0, missing: 0, longest: 0, zeroVolume: 658, timeframe: .m1),
    ] + ["btc", "eth", "bnb", "xrp", "ada", "sol", "doge", "trx"].map {
        Golden(file: "\($0)usdt_1d.csv", rows: 2_101, gaps: 5, missing: 8, longest: 3, zeroVolume: 0, timeframe: .d1)
    }

    @Test(arguments: goldens)
    func findsTheAnomaliesListedInTheDatasetsReadme(_ golden: Golden) throws {
        let csv = try CSVBarReader.load(path: Fixtures.dataset(golden.file).path)
        let result = try BarValidator.validate(csv, policy: .fail)
        let r = result.report
        #expect(r.timeframe == golden.timeframe)
        #expect(r.rows == golden.rows)
        #expect(r.gaps == golden.gaps)
        #expect(r.missingBars == golden.missing)
        #expect(r.longestGapBars == golden.longest)
        #expect(r.zeroVolume == golden.zeroVolume)
        #expect(r.duplicates == 0 && r.unsorted == 0 && r.misaligned == 0)
        #expect(r.ohlcViolations == 0 && r.nonPositive == 0 && r.nan == 0)
        #expect(result.bars == csv.bars)   // nothing changed
    }

    @Test func longestHourlyGapIsTheFebruary2018Outage() throws {
        let r = try BarValidator.validate(CSVBarReader.load(path: Fixtures.dataset("btcusdt_1h.csv").path), policy: .warn).report
        #expect(r.longestGapAfterTs == 1_518_048_000_000)   // 2018-02-08T00:00Z, per the README
        // The README's three zero-volume hours: 2019-06-07 21:00, 2021-02-11 03:00, 2023-03-24 12:00 UTC.
        #expect(r.examples.filter { $0.kind == .zeroVolume }.map(\.ts) == [1_559_941_200_000, 1_613_012_400_000, 1_679_659_200_000])
    }

    // A hand-made 1h series: rows 0..7 with one of each anomaly.
    //   row 2: repeats row 1's time; row 4: goes back in time; row 5: high below close;
    //   row 6: zero volume; between rows 6 and 7 two hours are missing.
    static let h: Int64 = 3_600_000
    static func sample() -> BarSeries {
        BarSeries(instrument: Instrument(base: "BTC", quote: "USDT"), timeframe: .h1,
                  ts: [0, h, h, 2 * h, h, 3 * h, 4 * h, 7 * h],
                  open: [10, 11, 11, 12, 9, 13, 14, 15], high: [11, 12, 12, 13, 10, 12, 14, 16],
                  low: [9, 10, 10, 11, 8, 12, 14, 14], close: [11, 12, 12, 13, 9, 13, 14, 15],
                  volume: [1, 1, 1, 1, 1, 1, 0, 1])
    }

    @Test func countsEachKindOnHandMadeSeries() throws {
        let r = try BarValidator.validate(Self.sample(), policy: .warn).report
        #expect(r.duplicates == 1)
        #expect(r.unsorted == 1)
        #expect(r.ohlcViolations == 1)
        #expect(r.zeroVolume == 1)
        // steps: h, 0, h, -h, 2h, h, 3h → gaps at 1h→3h (1 missing) and 4h→7h (2 missing)
        #expect(r.gaps == 2 && r.missingBars == 3 && r.longestGapBars == 2)
        #expect(r.rowsOut == 8 && r.dropped == 0)
    }

    @Test func failNamesTheFirstBrokenLine() {
        let origin = BarValidator.Origin(path: "x.csv", line: { $0 + 2 })
        #expect {
            try BarValidator.validate(Self.sample(), policy: .fail, origin: origin)
        } throws: { error in
            guard case let .rejected(path, line, column, problem) = error as? DataError else { return false }
            return path == "x.csv" && line == 4 && column == "timestamp" && problem.contains("repeats")
        }
    }

    @Test func dropRemovesBrokenAndOutOfOrderRows() throws {
        let result = try BarValidator.validate(Self.sample(), policy: .drop)
        // kept: row 0 (0), 1 (h), 3 (2h), 6 (4h), 7 (7h); dropped: 2 (dup), 4 (back), 5 (ohlc)
        #expect(result.bars.ts == [0, Self.h, 2 * Self.h, 4 * Self.h, 7 * Self.h])
        #expect(result.report.droppedOutOfOrder == 2 && result.report.droppedInvalid == 1)
        #expect(result.report.rowsOut == 5)
    }

    @Test func fillForwardFillsGapsAtPreviousCloseAndFlagsThem() throws {
        let result = try BarValidator.validate(Self.sample(), policy: .fillForward)
        let h = Self.h
        #expect(result.bars.ts == [0, h, 2 * h, 3 * h, 4 * h, 5 * h, 6 * h, 7 * h])
        #expect(result.filled == [false, false, false, true, false, true, true, false])
        // 3h is filled from the close at 2h (13); 5h and 6h from the close at 4h (14)
        #expect(result.bars.close[3] == 13 && result.bars.high[3] == 13 && result.bars.volume[3] == 0)
        #expect(result.bars.open[5] == 14 && result.bars.low[6] == 14)
        #expect(result.report.filled == 3)
    }

    @Test func nanAndNonPositivePricesAreCounted() throws {
        let bars = BarSeries(instrument: Instrument(base: "BTC", quote: "USDT"), timeframe: .h1, ts: [0, Self.h, 2 * Self.h],
                             open: [1, .nan, 1], high: [1, 1, 1], low: [1, 1, -1], close: [1, 1, 1], volume: [1, 1, 1])
        let r = try BarValidator.validate(bars, policy: .warn).report
        #expect(r.nan == 1 && r.nonPositive == 1)
    }

    /// A flat random walk with one jump of 50 typical moves: exactly that jump and the return
    /// back are flagged (hand construction: returns alternate ±1%, median 0, MAD 1%).
    @Test func spikeDetectorFlagsAnIsolatedJump() {
        var close: [Double] = [100]
        for i in 1..<200 { close.append(close[i - 1] * (i % 2 == 0 ? 1.01 : 1 / 1.01)) }
        close[100] = close[99] * 1.5
        close[101] = close[100] / 1.5 * 1.01
        let n = close.count
        let bars = BarSeries(instrument: Instrument(base: "BTC", quote: "USDT"), timeframe: .h1, ts: (0..<n).map { Int64($0) * Self.h },
                             open: close, high: close, low: close, close: close, volume: Array(repeating: 1, count: n))
        #expect(SpikeDetector.spikes(bars, threshold: 12) == [100, 101])
    }

    @Test func jsonHasTheInterfaceKeys() throws {
        let report = try BarValidator.validate(Self.sample(), policy: .warn).report
        let object = try JSONSerialization.jsonObject(with: Data(report.json.utf8)) as! [String: Any]
        for key in ["rows", "gaps", "missing_bars", "duplicates", "unsorted", "ohlc_violations", "zero_volume",
                    "non_positive", "nan", "spikes", "first_ts", "last_ts"] {
            #expect(object[key] is Int, "\(key)")
        }
        #expect(object["timeframe"] as? String == "1h")
        #expect(object["rows"] as? Int == 8)
    }
}

/// Spike counts from Tests/Fixtures/spikes/robust_z.py (plain Python statistics module).
@Suite struct SpikeCountTests {
    @Test(arguments: ["btcusdt_1h.csv", "btcusdt_1m.csv", "btcusdt_1d.csv", "dogeusdt_1d.csv"])
    func matchesThePythonReference(_ file: String) throws {
        let golden = try Fixtures.json("spikes/spike_counts.json") as! [String: [String: Int]]
        let bars = try Fixtures.bars(file)
        for (threshold, count) in golden[file]!.sorted(by: { $0.key < $1.key }) {
            #expect(SpikeDetector.spikes(bars, threshold: Double(threshold)!).count == count, "\(file) at \(threshold)")
        }
        #expect(try BarValidator.validate(bars, policy: .warn).report.spikes == golden[file]!["20.0"])
    }
}
