import Analytics
import Foundation
import MarketData
import Optimization
import Simulation
import Strategies

/// What `--resume` needs besides the trials themselves (which `forEachTrial` streams).
public struct ResumeState: Sendable, Equatable {
    public var run: RunRecord
    /// Number of finished trials.
    public var finished: Int
    /// The first id never handed out (ids are dense from 0 in proposal order).
    public var nextID: Int
    /// Ids below `nextID` that never finished (proposed when the process stopped): the runner
    /// hands them out again first, so a trial keeps its id.
    public var unfinishedIDs: [Int]
    /// Trials whose equity and trades are stored (the final top K, once the search finished).
    public var trialsWithCurves: [Int]
}

extension ResultsStore {
    /// The state of run `id` to continue it (one streaming pass over the trial ids), or
    /// throws `unknownRun`. For a shard's run, `finished`, `nextID` and `unfinishedIDs` count
    /// positions within its `slice` (`TrialSlice.localID`), not the whole run's ids.
    public func resume(runID: String, slice: TrialSlice = .whole) throws(StoreError) -> ResumeState {
        guard let run = try run(id: runID) else { throw .unknownRun(path: path, run: runID) }
        var finished = 0, next = 0
        var unfinished: [Int] = []
        try db.prepare("SELECT id FROM trial WHERE run_id = ? ORDER BY id").query([.text(runID)]) { row throws(StoreError) in
            let id = slice.localID(Int(row.int64(0)))
            unfinished += next..<id
            next = id + 1
            finished += 1
        }
        var withCurves: [Int] = []
        try db.prepare("SELECT trial_id FROM equity_curve WHERE run_id = ? ORDER BY trial_id")
            .query([.text(runID)]) { row throws(StoreError) in withCurves.append(Int(row.int64(0))) }
        return ResumeState(run: run, finished: finished, nextID: next, unfinishedIDs: unfinished, trialsWithCurves: withCurves)
    }

    /// Calls `body` with every stored trial of the run in id order, streaming (for replaying a
    /// run of any size into an optimizer).
    public func forEachTrial(runID: String, _ body: (TrialRecord) -> Void) throws(StoreError) {
        guard let run = try run(id: runID) else { throw .unknownRun(path: path, run: runID) }
        try db.prepare("SELECT \(Self.trialColumns) FROM trial WHERE run_id = ? ORDER BY id").query([.text(runID)]) { row throws(StoreError) in
            guard let trial = trial(row, names: run.parameterNames) else {
                throw .corrupt(path: path, reason: "trial \(row.int64(0)) of run \(runID) has malformed columns")
            }
            body(trial)
        }
    }

    /// Calls `body` with every stored trial's id, status, objective and point, in id order,
    /// streaming: what a report draws per trial, without decoding the metrics.
    public func forEachTrialPoint(runID: String,
                                  _ body: (_ id: Int, _ status: TrialStatus, _ objective: Double?, _ point: TrialPoint) -> Void)
        throws(StoreError) {
        guard let run = try run(id: runID) else { throw .unknownRun(path: path, run: runID) }
        try db.prepare("SELECT id, params, objective, status FROM trial WHERE run_id = ? ORDER BY id").query([.text(runID)]) { row throws(StoreError) in
            guard let point = storedPoint(row, names: run.parameterNames), let status = TrialStatus(rawValue: row.text(3)) else {
                throw .corrupt(path: path, reason: "trial \(row.int64(0)) of run \(runID) has malformed columns")
            }
            body(Int(row.int64(0)), status, row.optionalDouble(2), point)
        }
    }

    /// Every stored trial of the run, in id order.
    public func trials(runID: String) throws(StoreError) -> [TrialRecord] {
        guard let run = try run(id: runID) else { throw .unknownRun(path: path, run: runID) }
        var trials: [TrialRecord] = []
        var failure: StoreError?
        try db.prepare("SELECT \(Self.trialColumns) FROM trial WHERE run_id = ? ORDER BY id").query([.text(runID)]) { row throws(StoreError) in
            guard let trial = trial(row, names: run.parameterNames) else {
                failure = failure ?? .corrupt(path: path, reason: "trial \(row.int64(0)) of run \(runID) has malformed columns")
                return
            }
            trials.append(trial)
        }
        if let failure { throw failure }
        return trials
    }

