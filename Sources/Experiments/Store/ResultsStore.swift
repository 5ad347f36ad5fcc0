import Foundation
import MarketData
import Optimization
import Simulation
import Strategies

/// The SQLite results store of one experiment run (`results.sqlite`).
///
/// Semantics: the database runs in WAL mode with `synchronous = NORMAL`; each call that
/// writes is one short transaction, so a process killed at any point (SIGINT, SIGKILL) leaves
/// the store as it was after the last committed call — never half a trial. (`NORMAL` skips the
/// fsync per commit: a power cut may lose the last commits, never consistency.)
/// Statements are prepared once per store. Reads for `--resume` return the finished trials in
/// id order, so the runner can skip them and replay them into the optimizer.
public final class ResultsStore {
    public let path: String
    let db: SQLiteConnection<StoreError>
    private let insertTrial: SQLiteStatement<StoreError>
    private let insertEquity: SQLiteStatement<StoreError>
    private let insertTrade: SQLiteStatement<StoreError>
    private let insertRiskEvent: SQLiteStatement<StoreError>
    private let insertDaily: SQLiteStatement<StoreError>

    /// How a store is opened.
    public enum Access: Sendable {
        /// The run's store: WAL journal, created with its tables when missing.
        case readWrite
        /// Reading another run's store (a shard being merged): nothing in the file changes.
        case readOnly
        /// Filling a new file that is renamed into place only once complete (the merge's copy):
        /// no journal and no syncs, so a crash leaves a file nobody reads, never a half store.
        case bulkLoad
    }

