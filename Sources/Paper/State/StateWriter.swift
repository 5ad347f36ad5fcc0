import Dispatch
import MarketData
import Simulation
import Strategies

/// What one commit writes: the bars stepped since the previous commit with the rows they added
/// to the logs (each log's new rows with the sequence number of the first), and the rewritten
/// state — working orders, position, open trade, progress. Prepared from the run on the bar
/// loop's thread, written on the writer's (`StateWriter`).
struct StateBatch: Sendable {
    var stepped: [SteppedBar]
    /// The progress before this batch (the first index of each log's new rows) and after it.
    var from: StateProgress, to: StateProgress
    var fills: [Fill]
    var closed: [Simulation.Trade]
    /// The open trade after the batch, and whether the file holds one from the previous batch
    /// (its row, after the closed trades, is replaced).
    var open: Simulation.Trade?
    var replacesOpenTrade: Bool
    var updates: [OrderUpdate]
    var risk: [RiskEvent]
    /// The working orders after the batch; nil when the table stays as it is (empty before and after).
    var orders: [WorkingOrderState]?
    var instrument: String
    var position: Double
}

/// Writes a state file's commits in order, each in one transaction, through an SQLite
/// connection of its own: on the caller's thread, or, in the background, on a queue of its own
/// while the bar loop steps on (a full-speed replay's batches). At most one batch is in flight
/// (`submit` waits for the previous one). A background batch that fails fails every later
/// `submit` and `wait` with its error, so the file keeps the batches before it, never a batch
/// after a missing one.
final class StateWriter: @unchecked Sendable {
    // The connection and `failure` are used by one thread at a time: on `queue` while a batch is
    // in flight, by the caller after `group.wait()`.
    private let db: SQLiteConnection<PaperError>
    private let writes: Writes
    private let queue = DispatchQueue(label: "crucible-state-commit")
    private let group = DispatchGroup()
    private var failure: PaperError?

    /// A writer of the state file at `path` (its tables already created).
    init(path: String) throws(PaperError) {
        db = try SQLiteConnection(path: path, readOnly: false)
        try db.execute("PRAGMA busy_timeout=5000")
        // Per connection: commits do not sync the log (see `StateFile`, durability); the
        // autocheckpoint is the backstop of `WALCheckpointer`.
        try db.execute("PRAGMA synchronous=NORMAL")
        try db.execute("PRAGMA wal_autocheckpoint=16384")
        writes = try Writes(db)
    }

    deinit { group.wait() }

    /// Writes `batch` once the batch before it is written (throwing that one's failure): here,
    /// or queued when `inBackground` (returning at once). A live bar's commit is written here, so
    /// no thread has to wake up for it.
    func submit(_ batch: StateBatch, inBackground: Bool) throws(PaperError) {
        try wait()
        guard inBackground else { return try transaction(batch) }
        queue.async(group: group) { [self] in
            do throws(PaperError) { try transaction(batch) } catch { failure = error }
        }
    }

    private func transaction(_ batch: StateBatch) throws(PaperError) {
        try db.transaction { () throws(PaperError) in try write(batch) }
    }

    /// Waits for the batch in flight; throws the failure of the first batch that failed.
    func wait() throws(PaperError) {
        group.wait()
        if let failure { throw failure }
    }

    private func write(_ b: StateBatch) throws(PaperError) {
        try writes.append(b.stepped, firstIndex: b.from.bars)
        for (k, f) in zip(b.from.fills..., b.fills) {
            try writes.insertFill.run([.int(Int64(k)), .int(Int64(f.orderID)), .int(Int64(f.bar)), .int(f.ts),
                                       .text(StateText.side(f.side)), .double(f.quantity), .double(f.price), .double(f.fee),
                                       .text(StateText.liquidity(f.liquidity)), .text(f.reason.description)])
        }
        if b.replacesOpenTrade { try writes.deleteOpenTrade.run([.int(Int64(b.from.closedTrades))]) }
        for (k, t) in zip(b.from.closedTrades..., b.closed) { try writes.insert(t, seq: k) }
        if let open = b.open { try writes.insert(open, seq: b.to.closedTrades) }
        for (k, u) in zip(b.from.orderUpdates..., b.updates) {
            try writes.insertUpdate.run([.int(Int64(k)), .int(Int64(u.orderID)), .int(Int64(u.symbol)), .int(Int64(u.bar)),
                                         .text(StateText.status(u.status))])
        }
        for (k, e) in zip(b.from.riskEvents..., b.risk) {
            try writes.insertRisk.run([.int(Int64(k)), .int(e.ts), .int(Int64(e.bar)), .int(Int64(e.symbol)),
                                       .text(e.rule.description), .text(e.action.description), .double(e.value), .double(e.limit),
                                       .text(e.reason)])
        }
        if let orders = b.orders {
            try writes.clearOrders.run([])
            for o in orders { try writes.insert(o) }
        }
        let last = b.stepped[b.stepped.count - 1].bar, next = b.to
        try writes.upsertPosition.run([.int(0), .text(b.instrument), .double(b.position), .double(last.close),
                                       .optional(b.open?.entryTs), .optional(b.open?.entryPrice), .double(b.open?.pnl ?? 0)])
        try writes.upsertProgress.run([.int(Int64(next.bars)), .int(last.ts), .double(next.cash), .optional(next.equity),
                                       .double(next.fees), .int(Int64(next.fills)), .int(Int64(next.closedTrades)),
                                       .int(Int64(next.orderUpdates)), .int(Int64(next.riskEvents))])
    }
}