    /// The stored equity and trades of one trial (nil when it is not among the kept top K).
    public func curves(runID: String, trialID: Int) throws(StoreError) -> TrialCurves? {
        var timestamps: [Int64] = [], equity: [Double] = [], trades: [Simulation.Trade] = []
        let key: [SQLiteValue] = [.text(runID), .int(Int64(trialID))]
        try db.prepare("SELECT ts, equity FROM equity_curve WHERE run_id = ? AND trial_id = ?")
            .query(key) { row throws(StoreError) in
                guard let ts = BlobCoding.int64s(row.blob(0)), let values = BlobCoding.doubles(row.blob(1)), ts.count == values.count else {
                    throw .corrupt(path: path, reason: "equity curve of trial \(trialID)")
                }
                timestamps = ts
                equity = values
            }
        try db.prepare("""
            SELECT symbol, direction, entry_bar, entry_ts, entry_price, quantity, entry_fees, exit_bar, exit_ts,
                   exit_price, exit_fees, pnl, exit_reason FROM trade WHERE run_id = ? AND trial_id = ? ORDER BY seq
            """).query(key) { row throws(StoreError) in
            trades.append(Simulation.Trade(
                symbol: Int(row.int64(0)), direction: row.double(1), entryBar: Int(row.int64(2)), entryTs: row.int64(3),
                entryPrice: row.double(4), quantity: row.double(5), entryFees: row.double(6),
                exitBar: row.isNull(7) ? nil : Int(row.int64(7)), exitTs: row.isNull(8) ? nil : row.int64(8),
                exitPrice: row.optionalDouble(9), exitFees: row.double(10), pnl: row.double(11),
                exitReason: row.isNull(12) ? nil : ExitReason(rawValue: UInt8(truncatingIfNeeded: row.int64(12)))))
        }
        var events: [RiskEvent] = []
        try db.prepare("""
            SELECT ts, bar, symbol, rule, action, value, limit_value FROM risk_event WHERE run_id = ? AND trial_id = ? ORDER BY seq
            """).query(key) { row throws(StoreError) in
            let ruleName = row.text(3), actionName = row.text(4)
            guard let rule = RiskRule.allCases.first(where: { $0.description == ruleName }),
                  let action = RiskAction.allCases.first(where: { $0.description == actionName }) else {
                throw .corrupt(path: path, reason: "risk event of trial \(trialID): unknown rule \"\(ruleName)\" or action \"\(actionName)\"")
            }
            events.append(RiskEvent(ts: row.int64(0), bar: Int(row.int64(1)), symbol: Int(row.int64(2)), rule: rule, action: action,
                                    value: row.optionalDouble(5) ?? .nan, limit: row.optionalDouble(6) ?? .nan))
        }
        guard !timestamps.isEmpty || !trades.isEmpty else { return nil }
        return TrialCurves(timestamps: timestamps, equity: equity, trades: trades, riskEvents: events)
    }

    /// The stored walk-forward folds, in fold order.
    public func folds(runID: String) throws(StoreError) -> [FoldRecord] {
        guard let run = try run(id: runID) else { throw .unknownRun(path: path, run: runID) }
        var folds: [FoldRecord] = []
        var failure: StoreError?
        try db.prepare("""
            SELECT fold, train_start, train_end, test_start, test_end, params, in_sample, out_of_sample
            FROM fold WHERE run_id = ? ORDER BY fold
            """).query([.text(runID)]) { row throws(StoreError) in
            guard let point = point(row.text(5), names: run.parameterNames),
                  let inSample = numbers(row.text(6)), let outOfSample = numbers(row.text(7)) else {
                failure = failure ?? .corrupt(path: path, reason: "fold \(row.int64(0)) of run \(runID) has malformed columns")
                return
            }
            folds.append(FoldRecord(index: Int(row.int64(0)), trainStart: row.int64(1), trainEnd: row.int64(2),
                                    testStart: row.int64(3), testEnd: row.int64(4), point: point,
                                    inSample: inSample, outOfSample: outOfSample))
        }
        if let failure { throw failure }
        return folds
    }

