import Foundation
import Testing
import TestSupport

/// `crucible compare RESULT_DIR RESULT_DIR…`: the chosen strategies of finished runs lined up.
@Suite struct CompareResultFoldersTests {
    /// A four-point SMA grid on January 2023 of the bundled BTC 1h data.
    static func spec(name: String, walkForward: Bool, output: URL) -> String {
        let data = Fixtures.root.appendingPathComponent("datasets/btcusdt_1h.csv").path
        return """
            {"name": "\(name)", "seed": 1,
             "data": {"file": "\(data)", "start": "2023-01-01", "end": "2023-02-01"},
             "strategy": {"name": "sma_cross", "parameters": {"fast": {"values": [5, 10]}, "slow": {"values": [20, 40]}}},
             "engine": {"kind": "vectorized", "cash": 10000, "fees": {"taker_bps": 5}},
             "objective": {"metric": "sharpe_ratio", "direction": "maximize"},
             "optimizer": {"kind": "grid"},
             \(walkForward ? #""walk_forward": {"mode": "rolling", "train": 300, "test": 200},"# : "")
             "output": {"folder": "\(output.path)", "top_k": 1}}
            """
    }

    @Test func twoRunsAreComparedOnTheWalkForwardsTestBars() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var runs: [String] = []
        for (name, walkForward) in [("wf", true), ("full", false)] {
            let spec = folder.appendingPathComponent("\(name).json")
            try Data(Self.spec(name: name, walkForward: walkForward, output: folder).utf8).write(to: spec)
            let out = folder.appendingPathComponent("run_\(name)").path
            let run = try CLI.run(["run", spec.path, "--out", out, "--quiet", "--threads", "1"])
            #expect(run.status == 0, "\(run.stderr)")
            runs.append(out)
        }
        let json = folder.appendingPathComponent("compare.json")
        let compare = try CLI.run(["compare"] + runs + ["--benchmark", "full", "--bootstrap-reps", "100", "--json", json.path])
        #expect(compare.status == 0, "\(compare.stderr)")
        let report = try CLI.object(Data(contentsOf: json))
        #expect((report["metrics"] as? [String: Any])?.keys.sorted() == ["full", "wf"])
        let settings = try #require(report["settings"] as? [String: Any])
        // Hourly bars: 365 × 24 periods a year, inferred from the bars' spacing.
        #expect(settings["periods_per_year"] as? Double == 8760)
        // Folds test bars 300–499 and 500–699 (a third would need bar 899): 400 common bars.
        #expect(settings["periods"] as? Int == 400)
        #expect((report["tests"] as? [String: Any])?["spa"] != nil)
    }

    @Test func aFolderThatIsNoRunIsADataError() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try CLI.run(["compare", folder.path, folder.path])
        #expect(run.status == 1)
        #expect(run.stderr.contains("no results.sqlite"), "\(run.stderr)")
    }
}
