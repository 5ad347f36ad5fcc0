import Foundation
import Testing
import TestSupport

/// `crucible data …` end to end: the bundled file's anomaly counts, clear errors on bad input,
/// idempotent import.
@Suite struct DataCommandTests {
    /// Expected counts: datasets/README.md, anomaly table row of btcusdt_1h.csv and the summary
    /// table (61,246 rows, 2018-01-01T00:00Z … 2024-12-31T23:00Z, 1h; longest gap 33 bars).
    @Test func validateJSONHasTheREADMECounts() throws {
        let run = try CLI.run(["data", "validate", "datasets/btcusdt_1h.csv", "--json"])
        #expect(run.status == 0, "\(run.stderr)")
        let report = try CLI.object(Data(run.stdout.utf8))
        for key in ["rows", "gaps", "missing_bars", "duplicates", "unsorted", "misaligned", "ohlc_violations",
                    "zero_volume", "non_positive", "nan", "spikes", "first_ts", "last_ts", "timeframe", "longest_gap_bars"] {
            #expect(report[key] != nil, "missing key \(key)")
        }
        let integers: [(String, Int)] = [
            ("rows", 61_246), ("gaps", 27), ("missing_bars", 122), ("longest_gap_bars", 33), ("duplicates", 0),
            ("misaligned", 0), ("ohlc_violations", 0), ("zero_volume", 3), ("non_positive", 0), ("nan", 0),
            ("unsorted", 0),
        ]
        for (key, value) in integers { #expect(report[key] as? Int == value, "\(key)") }
        // 2018-01-01T00:00Z = 17532 days × 86,400,000 ms; 2024-12-31T23:00Z = 20088 days + 23 h.
        #expect(report["first_ts"] as? Int == 17_532 * 86_400_000)
        #expect(report["last_ts"] as? Int == 20_088 * 86_400_000 + 23 * 3_600_000)
        #expect(report["timeframe"] as? String == "1h")
    }

    @Test func badInputsExitNonZeroNamingFileLineAndField() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        func file(_ name: String, _ text: String) throws -> String {
            let url = folder.appendingPathComponent(name)
            try Data(text.utf8).write(to: url)
            return url.path
        }
        let header = "timestamp,open,high,low,close,volume\n"
        let headerOnly = try file("header_only.csv", header)
        let textPrice = try file("text_price.csv", header + "1514764800000,1,2,0.5,1.5,3\n1514768400000,1,2,0.5,abc,3\n")
        let shortRow = try file("short_row.csv", header + "1,2,3\n")
        let cases: [(arguments: [String], message: String)] = [
            (["data", "validate", folder.appendingPathComponent("missing.csv").path],
             folder.appendingPathComponent("missing.csv").path + ": no such file"),
            (["data", "validate", headerOnly], headerOnly + ": the file has a header but no bars"),
            (["data", "validate", textPrice], textPrice + ":3: close: expected a number, found \"abc\""),
            (["data", "validate", shortRow], shortRow + ":2: row: expected 6 fields, found 3"),
            (["data", "validate", "datasets/btcusdt_1h.csv", "--timeframe", "7m"], "unknown timeframe \"7m\""),
            (["data", "import", textPrice, "--store", folder.appendingPathComponent("store.sqlite").path],
             textPrice + ":3: close: expected a number, found \"abc\""),
        ]
        for c in cases {
            let run = try CLI.run(c.arguments)
            #expect(run.status != 0, "\(c.arguments)")
            #expect(run.stderr.contains(c.message), "\(c.arguments): \(run.stderr)")
        }
        // A failed import leaves no store behind.
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("store.sqlite").path))
    }

    @Test func importTwiceIsIdempotentAndInfoListsIt() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = folder.appendingPathComponent("market.sqlite").path
        let first = try CLI.run(["data", "import", "datasets/btcusdt_1d.csv", "--store", store])
        #expect(first.status == 0, "\(first.stderr)")
        // datasets/README.md: btcusdt_1d.csv has 2,101 rows, 2020-08-11 … 2026-05-20.
        #expect(first.stdout.contains("2,101 new, 0 already stored"), "\(first.stdout)")
        let second = try CLI.run(["data", "import", "datasets/btcusdt_1d.csv", "--store", store])
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stdout.contains("already imported"), "\(second.stdout)")

        let info = try CLI.run(["data", "info", "--store", store, "--lineage"])
        #expect(info.status == 0, "\(info.stderr)")
        let lines = info.stdout.split(separator: "\n").map(String.init)
        let series = lines.filter { $0.hasPrefix("BTCUSDT") && $0.contains("2020-08-11T00:00:00Z") }
        #expect(series.count == 1, "\(info.stdout)")
        #expect(series.first?.contains("2026-05-20T00:00:00Z") == true)
        #expect(series.first?.contains("2,101") == true)
        // One lineage row: the second import stored nothing.
        #expect(lines.filter { $0.hasSuffix("datasets/btcusdt_1d.csv") }.count == 1, "\(info.stdout)")
        #expect(lines.first?.hasSuffix(": 1 series") == true)
    }
}