    /// The stored Monte Carlo summaries, by method (spec order of the enum) then metric name.
    public func monteCarlo(runID: String) throws(StoreError) -> [MonteCarloRecord] {
        var records: [MonteCarloRecord] = []
        try db.prepare("""
            SELECT method, metric, paths, p5, p25, p50, p75, p95, mean, probability_of_loss, probability_of_ruin
            FROM monte_carlo WHERE run_id = ? ORDER BY method, metric
            """).query([.text(runID)]) { row throws(StoreError) in
            guard let method = MonteCarloMethod(rawValue: row.text(0)) else {
                throw .corrupt(path: path, reason: "unknown Monte Carlo method \"\(row.text(0))\"")
            }
            records.append(MonteCarloRecord(method: method, metric: row.text(1), paths: Int(row.int64(2)),
                                            percentiles: (3...7).map { row.optionalDouble(Int32($0)) ?? .nan },
                                            mean: row.optionalDouble(8) ?? .nan, probabilityOfLoss: row.double(9),
                                            probabilityOfRuin: row.double(10)))
        }
        return records
    }

    /// The stored Monte Carlo equity fans, by method name.
    public func monteCarloFans(runID: String) throws(StoreError) -> [MonteCarloFanRecord] {
        var rows: [(method: String, index: Int, band: [Double])] = []
        try db.prepare("""
            SELECT method, path_index, p5, p25, p50, p75, p95 FROM monte_carlo_fan WHERE run_id = ? ORDER BY method, position
            """).query([.text(runID)]) { row throws(StoreError) in
            rows.append((row.text(0), Int(row.int64(1)), (2...6).map { row.optionalDouble(Int32($0)) ?? .nan }))
        }
        var fans: [MonteCarloFanRecord] = []
        var start = 0
        while start < rows.count {
            var end = start
            while end < rows.count && rows[end].method == rows[start].method { end += 1 }
            guard let method = MonteCarloMethod(rawValue: rows[start].method) else {
                throw .corrupt(path: path, reason: "unknown Monte Carlo method \"\(rows[start].method)\"")
            }
            fans.append(MonteCarloFanRecord(method: method, pathIndices: rows[start..<end].map(\.index), bands: rows[start..<end].map(\.band)))
            start = end
        }
        return fans
    }

    /// The stitched walk-forward equity, nil when the run had no walk-forward.
    public func outOfSampleEquity(runID: String) throws(StoreError) -> OutOfSampleEquity? {
        var timestamps: [Int64] = [], equity: [Double] = []
        try db.prepare("SELECT ts, equity FROM out_of_sample WHERE run_id = ? ORDER BY position").query([.text(runID)]) { row throws(StoreError) in
            timestamps.append(row.int64(0))
            equity.append(row.double(1))
        }
        return timestamps.isEmpty ? nil : OutOfSampleEquity(timestamps: timestamps, equity: equity)
    }

    /// The stored comparison report (JSON text), nil when the run had no compare stage.
    public func comparison(runID: String) throws(StoreError) -> String? {
        var report: String?
        try db.prepare("SELECT report FROM comparison WHERE run_id = ?").query([.text(runID)]) { row throws(StoreError) in
            report = row.text(0)
        }
        return report
    }

    /// A params column back as a point, values in the run's declared order.
    private func point(_ text: String, names: [String]) -> TrialPoint? {
        guard case let .object(members)? = try? JSONValue.parse(Data(text.utf8)), members.count == names.count else { return nil }
        var values: [Optimization.ParameterValue] = []
        for name in names {
            switch members[name] {
            case let .integer(v)?: values.append(.int(Int(v)))
            case let .number(v)?: values.append(.double(v))
            case let .string(v)?: values.append(.string(v))
            default: return nil
            }
        }
        return TrialPoint(names: names, values: values)
    }

