import MarketData
import Optimization

extension ResultsStore {
    /// Records the run's shard identity, or marks it complete (one row per run).
    public func record(runID: String, shard: ShardIdentity) throws(StoreError) {
        try db.prepare("""
            INSERT OR REPLACE INTO shard (run_id, shard_index, shard_count, total, spec_directory, complete)
            VALUES (?, ?, ?, ?, ?, ?)
            """).run([.text(runID), .int(Int64(shard.slice.index)), .int(Int64(shard.slice.count)),
                      .int(Int64(shard.total)), .text(shard.specDirectory), .int(shard.complete ? 1 : 0)])
    }

    /// The run's shard identity; nil for a run that is not a shard.
    public func shard(runID: String) throws(StoreError) -> ShardIdentity? {
        var identity: ShardIdentity?
        var failure: StoreError?
        try db.prepare("SELECT shard_index, shard_count, total, spec_directory, complete FROM shard WHERE run_id = ?")
            .query([.text(runID)]) { row throws(StoreError) in
                let index = row.int64(0), count = row.int64(1), total = row.int64(2)
                guard let i = Int(exactly: index), let n = Int(exactly: count), let slice = TrialSlice(index: i, count: n),
                      let t = Int(exactly: total), t >= 0 else {
                    failure = .corrupt(path: path, reason: "run \(runID) has shard \(index)/\(count) of \(total) trials")
                    return
                }
                identity = ShardIdentity(slice: slice, total: t, specDirectory: row.text(3), complete: row.int64(4) == 1)
            }
        if let failure { throw failure }
        return identity
    }

    /// Copies every trial and daily return of run `source` in the store file `path` into run
    /// `runID` of this store, in one transaction; returns how many trials it copied. Values are
    /// copied as stored (bit for bit); trial ids must not collide with those already here.
    func copyTrials(from path: String, source: String, into runID: String) throws(StoreError) -> Int {
        try db.prepare("ATTACH DATABASE ? AS shard_source").run([.text(path)])
        defer { try? db.execute("DETACH DATABASE shard_source") }
        return try db.transaction { () throws(StoreError) -> Int in
            try db.prepare("""
                INSERT INTO trial (run_id, id, params, metrics, objective, status, error, seed, duration,
                                   sharpe, sharpe_count, sharpe_skew, sharpe_kurtosis)
                SELECT ?, id, params, metrics, objective, status, error, seed, duration,
                       sharpe, sharpe_count, sharpe_skew, sharpe_kurtosis
                FROM shard_source.trial WHERE run_id = ? ORDER BY id
                """).run([.text(runID), .text(source)])
            var copied = 0
            try db.prepare("SELECT changes()").query { row throws(StoreError) in copied = Int(row.int64(0)) }
            try db.prepare("""
                INSERT INTO trial_daily (run_id, trial_id, returns)
                SELECT ?, trial_id, returns FROM shard_source.trial_daily WHERE run_id = ? ORDER BY trial_id
                """).run([.text(runID), .text(source)])
            return copied
        }
    }

    /// The number of the run's trials and their smallest and largest ids.
    func trialIDRange(runID: String) throws(StoreError) -> (count: Int, min: Int, max: Int) {
        var result = (count: 0, min: 0, max: -1)
        try db.prepare("SELECT COUNT(*), COALESCE(MIN(id), 0), COALESCE(MAX(id), -1) FROM trial WHERE run_id = ?")
            .query([.text(runID)]) { row throws(StoreError) in
                result = (Int(row.int64(0)), Int(row.int64(1)), Int(row.int64(2)))
            }
        return result
    }
}
