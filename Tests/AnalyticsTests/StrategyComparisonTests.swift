import Foundation
import Testing
@testable import Analytics

/// Integration test of `crucible compare`'s core on a small CSV written here.
@Suite struct StrategyComparisonTests {
    /// Deterministic noise in [−1, 1) from a 64-bit LCG (Knuth's MMIX constants).
    struct Noise {
        var state: UInt64
        mutating func next() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 11) / Double(1 << 52) - 1
        }
    }

    /// bench: noise; edge: 0.5·bench + 0.003 + noise (a clear edge); worse: 0.5·bench − 0.001 + noise.
    /// Row 7 has an empty `worse` cell and must be dropped.
    func writeCSV() throws -> (path: String, bench: [Double], edge: [Double]) {
        var noise = Noise(state: 42)
        var text = "timestamp,bench,edge,worse\n"
        var bench: [Double] = [], edge: [Double] = []
        for t in 0..<400 {
            let b = 0.01 * noise.next(), e = 0.5 * b + 0.003 + 0.006 * noise.next(), l = 0.5 * b - 0.001 + 0.006 * noise.next()
            let ts = 1_700_000_000_000 + Int64(t) * 3_600_000
            if t == 7 { text += "\(ts),\(b),\(e),\n"; continue }
            text += "\(ts),\(b),\(e),\(l)\n"
            bench.append(b); edge.append(e)
        }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("crucible-compare-\(UUID().uuidString).csv")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return (url.path, bench, edge)
    }

    @Test func compareWritesTheDocumentedJSONShape() throws {
        let (path, bench, edge) = try writeCSV()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let table = try ReturnTable.read(path: path)
        #expect(table.names == ["bench", "edge", "worse"])
        #expect(table.droppedRows == 1)
        #expect(table.timestamps.count == 399)

        let options = ComparisonOptions(periodsPerYear: 8760, benchmark: "bench", replicates: 500, blockSize: 5, seed: 9)
        let report = try StrategyComparison.run(table, options: options)
        let json = try #require(JSONSerialization.jsonObject(with: report.jsonData()) as? [String: Any])

        // Metrics by hand: cum_returns_final = Π(1 + r) − 1, sharpe = mean/s·√8760.
        let metrics = json.dict("metrics")
        #expect(Set(metrics.keys) == ["bench", "edge", "worse"])
        let e = metrics.dict("edge")
        let growth = edge.reduce(1.0) { $0 * (1 + $1) } - 1
        #expect(abs(e.double("cum_returns_final")! - growth) <= 1e-12 * abs(growth))
        let mean = edge.reduce(0, +) / Double(edge.count)
        let s = (edge.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(edge.count - 1)).squareRoot()
        #expect(abs(e.double("sharpe_ratio")! - mean / s * 8760.0.squareRoot()) < 1e-9)
        for name in ["sortino_ratio", "annual_return", "annual_volatility", "max_drawdown", "calmar_ratio", "omega_ratio",
                     "tail_ratio", "stability_of_timeseries", "value_at_risk", "conditional_value_at_risk"] {
            #expect(e[name] is Double, "edge lacks \(name)")
        }
        #expect(bench.count == 399)

        let tests = json.dict("tests")
        let spa = tests.dict("spa")
        #expect(spa.string("benchmark") == "bench")
        #expect(spa["studentized"] as? Bool == true)
        let p = spa.dict("pvalues")
        for key in ["lower", "consistent", "upper"] { #expect((0...1).contains(p.double(key) ?? -1), "spa \(key)") }
        #expect(p.double("lower")! <= p.double("consistent")! && p.double("consistent")! <= p.double("upper")!)
        #expect(p.double("consistent")! < 0.05, "a 0.3%-per-period edge must be detected")
        #expect((0...1).contains(tests.dict("reality_check").double("pvalue") ?? -1))
        #expect((tests.dict("stepm")["superior"] as? [String]) == ["edge"])
        let mcs = tests.dict("mcs")
        #expect((mcs["included"] as? [String]) == ["edge"])
        #expect(Set(mcs.dict("pvalues").keys) == ["bench", "edge", "worse"])
        #expect(mcs.dict("pvalues").double("edge") == 1)

        // Same seed → same bytes.
        let again = try StrategyComparison.run(ReturnTable.read(path: path), options: options)
        #expect(try again.jsonData() == report.jsonData())
        #expect(report.text().contains("studentized"))
    }

    @Test func withoutBenchmarkOnlyTheModelConfidenceSet() throws {
        let (path, _, _) = try writeCSV()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let report = try StrategyComparison.run(ReturnTable.read(path: path),
                                                options: ComparisonOptions(periodsPerYear: 365, replicates: 200, seed: 1))
        let tests = try #require(JSONSerialization.jsonObject(with: report.jsonData()) as? [String: Any]).dict("tests")
        #expect(tests["mcs"] != nil)
        #expect(tests["spa"] == nil && tests["stepm"] == nil && tests["reality_check"] == nil)
    }

    @Test func badInputGetsALineNumberedError() {
        #expect(throws: AnalyticsError.input(path: "x.csv", line: 3, message: "timestamp 1 is not after the previous row's (timestamps must increase strictly)")) {
            try ReturnTable.parse("timestamp,a\n2,0.1\n1,0.2\n", path: "x.csv")
        }
        #expect(throws: AnalyticsError.input(path: "x.csv", line: 2, message: "a: expected a number (a per-period return), found 'abc'")) {
            try ReturnTable.parse("timestamp,a\n1,abc\n", path: "x.csv")
        }
        #expect(throws: AnalyticsError.self) { try ReturnTable.parse("time,a\n1,0.1\n", path: "x.csv") }
        let table = ReturnTable(timestamps: Array(1...12), names: ["a"], columns: [(1...12).map { Double($0) / 1000 }])
        #expect(throws: AnalyticsError.invalidArgument(name: "benchmark", expected: "one of the columns [\"a\"]", got: "zz")) {
            try StrategyComparison.run(table, options: ComparisonOptions(periodsPerYear: 365, benchmark: "zz"))
        }
    }

    @Test func alignsSeparatelyTimestampedSeriesAndCountsDrops() throws {
        let (table, dropped) = try ReturnTable.aligning([
            (name: "a", timestamps: [1, 2, 3, 4], values: [0.1, 0.2, 0.3, 0.4]),
            (name: "b", timestamps: [2, 3, 5], values: [1, 2, 3]),
        ])
        #expect(table.timestamps == [2, 3])
        #expect(table.columns == [[0.2, 0.3], [1, 2]])
        #expect(dropped == [2, 1])
    }
}