    /// Opens (or creates, unless `readOnly`) the store at `path` and makes sure its tables exist.
    public init(path: String, access: Access = .readWrite) throws(StoreError) {
        self.path = path
        let db = try SQLiteConnection<StoreError>(path: path, readOnly: access == .readOnly)
        self.db = db
        // 16 KiB pages (applies to a new file only) hold ~35 trial rows each; a 64 MiB cache and
        // memory-mapped reads keep the full scans over a million trials (ranking, the report)
        // from re-reading pages through system calls.
        try db.execute("PRAGMA cache_size = -65536")
        try db.execute("PRAGMA mmap_size = 1073741824")
        switch access {
        case .readOnly: break
        case .readWrite:
            try db.execute("PRAGMA page_size = 16384")
            try db.execute("PRAGMA journal_mode = WAL")
            try db.execute("PRAGMA synchronous = NORMAL")
        case .bulkLoad:
            try db.execute("PRAGMA page_size = 16384")
            try db.execute("PRAGMA journal_mode = OFF")
            try db.execute("PRAGMA synchronous = OFF")
        }
        if access != .readOnly {
            // A bulk load copies rows of stores that were checked when written, under a run row
            // it inserts itself: one parent lookup per copied row would check nothing new.
            if access == .readWrite { try db.execute("PRAGMA foreign_keys = ON") }
            try db.transaction { () throws(StoreError) in
                for statement in StoreSchema.statements { try db.execute(statement) }
                try db.execute("PRAGMA user_version = \(StoreSchema.version)")
            }
        }
        insertTrial = try db.prepare("""
            INSERT INTO trial (run_id, id, params, metrics, objective, status, error, seed, duration,
                               sharpe, sharpe_count, sharpe_skew, sharpe_kurtosis)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        insertDaily = try db.prepare("INSERT INTO trial_daily (run_id, trial_id, returns) VALUES (?, ?, ?)")
        insertEquity = try db.prepare("INSERT INTO equity_curve (run_id, trial_id, ts, equity) VALUES (?, ?, ?, ?)")
        insertTrade = try db.prepare("""
            INSERT INTO trade (run_id, trial_id, seq, symbol, direction, entry_bar, entry_ts, entry_price, quantity,
                               entry_fees, exit_bar, exit_ts, exit_price, exit_fees, pnl, exit_reason)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        insertRiskEvent = try db.prepare("""
            INSERT INTO risk_event (run_id, trial_id, seq, ts, bar, symbol, rule, action, value, limit_value, reason)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
    }

    // MARK: runs

    /// Records a new run, or — resuming — checks that the stored run has the same spec, the
    /// same data (sha256) and the same engine version, naming what changed.
    /// Returns whether the run already existed.
    @discardableResult
    public func open(_ run: RunRecord) throws(StoreError) -> Bool {
        if let existing = try self.run(id: run.id) {
            guard existing.specSHA256 == run.specSHA256 else { throw .specMismatch(path: path, run: run.id) }
            guard existing.dataSHA256 == run.dataSHA256 else {
                throw .resumeMismatch(path: path, run: run.id, what: "data sha256", stored: existing.dataSHA256, now: run.dataSHA256)
            }
            guard existing.engineVersion == run.engineVersion else {
                throw .resumeMismatch(path: path, run: run.id, what: "engine version", stored: existing.engineVersion,
                                      now: run.engineVersion)
            }
            return true
        }
        let names = JSONText.array(run.parameterNames.map(JSONText.string)).rendered()
        let metrics = JSONText.array(run.metricNames.map(JSONText.string)).rendered()
        try db.transaction { () throws(StoreError) in
            try db.prepare("""
                INSERT INTO run (id, name, spec, spec_sha256, data_sha256, engine_version, seed, parameter_names,
                                 metric_names, objective_metric, direction)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """).run([.text(run.id), .text(run.name), .text(run.specText), .text(run.specSHA256), .text(run.dataSHA256),
                          .text(run.engineVersion), .int(Int64(bitPattern: run.seed)), .text(names), .text(metrics),
                          .text(run.objectiveMetric), .text(run.direction.rawValue)])
        }
        return false
    }

    /// The ids of the runs stored here, in id order (a run folder holds one).
    public func runIDs() throws(StoreError) -> [String] {
        var ids: [String] = []
        try db.prepare("SELECT id FROM run ORDER BY id").query { row throws(StoreError) in ids.append(row.text(0)) }
        return ids
    }

    /// The run `id`, if stored.
    public func run(id: String) throws(StoreError) -> RunRecord? {
        var record: RunRecord?
        var failure: StoreError?
        try db.prepare("""
            SELECT name, spec, spec_sha256, data_sha256, engine_version, seed, parameter_names, metric_names,
                   objective_metric, direction FROM run WHERE id = ?
            """).query([.text(id)]) { row throws(StoreError) in
            guard let names = Self.strings(row.text(6)), let metrics = Self.strings(row.text(7)),
                  let direction = ObjectiveSpec.Direction(rawValue: row.text(9)) else {
                failure = .corrupt(path: path, reason: "run \(id) has malformed column lists")
                return
            }
            record = RunRecord(id: id, name: row.text(0), specText: row.text(1), specSHA256: row.text(2),
                               dataSHA256: row.text(3), engineVersion: row.text(4),
                               seed: UInt64(bitPattern: row.int64(5)), parameterNames: names, metricNames: metrics,
                               objectiveMetric: row.text(8), direction: direction)
        }
        if let failure { throw failure }
        return record
    }

    // MARK: trials

    /// Commits a batch of finished trials (and the daily returns kept for the PBO) in one
    /// transaction. Either all of it is stored or none.
    public func record(runID: String, _ trials: [TrialRecord], daily: [(trialID: Int, returns: [Double])] = []) throws(StoreError) {
        try db.transaction { () throws(StoreError) in
            for trial in trials {
                try insertTrial.run([
                    .text(runID), .int(Int64(trial.id)), .text(Self.json(trial.point).rendered()),
                    .blob(BlobCoding.encode(trial.metrics)), .optional(trial.objective),
                    .text(trial.status.rawValue), .optional(trial.error), .int(Int64(bitPattern: trial.seed)),
                    .double(trial.durationSeconds), .optional(trial.sharpe?.sharpe),
                    .optional(trial.sharpe.map { Int64($0.count) }), .optional(trial.sharpe?.skew),
                    .optional(trial.sharpe?.kurtosis),
                ])
            }
            for (id, returns) in daily {
                try insertDaily.run([.text(runID), .int(Int64(id)), .blob(BlobCoding.encode(returns))])
            }
        }
    }

    /// Replaces the stored curves of the run with `curves` (the final top K), in one transaction.
    public func replaceCurves(runID: String, _ curves: [(trialID: Int, TrialCurves)]) throws(StoreError) {
        try db.transaction { () throws(StoreError) in
            try db.prepare("DELETE FROM equity_curve WHERE run_id = ?").run([.text(runID)])
            try db.prepare("DELETE FROM trade WHERE run_id = ?").run([.text(runID)])
            try db.prepare("DELETE FROM risk_event WHERE run_id = ?").run([.text(runID)])
            for (id, curve) in curves { try insert(curve, runID: runID, trialID: id) }
        }
    }

    private func insert(_ curves: TrialCurves, runID: String, trialID: Int) throws(StoreError) {
        let run = SQLiteValue.text(runID), trial = SQLiteValue.int(Int64(trialID))
        try insertEquity.run([run, trial, .blob(BlobCoding.encode(curves.timestamps)), .blob(BlobCoding.encode(curves.equity))])
        for (seq, t) in curves.trades.enumerated() {
            try insertTrade.run([
                run, trial, .int(Int64(seq)), .int(Int64(t.symbol)), .double(t.direction), .int(Int64(t.entryBar)),
                .int(t.entryTs), .double(t.entryPrice), .double(t.quantity), .double(t.entryFees),
                .optional(t.exitBar.map(Int64.init)), .optional(t.exitTs), .optional(t.exitPrice), .double(t.exitFees),
                .double(t.pnl), .optional(t.exitReason.map { Int64($0.rawValue) }),
            ])
        }
        func number(_ x: Double) -> SQLiteValue { x.isNaN ? .null : .double(x) }
        for (seq, e) in curves.riskEvents.enumerated() {
            try insertRiskEvent.run([
                run, trial, .int(Int64(seq)), .int(e.ts), .int(Int64(e.bar)), .int(Int64(e.symbol)), .text(e.rule.description),
                .text(e.action.description), number(e.value), number(e.limit), .text(e.reason),
            ])
        }
    }

    // MARK: walk-forward and Monte Carlo

    /// Commits walk-forward folds (replacing folds with the same index).
    public func record(runID: String, folds: [FoldRecord]) throws(StoreError) {
        try db.transaction { () throws(StoreError) in
            let insert = try db.prepare("""
                INSERT OR REPLACE INTO fold (run_id, fold, train_start, train_end, test_start, test_end, params,
                                             in_sample, out_of_sample) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            for f in folds {
                try insert.run([.text(runID), .int(Int64(f.index)), .int(f.trainStart), .int(f.trainEnd), .int(f.testStart),
                                .int(f.testEnd), .text(Self.json(f.point).rendered()),
                                .text(Self.json(f.inSample).rendered()),
                                .text(Self.json(f.outOfSample).rendered())])
            }
        }
    }

    /// Commits Monte Carlo summaries (replacing any with the same method and metric).
    public func record(runID: String, monteCarlo: [MonteCarloRecord]) throws(StoreError) {
        try db.transaction { () throws(StoreError) in
            let insert = try db.prepare("""
                INSERT OR REPLACE INTO monte_carlo (run_id, method, metric, paths, p5, p25, p50, p75, p95, mean,
                                                    probability_of_loss, probability_of_ruin)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            for m in monteCarlo {
                try insert.run([.text(runID), .text(m.method.rawValue), .text(m.metric), .int(Int64(m.paths))]
                    + m.percentiles.map(SQLiteValue.double)
                    + [.double(m.mean), .double(m.probabilityOfLoss), .double(m.probabilityOfRuin)])
            }
        }
    }

    /// Commits the Monte Carlo equity fans (replacing any of the same method).
    public func record(runID: String, fans: [MonteCarloFanRecord]) throws(StoreError) {
        try db.transaction { () throws(StoreError) in
            let delete = try db.prepare("DELETE FROM monte_carlo_fan WHERE run_id = ? AND method = ?")
            let insert = try db.prepare("""
                INSERT INTO monte_carlo_fan (run_id, method, position, path_index, p5, p25, p50, p75, p95)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            for fan in fans {
                try delete.run([.text(runID), .text(fan.method.rawValue)])
                for (j, band) in fan.bands.enumerated() {
                    try insert.run([.text(runID), .text(fan.method.rawValue), .int(Int64(j)), .int(Int64(fan.pathIndices[j]))]
                        + band.map { $0.isFinite ? SQLiteValue.double($0) : .null })
                }
            }
        }
    }

    /// Commits the stitched walk-forward equity (replacing a previous one).
    public func record(runID: String, outOfSample: OutOfSampleEquity) throws(StoreError) {
        try db.transaction { () throws(StoreError) in
            try db.prepare("DELETE FROM out_of_sample WHERE run_id = ?").run([.text(runID)])
            let insert = try db.prepare("INSERT INTO out_of_sample (run_id, position, ts, equity) VALUES (?, ?, ?, ?)")
            for k in outOfSample.timestamps.indices {
                try insert.run([.text(runID), .int(Int64(k)), .int(outOfSample.timestamps[k]), .double(outOfSample.equity[k])])
            }
        }
    }

    /// Commits the comparison report (JSON text of Analytics' `ComparisonReport`), replacing one.
    public func record(runID: String, comparison: String) throws(StoreError) {
        try db.prepare("INSERT OR REPLACE INTO comparison (run_id, report) VALUES (?, ?)").run([.text(runID), .text(comparison)])
    }

    // MARK: JSON columns

    /// `{"fast": 10, "slow": 50.0, "kind": "ema"}` in the point's declaration order.
    static func json(_ point: TrialPoint) -> JSONText {
        .object(zip(point.names, point.values).map { name, value in
            switch value {
            case let .int(v): return (name, .int(Int64(v)))
            case let .double(v): return (name, .number(v))
            case let .string(v): return (name, .string(v))
            }
        })
    }

    /// Metrics as a JSON array aligned with the run's metric names (undefined → null).
    static func json(_ metrics: [Double?]) -> JSONText {
        .array(metrics.map(JSONText.number))
    }

    static func strings(_ text: String) -> [String]? {
        guard case let .array(items)? = try? JSONValue.parse(Data(text.utf8)) else { return nil }
        let strings = items.compactMap { item -> String? in
            if case let .string(s) = item { return s }
            return nil
        }
        return strings.count == items.count ? strings : nil
    }
}
