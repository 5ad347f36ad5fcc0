/// `manifest.json`: what produced a result folder, so a run can be reproduced and checked.
///
/// Semantics: `specSHA256` hashes the spec file's bytes as given; `dataSHA256` the dataset's
/// bytes (or the store query's bars, as the runner defines it); `engineVersion` is
/// `CrucibleVersion.current`. `threads` and `wallTimeSeconds` describe the machine's work and
/// are kept out of `ranked.csv` and `summary.json`, which must not depend on them. A shard's
/// manifest adds `shard` (`ShardIdentity`), a merged run's `merged_shards`.
public struct RunManifest: Sendable, Equatable {
    public var runID: String
    public var name: String
    public var specSHA256: String
    public var dataSHA256: String
    public var engineVersion: String
    public var seed: UInt64
    public var threads: Int
    public var wallTimeSeconds: Double
    /// When the run started, ISO-8601 UTC.
    public var started: String
    /// Whether the run was continued with `--resume`.
    public var resumed: Bool
    /// The slice a shard's folder holds (nil for a whole run).
    public var shard: ShardIdentity?
    /// How many shards a merged run was joined from (nil unless merged).
    public var mergedShards: Int?
    /// The spec file's folder, which its relative paths are resolved against (nil: built in code).
    public var specFolder: String?
    /// The data as resolved: the CSV file's absolute path, or the store and its query.
    public var data: String

    public init(runID: String, name: String, specSHA256: String, dataSHA256: String, engineVersion: String,
                seed: UInt64, threads: Int, wallTimeSeconds: Double, started: String, resumed: Bool,
                specFolder: String? = nil, data: String = "", shard: ShardIdentity? = nil, mergedShards: Int? = nil) {
        self.runID = runID; self.name = name; self.specSHA256 = specSHA256; self.dataSHA256 = dataSHA256
        self.engineVersion = engineVersion; self.seed = seed; self.threads = threads
        self.wallTimeSeconds = wallTimeSeconds; self.started = started; self.resumed = resumed
        self.specFolder = specFolder; self.data = data
        self.shard = shard; self.mergedShards = mergedShards
    }

    /// The manifest as JSON, members in a fixed order.
    public var json: JSONText {
        .object([
            ("run_id", .string(runID)),
            ("name", .string(name)),
            ("spec_sha256", .string(specSHA256)),
            ("data_sha256", .string(dataSHA256)),
            ("engine_version", .string(engineVersion)),
            ("seed", .string(String(seed))),
            ("threads", .int(Int64(threads))),
            ("wall_time_seconds", .number(wallTimeSeconds)),
            ("started", .string(started)),
            ("resumed", .bool(resumed)),
            ("spec_folder", specFolder.map(JSONText.string) ?? .null),
            ("data", .string(data)),
        ] + (shard.map { [("shard", $0.json)] } ?? [])
          + (mergedShards.map { [("merged_shards", .int(Int64($0)))] } ?? []))
    }
}