    /// A metrics column (array of numbers or null) back as optionals.
    private func numbers(_ text: String) -> [Double?]? {
        guard case let .array(items)? = try? JSONValue.parse(Data(text.utf8)) else { return nil }
        var values: [Double?] = []
        for item in items {
            if case .null = item { values.append(nil); continue }
            guard let v = item.doubleValue else { return nil }
            values.append(v)
        }
        return values
    }
}

/// One run's trials in one store: the input of a ranking, which may span several stores (the
/// shards of one sharded run, whose trial ids are distinct).
public struct RankingSource {
    public let store: ResultsStore
    public let runID: String

    public init(store: ResultsStore, runID: String) {
        self.store = store
        self.runID = runID
    }
}

extension ResultsStore {
    /// Calls `body` with every trial of the run (the first `limit` when given) in `TrialRanking`
    /// order and its 1-based rank, streaming from SQLite (never holding the trials in memory).
    ///
    /// The first `limit` come from SQLite's ordered scan (`TrialRanking.orderBy`) of the row ids
    /// alone, which keeps only that many, and are then read by row id. The whole ranking is
    /// `rankedTrials(across:)` of this one store.
    public func rankedTrials(runID: String, limit: Int? = nil, _ body: (Int, TrialRecord) -> Void) throws(StoreError) {
        guard let limit else { return try Self.rankedTrials(across: [RankingSource(store: self, runID: runID)], body) }
        guard let run = try run(id: runID) else { throw .unknownRun(path: path, run: runID) }
        let ranking = TrialRanking(direction: run.direction)
        // One read transaction (a savepoint nests in a caller's): one snapshot and one file lock
        // for the keys and the lookups, not one per statement.
        try db.execute("SAVEPOINT ranked_trials")
        defer { try? db.execute("RELEASE ranked_trials") }
        let fetch = try db.prepare("SELECT \(Self.trialColumns) FROM trial WHERE rowid = ?")
        // `+run_id`: a scan of the table in storage order instead of a lookup of every row
        // through the key's index; the sorter holds the row ids alone, never a row's parameters
        // and metrics.
        var rowIDs: [Int64] = []
        try db.prepare("SELECT rowid FROM trial WHERE +run_id = ? ORDER BY \(ranking.orderBy) LIMIT \(max(0, limit))")
            .query([.text(runID)]) { row throws(StoreError) in rowIDs.append(row.int64(0)) }
        for (index, rowID) in rowIDs.enumerated() {
            body(index + 1, try read(fetch, rowID: rowID, names: run.parameterNames, runID: runID))
        }
    }

    /// Calls `body` with every trial of `sources` (ranked with the first source's run's
    /// direction) in `TrialRanking` order and its 1-based rank: reads just the ranking keys (row
    /// id, status, objective, trial id) of each store in storage order, sorts them with
    /// `TrialRanking.precedes` — a few dozen bytes per trial, where SQLite's sorter would carry
    /// and spill every full row — and then reads each trial by its row id in rank order. Ranks
    /// are the same whether a run's trials sit in one store or are spread over several.
    public static func rankedTrials(across sources: [RankingSource], _ body: (Int, TrialRecord) -> Void) throws(StoreError) {
        guard let first = sources.first else { return }
        guard let run = try first.store.run(id: first.runID) else { throw .unknownRun(path: first.store.path, run: first.runID) }
        let ranking = TrialRanking(direction: run.direction)
        var keys: [(key: TrialRanking.Key, source: Int, rowID: Int64)] = []
        var fetches: [SQLiteStatement<StoreError>] = []
        var open: [ResultsStore] = []
        defer { for store in open { try? store.db.execute("RELEASE ranked_trials") } }
        for (index, source) in sources.enumerated() {
            let store = source.store
            try store.db.execute("SAVEPOINT ranked_trials")
            open.append(store)
            fetches.append(try store.db.prepare("SELECT \(Self.trialColumns) FROM trial WHERE rowid = ?"))
            try store.db.prepare("SELECT rowid, id, status, objective FROM trial WHERE +run_id = ?")
                .query([.text(source.runID)]) { row throws(StoreError) in
                    guard let status = TrialStatus(rawValue: row.text(2)) else {
                        throw .corrupt(path: store.path, reason: "trial \(row.int64(1)) of run \(source.runID) has status \"\(row.text(2))\"")
                    }
                    keys.append((TrialRanking.Key(id: Int(row.int64(1)), status: status, objective: row.optionalDouble(3)),
                                 index, row.int64(0)))
                }
        }
        keys.sort { ranking.precedes($0.key, $1.key) }
        for (rank, entry) in keys.enumerated() {
            let source = sources[entry.source]
            body(rank + 1, try source.store.read(fetches[entry.source], rowID: entry.rowID, names: run.parameterNames,
                                                 runID: source.runID))
        }
    }

