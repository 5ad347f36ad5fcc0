import Foundation
import Testing
import TestSupport

/// `crucible run --shard` as separate processes (as a cluster runs them), then `crucible merge`.
@Suite struct ShardCommandTests {
    /// The variables `--shard auto` reads, removed so the test's own environment cannot leak in.
    static let clusterVariables: [String: String?] = [
        "JOB_COMPLETION_INDEX": nil, "SLURM_ARRAY_TASK_ID": nil, "SLURM_ARRAY_TASK_COUNT": nil,
        "SLURM_ARRAY_TASK_MIN": nil, "SLURM_ARRAY_TASK_STEP": nil,
    ]

    static func run(_ arguments: [String], _ environment: [String: String?] = [:]) throws -> CLI.Output {
        try CLI.run(arguments, environment: clusterVariables.merging(environment) { $1 })
    }

    /// A 16-point grid on two months of the bundled data.
    static func spec(in folder: URL) throws -> String {
        let spec: [String: Any] = [
            "name": "shards", "seed": 5,
            "data": ["file": Fixtures.dataset("btcusdt_1h.csv").path, "start": "2023-01-01", "end": "2023-03-01"],
            "strategy": ["name": "sma_cross",
                         "parameters": ["fast": ["min": 5, "max": 20, "step": 5], "slow": ["min": 30, "max": 60, "step": 10]]],
            "engine": ["kind": "vectorized", "cash": 10_000, "fees": ["taker_bps": 5]],
            "objective": ["metric": "sharpe_ratio", "direction": "maximize"],
            "optimizer": ["kind": "grid"],
            "output": ["folder": folder.appendingPathComponent("results").path, "top_k": 3],
        ]
        let url = folder.appendingPathComponent("spec.json")
        try JSONSerialization.data(withJSONObject: spec, options: [.sortedKeys]).write(to: url)
        return url.path
    }

    @Test func threeProcessesFromSlurmKubernetesAndKNMergeToTheSingleRun() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let spec = try Self.spec(in: folder)
        let path = { (name: String) in folder.appendingPathComponent(name).path }
        let single = try Self.run(["run", spec, "--out", path("single"), "--quiet", "--threads", "1"])
        #expect(single.status == 0, "\(single.stderr)")
        // Shard 0 as a Kubernetes Indexed Job pod, 1 as task 2 of a Slurm array --array=1-3, 2 by hand.
        let shards: [([String], [String: String?])] = [
            (["--shard", "auto", "--shards", "3"], ["JOB_COMPLETION_INDEX": "0"]),
            (["--shard", "auto"], ["SLURM_ARRAY_TASK_ID": "2", "SLURM_ARRAY_TASK_COUNT": "3", "SLURM_ARRAY_TASK_MIN": "1"]),
            (["--shard", "2/3"], [:]),
        ]
        for (k, (flags, env)) in shards.enumerated() {
            let out = try Self.run(["run", spec, "--out", path("shard-\(k)"), "--quiet", "--threads", "1"] + flags, env)
            #expect(out.status == 0, "\(out.stderr)")
            #expect(out.stdout.contains("shard \(k)/3 complete"), "\(out.stdout)")
        }
        let merged = try Self.run(["merge", path("shard-2"), path("shard-0"), path("shard-1"), "--out", path("merged"), "--threads", "1"])
        #expect(merged.status == 0, "\(merged.stderr)")
        #expect(merged.stdout.contains("16 trials from 3 shards"))
        let a = try Data(contentsOf: URL(fileURLWithPath: path("single/ranked.csv")))
        let b = try Data(contentsOf: URL(fileURLWithPath: path("merged/ranked.csv")))
        #expect(a == b && !a.isEmpty)
        #expect(FileManager.default.fileExists(atPath: path("merged/report.html")))
        // A missing shard fails the merge with its name.
        let missing = try Self.run(["merge", path("shard-0"), path("shard-2"), "--out", path("partial")])
        #expect(missing.status != 0 && missing.stderr.contains("missing shard 1/3 of 3"), "\(missing.stderr)")
    }

    @Test(arguments: [
        (["--shard", "auto"], [:], "neither JOB_COMPLETION_INDEX (Kubernetes Indexed Job) nor SLURM_ARRAY_TASK_ID"),
        (["--shard", "auto"], ["JOB_COMPLETION_INDEX": "1"], "gives no count; pass --shards N"),
        (["--shard", "auto", "--shards", "2"], ["JOB_COMPLETION_INDEX": "2"], "JOB_COMPLETION_INDEX=2 is not an index in 0..<2"),
        (["--shard", "auto"], ["SLURM_ARRAY_TASK_ID": "0", "SLURM_ARRAY_TASK_COUNT": "2", "SLURM_ARRAY_TASK_STEP": "2"], "step is 2"),
        (["--shard", "auto"], ["SLURM_ARRAY_TASK_ID": "1", "SLURM_ARRAY_TASK_COUNT": "2", "SLURM_ARRAY_TASK_MIN": "-9223372036854775808"],
         "SLURM_ARRAY_TASK_ID=1 (minimum -9223372036854775808) is not one of 2 tasks"),
        (["--shard", "3/3"], [:], "--shard 3/3: expected K/N with 0 ≤ K < N"),
        (["--shard", "1/3", "--shards", "4"], [:], "--shards 4 disagrees with shard 1/3"),
        (["--shards", "4"], [:], "pass --shard auto too"),
    ] as [([String], [String: String?], String)])
    func badShardRequestsFailBeforeAnyWork(flags: [String], env: [String: String?], message: String) throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let spec = try Self.spec(in: folder)
        let out = try Self.run(["run", spec, "--out", folder.appendingPathComponent("run").path] + flags, env)
        #expect(out.status != 0)
        #expect(out.stderr.contains(message), "\(out.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("run").path))
    }
}
