import Foundation
import Testing
import TestSupport

/// `deploy/k8s/`'s manifests checked structurally: the sweep is an Indexed Job whose pods pass
/// their index to `--shard auto` with the Job's completion count, and the merge Job mounts the
/// same claim at the same path and merges exactly the folders the shards write.
@Suite struct DeployManifestTests {
    static func manifest(_ name: String) throws -> [String: Any] {
        let url = Fixtures.root.appendingPathComponent("deploy/k8s").appendingPathComponent(name)
        return try #require(JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
    }

    /// The pod template's only container and the claim its `sweep` volume mounts.
    static func pod(_ job: [String: Any]) throws -> (container: [String: Any], claim: String, mountPath: String) {
        let spec = try #require(job["spec"] as? [String: Any])
        let template = try #require((spec["template"] as? [String: Any])?["spec"] as? [String: Any])
        let containers = try #require(template["containers"] as? [[String: Any]])
        try #require(containers.count == 1)
        let volumes = try #require(template["volumes"] as? [[String: Any]])
        let mounts = try #require(containers[0]["volumeMounts"] as? [[String: Any]])
        try #require(mounts.count == 1)
        let volume = try #require(volumes.first { $0["name"] as? String == mounts[0]["name"] as? String })
        let claim = try #require((volume["persistentVolumeClaim"] as? [String: Any])?["claimName"] as? String)
        return (containers[0], claim, try #require(mounts[0]["mountPath"] as? String))
    }

    @Test func theSweepIsAnIndexedJobAndTheMergeJobSharesItsVolume() throws {
        let sweep = try Self.manifest("sweep-job.json"), merge = try Self.manifest("merge-job.json")
        let claim = try Self.manifest("results-volume.json")
        #expect(sweep["kind"] as? String == "Job" && merge["kind"] as? String == "Job")
        let spec = try #require(sweep["spec"] as? [String: Any])
        #expect(spec["completionMode"] as? String == "Indexed")
        let completions = try #require(spec["completions"] as? Int)
        #expect(completions >= 2)

        // The shard pod: --shard auto with --shards equal to completions, writing a folder named by its index.
        let shard = try Self.pod(sweep)
        let script = ((shard.container["command"] as? [String] ?? []) + (shard.container["args"] as? [String] ?? [])).joined(separator: " ")
        let words = script.split(whereSeparator: { $0 == " " || $0 == ";" }).map(String.init)
        let run = try #require(words.firstIndex(of: "crucible").map { Array(words[$0...]) })
        #expect(run[1] == "run")
        let shardFlag = try #require(run.firstIndex(of: "--shard"))
        #expect(run[shardFlag + 1] == "auto")
        let shardsFlag = try #require(run.firstIndex(of: "--shards"))
        #expect(Int(run[shardsFlag + 1]) == completions)
        #expect(script.contains("out=\(shard.mountPath)/shard-$JOB_COMPLETION_INDEX"))
        #expect(run[try #require(run.firstIndex(of: "--out")) + 1] == "\"$out\"")

        // The merge pod: same claim and mount, and the folders of indices 0..<completions.
        let merger = try Self.pod(merge)
        #expect(merger.claim == shard.claim && merger.mountPath == shard.mountPath)
        #expect((claim["metadata"] as? [String: Any])?["name"] as? String == shard.claim)
        #expect((claim["spec"] as? [String: Any])?["accessModes"] as? [String] == ["ReadWriteMany"])
        let args = try #require(merger.container["args"] as? [String])
        let out = try #require(args.firstIndex(of: "--out"))
        #expect(args.first == "merge")
        #expect(Array(args[1..<out]) == (0..<completions).map { "\(shard.mountPath)/shard-\($0)" })
        #expect(args[out + 1].hasPrefix(shard.mountPath + "/"))
    }
}