    /// The trial at `rowID`, read with `fetch` (`SELECT trialColumns … WHERE rowid = ?`).
    private func read(_ fetch: SQLiteStatement<StoreError>, rowID: Int64, names: [String], runID: String) throws(StoreError)
        -> TrialRecord {
        fetch.bind(1, rowID)
        defer { fetch.reset() }
        guard try fetch.step() else { throw .corrupt(path: path, reason: "a ranked trial of run \(runID) vanished while ranking") }
        guard let trial = trial(fetch, names: names) else {
            throw .corrupt(path: path, reason: "trial \(fetch.int64(0)) of run \(runID) has malformed columns")
        }
        return trial
    }

    static let trialColumns = """
        id, params, metrics, objective, status, error, seed, duration, sharpe, sharpe_count, sharpe_skew, sharpe_kurtosis
        """

    /// Column 1's params as a point: the fast reader of the form the store writes, else general JSON.
    private func storedPoint(_ row: SQLiteStatement<StoreError>, names: [String]) -> TrialPoint? {
        row.withTextBytes(1, { StoredPointText.decode($0, names: names) }) ?? point(row.text(1), names: names)
    }

    /// A row of `trialColumns` as a record (nil when a column is malformed).
    private func trial(_ row: SQLiteStatement<StoreError>, names: [String]) -> TrialRecord? {
        guard let point = storedPoint(row, names: names),
              let metrics = BlobCoding.optionalDoubles(row.blob(2)),
              let status = TrialStatus(rawValue: row.text(4)) else { return nil }
        return TrialRecord(id: Int(row.int64(0)), point: point, metrics: metrics, objective: row.optionalDouble(3),
                           status: status, error: row.optionalText(5), seed: UInt64(bitPattern: row.int64(6)),
                           sharpe: row.isNull(8) ? nil : SharpeMoments(sharpe: row.double(8), count: Int(row.int64(9)),
                                                                        skew: row.double(10), kurtosis: row.double(11)),
                           durationSeconds: row.double(7))
    }
}

extension ResultsStore {
    /// The expected maximum per-period Sharpe ratio of the run's trials under the null of no
    /// skill (Analytics' `ExpectedMaximumSharpe`), over every trial whose Sharpe ratio is
    /// defined — the number of trials actually run — with the variance (ddof = 1) of their
    /// Sharpe ratios accumulated in one streaming pass (Welford). Nil with fewer than 2 trials.
    public func sharpeDeflation(runID: String) throws(StoreError) -> ExpectedMaximumSharpe? {
        try Self.sharpeDeflation(across: [RankingSource(store: self, runID: runID)])
    }

