import ArgumentParser
import Optimization

/// `--shard K/N`, or `--shard auto` read from the cluster's environment, resolved to a slice.
///
/// Semantics: K is 0-based (`0 ≤ K < N`). `auto` reads a Kubernetes Indexed Job's
/// `JOB_COMPLETION_INDEX` (the count is the Job's `completions`, which the pod does not see:
/// pass it as `--shards N`), else a Slurm job array's `SLURM_ARRAY_TASK_ID` less
/// `SLURM_ARRAY_TASK_MIN` (so `--array=1-8` works too) out of `SLURM_ARRAY_TASK_COUNT`; an
/// array with a step other than 1 is refused, as its task ids would leave slices unrun.
enum ShardOption {
    static func resolve(shard: String?, shards: Int?, environment: [String: String]) throws -> TrialSlice? {
        guard let shard else {
            if shards != nil { throw ValidationError("--shards N is the shard count for --shard auto; pass --shard auto too") }
            return nil
        }
        let slice: TrialSlice
        if shard == "auto" {
            slice = try fromEnvironment(environment, shards: shards)
        } else {
            let parts = shard.split(separator: "/", omittingEmptySubsequences: false)
            guard parts.count == 2, let k = Int(parts[0]), let n = Int(parts[1]), let s = TrialSlice(index: k, count: n) else {
                throw ValidationError("--shard \(shard): expected K/N with 0 ≤ K < N (0-based), e.g. 0/4 … 3/4, or auto")
            }
            slice = s
        }
        if let shards, shards != slice.count {
            throw ValidationError("--shards \(shards) disagrees with shard \(slice)")
        }
        return slice
    }

    private static func fromEnvironment(_ env: [String: String], shards: Int?) throws -> TrialSlice {
        if let text = env["JOB_COMPLETION_INDEX"] {
            guard let shards else {
                throw ValidationError("--shard auto: JOB_COMPLETION_INDEX=\(text) (a Kubernetes Indexed Job) gives no count; pass --shards N (the Job's completions)")
            }
            guard let index = Int(text), let slice = TrialSlice(index: index, count: shards) else {
                throw ValidationError("--shard auto: JOB_COMPLETION_INDEX=\(text) is not an index in 0..<\(shards)")
            }
            return slice
        }
        if let text = env["SLURM_ARRAY_TASK_ID"] {
            let countText = env["SLURM_ARRAY_TASK_COUNT"] ?? ""
            guard let id = Int(text), let count = Int(countText) else {
                throw ValidationError("--shard auto: SLURM_ARRAY_TASK_ID=\(text) with SLURM_ARRAY_TASK_COUNT=\(countText): expected two integers")
            }
            if let step = env["SLURM_ARRAY_TASK_STEP"], step != "1" {
                throw ValidationError("--shard auto: the job array's step is \(step); use a step of 1 (e.g. --array=0-7) so every shard runs")
            }
            let minText = env["SLURM_ARRAY_TASK_MIN"] ?? "0"
            guard let minimum = Int(minText) else {
                throw ValidationError("--shard auto: SLURM_ARRAY_TASK_MIN=\(minText): expected an integer")
            }
            let index = id.subtractingReportingOverflow(minimum)
            guard !index.overflow, let slice = TrialSlice(index: index.partialValue, count: count) else {
                throw ValidationError("--shard auto: SLURM_ARRAY_TASK_ID=\(text) (minimum \(minimum)) is not one of \(count) tasks")
            }
            return slice
        }
        throw ValidationError("--shard auto: neither JOB_COMPLETION_INDEX (Kubernetes Indexed Job) nor SLURM_ARRAY_TASK_ID (Slurm job array) is set")
    }
}