/// The prepared statements of a state file's commits, and the row-writing they share.
private struct Writes {
    let insertStep, insertFill, insertTrade, deleteOpenTrade, insertUpdate, insertRisk: SQLiteStatement<PaperError>
    let clearOrders, insertOrder, upsertPosition, upsertProgress: SQLiteStatement<PaperError>
    /// `rowsPerInsert` rows of `steps` per statement (fewer statements to step).
    let insertSteps: SQLiteStatement<PaperError>

    /// Rows of the steps table per INSERT statement.
    static let rowsPerInsert = 64

    init(_ db: SQLiteConnection<PaperError>) throws(PaperError) {
        insertStep = try db.prepare(Self.insertStepsSQL(rows: 1))
        insertSteps = try db.prepare(Self.insertStepsSQL(rows: Self.rowsPerInsert))
        insertFill = try db.prepare("""
            INSERT INTO fills (seq, order_id, bar, ts, side, quantity, price, fee, liquidity, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        insertTrade = try db.prepare("""
            INSERT INTO trades (seq, entry_ts, entry_price, exit_ts, exit_price, qty, pnl, fees, exit_reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        // The open trade is the row after the closed ones: found by its key, not by a scan.
        deleteOpenTrade = try db.prepare("DELETE FROM trades WHERE seq = ?")
        insertUpdate = try db.prepare("INSERT INTO order_updates (seq, order_id, symbol, bar, status) VALUES (?, ?, ?, ?, ?)")
        insertRisk = try db.prepare("""
            INSERT INTO risk_events (seq, ts, bar, symbol, rule, action, value, "limit", reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        clearOrders = try db.prepare("DELETE FROM orders")
        insertOrder = try db.prepare("""
            INSERT INTO orders (id, symbol, side, kind, limit_price, trigger_price, trail, size_kind, size, time_in_force, live_from_bar,
                                parent, triggered) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        upsertPosition = try db.prepare("""
            INSERT OR REPLACE INTO positions (symbol, instrument, quantity, mark_price, entry_ts, entry_price, unrealized_pnl)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """)
        upsertProgress = try db.prepare("""
            INSERT OR REPLACE INTO progress (id, bars, last_ts, cash, equity, fees, fills, closed_trades, order_updates, risk_events)
            VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
    }

    /// Appends `stepped` to the steps table (what the bars and equity views show) as rows
    /// `firstIndex...`: `rowsPerInsert` rows per statement, the rest one at a time.
    func append(_ stepped: [SteppedBar], firstIndex: Int) throws(PaperError) {
        let rows = Self.rowsPerInsert
        var start = 0
        while start < stepped.count {
            let n = stepped.count - start >= rows ? rows : 1
            let insert = n == rows ? insertSteps : insertStep
            for r in 0..<n {
                let s = stepped[start + r], p = Int32(10 * r)
                insert.bind(p + 1, Int64(firstIndex + start + r)); insert.bind(p + 2, s.bar.ts)
                insert.bindReal(p + 3, s.bar.open); insert.bindReal(p + 4, s.bar.high); insert.bindReal(p + 5, s.bar.low)
                insert.bindReal(p + 6, s.bar.close); insert.bindReal(p + 7, s.bar.volume)
                insert.bindReal(p + 8, s.equity ?? .nan); insert.bindReal(p + 9, s.cash); insert.bindReal(p + 10, s.position)
            }
            try insert.run([])
            start += n
        }
    }

    /// An INSERT of `rows` rows into the steps table: `(?, …), (?, …)…`.
    private static func insertStepsSQL(rows: Int) -> String {
        let tuple = "(" + Array(repeating: "?", count: 10).joined(separator: ", ") + ")"
        return "INSERT INTO steps (bar, ts, open, high, low, close, volume, equity, cash, position) VALUES "
            + Array(repeating: tuple, count: rows).joined(separator: ", ")
    }

    /// A trade row as trades.csv writes it: qty negative for shorts, exit fields empty while open.
    func insert(_ t: Simulation.Trade, seq: Int) throws(PaperError) {
        try insertTrade.run([.int(Int64(seq)), .int(t.entryTs), .double(t.entryPrice), .optional(t.exitTs), .optional(t.exitPrice),
                             .double(t.quantity * t.direction), .double(t.pnl), .double(t.fees), .optional(t.exitReason?.description)])
    }

    /// A working order's row.
    func insert(_ o: WorkingOrderState) throws(PaperError) {
        let (kind, limit, trigger, trail) = StateText.kind(o.kind, trailLevel: o.trailLevel)
        let (sizeKind, size) = StateText.size(o.size)
        try insertOrder.run([.int(Int64(o.id)), .int(Int64(o.symbol)), .text(StateText.side(o.side)), .text(kind), .optional(limit),
                             .optional(trigger), .optional(trail), .text(sizeKind), .optional(size),
                             .text(StateText.timeInForce(o.timeInForce)), .int(Int64(o.liveFrom)), .optional(o.parent.map { Int64($0) }),
                             .int(o.triggered ? 1 : 0)])
    }
}