    /// `sharpeDeflation(runID:)` over the trials of all `sources` together, accumulated in trial
    /// id order across the stores, so a run spread over several stores gets the same value.
    public static func sharpeDeflation(across sources: [RankingSource]) throws(StoreError) -> ExpectedMaximumSharpe? {
        var sharpes: [(id: Int64, sharpe: Double)] = []
        for source in sources {
            try source.store.db.prepare("SELECT id, sharpe FROM trial WHERE run_id = ? AND sharpe IS NOT NULL ORDER BY id")
                .query([.text(source.runID)]) { row throws(StoreError) in sharpes.append((row.int64(0), row.double(1))) }
        }
        if sources.count > 1 { sharpes.sort { $0.id < $1.id } }
        var count = 0, mean = 0.0, m2 = 0.0
        for (_, x) in sharpes {
            count += 1
            let delta = x - mean
            mean += delta / Double(count)
            m2 += delta * (x - mean)
        }
        guard count >= 2 else { return nil }
        return try? ExpectedMaximumSharpe(trials: count, varianceOfSharpes: m2 / Double(count - 1))
    }
}

extension ResultsStore {
    /// The daily returns stored for the probability of backtest overfitting, in trial id order.
    public func dailyReturns(runID: String) throws(StoreError) -> [(trialID: Int, returns: [Double])] {
        var rows: [(trialID: Int, returns: [Double])] = []
        try db.prepare("SELECT trial_id, returns FROM trial_daily WHERE run_id = ? ORDER BY trial_id")
            .query([.text(runID)]) { row throws(StoreError) in
                guard let returns = BlobCoding.doubles(row.blob(1)) else {
                    throw .corrupt(path: path, reason: "daily returns of trial \(row.int64(0))")
                }
                rows.append((Int(row.int64(0)), returns))
            }
        return rows
    }
}

/// How a run's trials ended, for the runner's check that the search produced something.
public struct TrialOutcomes: Sendable, Equatable {
    public var ok = 0, infeasible = 0, failed = 0
    /// 1 when a successful trial made at least one trade, else 0 (not a count: the search for
    /// one stops at the first).
    public var traded = 0
    /// The lowest-id failed trial and its error.
    public var firstFailure: (id: Int, error: String)?

    public static func == (a: TrialOutcomes, b: TrialOutcomes) -> Bool {
        (a.ok, a.infeasible, a.failed, a.traded) == (b.ok, b.infeasible, b.failed, b.traded)
            && a.firstFailure?.id == b.firstFailure?.id && a.firstFailure?.error == b.firstFailure?.error
    }
}

extension ResultsStore {
    /// Counts of the run's trials by status, whether a successful one traded (`traded` is 1
    /// when one held a position — a positive `exposure`, so a position still open at the end
    /// counts though `trade_count` counts closed trades — found reading pages of 1,000 trials
    /// until one does, else 0) and the first failure.
    public func outcomes(runID: String) throws(StoreError) -> TrialOutcomes {
        var result = TrialOutcomes()
        let key: [SQLiteValue] = [.text(runID)]
        // `+run_id`: both whole-run passes read the table in storage order (see `rankedTrials`).
        try db.prepare("SELECT status, COUNT(*) FROM trial WHERE +run_id = ? GROUP BY status").query(key) { row throws(StoreError) in
            let n = Int(row.int64(1))
            switch TrialStatus(rawValue: row.text(0)) {
            case .ok?: result.ok = n
            case .infeasible?: result.infeasible = n
            case .failed?, nil: result.failed += n
            }
        }
        try db.prepare("SELECT id, error FROM trial WHERE +run_id = ? AND status = 'failed' ORDER BY id LIMIT 1")
            .query(key) { row throws(StoreError) in result.firstFailure = (Int(row.int64(0)), row.text(1)) }
        let exposureIndex = TrialMetrics.names.firstIndex(of: ObjectiveMetric.exposure.rawValue)!
        let page = try db.prepare("SELECT metrics FROM trial WHERE run_id = ? AND status = 'ok' ORDER BY id LIMIT 1000 OFFSET ?")
        var offset = 0
        while result.traded == 0 && offset < result.ok {
            try page.query([.text(runID), .int(Int64(offset))]) { row throws(StoreError) in
                if let metrics = BlobCoding.optionalDoubles(row.blob(0)), exposureIndex < metrics.count,
                   let exposure = metrics[exposureIndex], exposure > 0 {
                    result.traded = 1
                }
            }
            offset += 1000
        }
        return result
    }
}
