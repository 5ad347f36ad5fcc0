import ArgumentParser
import Experiments
import Foundation
import Reports

/// `crucible merge SHARD_DIR... --out DIR`: joins the folders of a sharded run.
struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Join the shard folders of `crucible run --shard K/N` into one run folder.",
        discussion: """
        Checks that every folder holds a complete shard of the same spec, data and engine \
        version, and that each of the N shards is given exactly once (naming any missing, \
        duplicated or unfinished one). Then writes one results.sqlite, ranked.csv, summary.json, \
        spec.json, manifest.json and report.html into --out, computing what needs every trial — \
        the deflated Sharpe ratio over the number of trials, the PBO, the top trials' curves — \
        and the walk-forward, Monte Carlo and compare stages. ranked.csv is byte-identical to a \
        single-machine run of the same spec.

        Example:
          crucible merge sweep/shard-0 sweep/shard-1 sweep/shard-2 sweep/shard-3 --out sweep/merged
        """)

    @Argument(help: "The shard folders (any order).")
    var shardFolders: [String]

    @Option(help: "The merged run's folder (new).")
    var out: String

    @Option(help: "Worker threads for the top trials' curves and the stages (default: every core).")
    var threads: Int = ProcessInfo.processInfo.activeProcessorCount

    func run() throws {
        guard threads >= 1 else { throw ValidationError("--threads must be at least 1") }
        guard !shardFolders.isEmpty else { throw ValidationError("name the shard folders to merge") }
        let (outcome, specDirectory) = try ShardMerge.merge(shards: shardFolders, out: out, threads: threads)
        print("\(outcome.trials) trials from \(shardFolders.count) shards → \(outcome.folder.url.path)")
        let report = try ReportBuilder(folder: outcome.folder.url, specDirectories: [specDirectory]).write()
        print("report → \(report.path)")
    }
}
