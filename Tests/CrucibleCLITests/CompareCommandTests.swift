import Foundation
import Testing

/// `crucible compare` writes the JSON shape issue 6 specifies:
/// {"metrics": {COLUMN: {metric: value}}, "tests": {"spa": {"benchmark", "studentized", "pvalues":
/// {"lower", "consistent", "upper"}}, "reality_check": {"pvalue"}, "stepm": {"superior": [...]},
/// "mcs": {"included": [...], "pvalues": {COLUMN: p}}}}.
@Suite struct CompareCommandTests {
    @Test func jsonHasTheIssueShape() throws {
        // Three columns of 120 hourly returns from a seeded linear congruential generator.
        var state: UInt64 = 42
        func uniform() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 11) / Double(1 << 53)
        }
        var csv = "timestamp,trend,reversion,hold\n"
        for i in 0..<120 {
            let row = [0.0004, 0.0001, 0.0].map { $0 + (uniform() - 0.5) * 0.02 }
            csv += "\(1_514_764_800_000 + Int64(i) * 3_600_000)," + row.map { "\($0)" }.joined(separator: ",") + "\n"
        }
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("returns.csv"), output = folder.appendingPathComponent("out.json")
        try Data(csv.utf8).write(to: input)
        let run = try CLI.run(["compare", input.path, "--periods-per-year", "8760", "--benchmark", "hold",
                               "--bootstrap-reps", "200", "--seed", "7", "--json", output.path])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("sharpe"))

        let report = try CLI.object(Data(contentsOf: output))
        let columns = ["trend", "reversion", "hold"]
        let metrics = try #require(report["metrics"] as? [String: [String: Any]])
        #expect(Set(metrics.keys) == Set(columns))
        for column in columns {
            for name in ["sharpe_ratio", "sortino_ratio", "annual_return", "annual_volatility", "max_drawdown", "calmar_ratio",
                         "omega_ratio", "tail_ratio", "stability_of_timeseries", "value_at_risk",
                         "conditional_value_at_risk", "cum_returns_final"] {
                #expect(metrics[column]?[name] is Double, "\(column).\(name)")
            }
        }
        func probability(_ value: Any?) -> Bool { (value as? Double).map { (0...1).contains($0) } ?? false }
        let tests = try #require(report["tests"] as? [String: Any])
        let spa = try #require(tests["spa"] as? [String: Any])
        #expect(spa["benchmark"] as? String == "hold")
        #expect(spa["studentized"] as? Bool == true)
        let spaP = try #require(spa["pvalues"] as? [String: Any])
        #expect(["lower", "consistent", "upper"].allSatisfy { probability(spaP[$0]) })
        #expect(probability((tests["reality_check"] as? [String: Any])?["pvalue"]))
        let superior = try #require((tests["stepm"] as? [String: Any])?["superior"] as? [String])
        #expect(Set(superior).isSubset(of: ["trend", "reversion"]))
        let mcs = try #require(tests["mcs"] as? [String: Any])
        let included = try #require(mcs["included"] as? [String])
        #expect(!included.isEmpty && Set(included).isSubset(of: Set(columns)))
        let mcsP = try #require(mcs["pvalues"] as? [String: Any])
        #expect(Set(mcsP.keys) == Set(columns) && columns.allSatisfy { probability(mcsP[$0]) })
    }
}
