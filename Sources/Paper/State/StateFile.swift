import MarketData
import Simulation
import Strategies

/// A paper run's SQLite state file (`StateSchema`): each commit is one transaction that appends
/// the bars stepped since the last one with their equity, the new fills, closed trades, order
/// updates and risk events, and rewrites the working orders, the position, the open trade and
/// the progress row. A process killed mid-commit leaves the file at the previous commit
/// (SQLite's write-ahead log); the bars after it are processed again from the feed on restart.
///
/// Durability: WAL with `synchronous=NORMAL` — a committed bar survives the process being
/// killed; a power loss may lose the last bars committed before it (they are then processed
/// again from the feed on restart, never twice in the file).
public final class StateFile {
    public let path: String
    let db: SQLiteConnection<PaperError>
    /// The prepared writes (nil when opened read-only).
    private let writes: Writes?
    /// Rows of the append-only logs already in the file.
    private var written: StateProgress
    /// Whether the orders table holds rows, and whether the trades table holds an open trade.
    private var ordersInFile = false, openTradeInFile = false
    private let checkpointer: WALCheckpointer?

    /// Opens `path`, creating it with its tables when missing; `readOnly` opens an existing file
    /// for reading only (while another process may be writing it: readers see the last
    /// committed bar).
    public init(path: String, readOnly: Bool = false) throws(PaperError) {
        self.path = path
        let db = try SQLiteConnection<PaperError>(path: path, readOnly: readOnly)
        self.db = db
        try db.execute("PRAGMA busy_timeout=5000")
        if !readOnly {
            try db.execute("PRAGMA journal_mode=WAL")
            try db.execute("PRAGMA synchronous=NORMAL")
            // Checkpoints run on their own thread (`WALCheckpointer`); the writer's own, at 16k frames
            // (64 MiB of log), is a backstop it should never reach.
            try db.execute("PRAGMA wal_autocheckpoint=16384")
            try db.transaction { () throws(PaperError) in
                try db.execute(StateSchema.tables)
                if try Self.isVersion1(db) {
                    try db.execute(StateSchema.fromVersion1)
                    try db.execute(StateSchema.tables)
                }
            }
        }
        checkpointer = readOnly ? nil : WALCheckpointer(path: path, interval: 0.2)
        writes = readOnly ? nil : try Writes(db)
        written = try Self.readProgress(db) ?? StateProgress()
        ordersInFile = try count("orders") > 0
        openTradeInFile = try count("trades WHERE exit_ts IS NULL") > 0
    }

    deinit { checkpointer?.stop() }

    // MARK: reading

    /// The progress row: what the last committed bar left (zero bars for a new file).
    public var progress: StateProgress { written }

    /// The `meta` table.
    public func meta() throws(PaperError) -> [String: String] {
        var pairs: [String: String] = [:]
        try db.prepare("SELECT key, value FROM meta").query { (row) throws(PaperError) in pairs[row.text(0)] = row.text(1) }
        return pairs
    }

    /// Writes `pairs` into `meta` in one transaction.
    public func setMeta(_ pairs: [(String, String)]) throws(PaperError) {
        let insert = try db.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)")
        try db.transaction { () throws(PaperError) in
            for (key, value) in pairs { try insert.run([.text(key), .text(value)]) }
        }
    }

    /// Every bar processed, in order.
    public func bars() throws(PaperError) -> [Bar] {
        var bars: [Bar] = []
        bars.reserveCapacity(written.bars)
        try db.prepare("SELECT ts, open, high, low, close, volume FROM bars ORDER BY bar").query { (row) throws(PaperError) in
            bars.append(Bar(ts: row.int64(0), open: row.double(1), high: row.double(2), low: row.double(3), close: row.double(4),
                            volume: row.double(5)))
        }
        return bars
    }

    /// Rows of `table` (a name from `StateSchema`) as text, every value in full precision, in
    /// key order: for comparing two files.
    public func rows(_ table: String, orderBy key: String) throws(PaperError) -> [String] {
        var rows: [String] = []
        try db.prepare("SELECT * FROM \(table) ORDER BY \(key)").query { (row) throws(PaperError) in rows.append(row.rowText) }
        return rows
    }

    /// Every table's rows as text (`rows`), keyed by table name: two files with equal contents
    /// hold the same run, value for value.
    public func contents() throws(PaperError) -> [String: [String]] {
        var tables: [String: [String]] = [:]
        for (table, key) in StateSchema.keys { tables[table] = try rows(table, orderBy: key) }
        return tables
    }

    private func count(_ from: String) throws(PaperError) -> Int {
        var n = 0
        try db.prepare("SELECT count(*) FROM \(from)").query { (row) throws(PaperError) in n = Int(row.int64(0)) }
        return n
    }

    /// Whether `bars` is a table (a version 1 file) rather than the view over `steps`.
    private static func isVersion1(_ db: SQLiteConnection<PaperError>) throws(PaperError) -> Bool {
        var type = ""
        try db.prepare("SELECT type FROM sqlite_master WHERE name = 'bars'").query { (row) throws(PaperError) in type = row.text(0) }
        return type == "table"
    }

    private static func readProgress(_ db: SQLiteConnection<PaperError>) throws(PaperError) -> StateProgress? {
        var progress: StateProgress?
        try db.prepare("""
            SELECT bars, last_ts, cash, equity, fees, fills, closed_trades, order_updates, risk_events FROM progress WHERE id = 1
            """).query { (row) throws(PaperError) in
            progress = StateProgress(bars: Int(row.int64(0)), lastTs: row.isNull(1) ? nil : row.int64(1), cash: row.double(2),
                                     equity: row.optionalDouble(3), fees: row.double(4), fills: Int(row.int64(5)),
                                     closedTrades: Int(row.int64(6)), orderUpdates: Int(row.int64(7)), riskEvents: Int(row.int64(8)))
        }
        return progress
    }

    // MARK: writing

    /// Commits the run's state after `stepped`, the bars it processed since the last commit (the
    /// latest last), in one transaction; nothing is written when `stepped` is empty.
    public func commit(_ run: IncrementalRun, stepped: [SteppedBar], instrument: String) throws(PaperError) {
        guard let last = stepped.last else { return }
        guard let writes else { throw .state(path: path, message: "opened read-only; nothing can be committed") }
        if let problem = checkpointer?.error {
            throw .state(path: path, message: "checkpointing its write-ahead log failed: \(problem)")
        }
        precondition(run.count - written.bars == stepped.count, "the stepped bars follow the last commit")
        let fills = run.fills, closed = run.closedTrades, updates = run.orderUpdates, risk = run.riskEvents
        let open = run.openTrade, orders = run.workingOrders
        let next = StateProgress(bars: run.count, lastTs: last.bar.ts, cash: run.cash, equity: last.equity, fees: run.totalFees,
                                 fills: fills.count, closedTrades: closed.count, orderUpdates: updates.count, riskEvents: risk.count)
        try db.transaction { () throws(PaperError) in
            try writes.append(stepped, firstIndex: written.bars)
            for k in written.fills..<fills.count {
                let f = fills[k]
                try writes.insertFill.run([.int(Int64(k)), .int(Int64(f.orderID)), .int(Int64(f.bar)), .int(f.ts),
                                           .text(StateText.side(f.side)), .double(f.quantity), .double(f.price), .double(f.fee),
                                           .text(StateText.liquidity(f.liquidity)), .text(f.reason.description)])
            }
            if openTradeInFile { try writes.deleteOpenTrade.run([.int(Int64(written.closedTrades))]) }
            for k in written.closedTrades..<closed.count { try writes.insert(closed[k], seq: k) }
            if let open { try writes.insert(open, seq: closed.count) }
            openTradeInFile = open != nil
            for k in written.orderUpdates..<updates.count {
                let u = updates[k]
                try writes.insertUpdate.run([.int(Int64(k)), .int(Int64(u.orderID)), .int(Int64(u.symbol)), .int(Int64(u.bar)),
                                             .text(StateText.status(u.status))])
            }
            for k in written.riskEvents..<risk.count {
                let e = risk[k]
                try writes.insertRisk.run([.int(Int64(k)), .int(e.ts), .int(Int64(e.bar)), .int(Int64(e.symbol)),
                                           .text(e.rule.description), .text(e.action.description), .double(e.value), .double(e.limit), .text(e.reason)])
            }
            if ordersInFile || !orders.isEmpty {
                try writes.clearOrders.run([])
                for o in orders { try writes.insert(o) }
                ordersInFile = !orders.isEmpty
            }
            try writes.upsertPosition.run([.int(0), .text(instrument), .double(run.position), .double(last.bar.close),
                                           .optional(open?.entryTs), .optional(open?.entryPrice), .double(open?.pnl ?? 0)])
            try writes.upsertProgress.run([.int(Int64(next.bars)), .int(last.bar.ts), .double(next.cash), .optional(next.equity),
                                           .double(next.fees), .int(Int64(next.fills)), .int(Int64(next.closedTrades)),
                                           .int(Int64(next.orderUpdates)), .int(Int64(next.riskEvents))])
        }
        written = next
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

/// A bar a run stepped, with the equity, cash and position it left: one row of the bars and
/// equity tables, waiting for the next commit.
public struct SteppedBar: Sendable, Equatable {
    public var bar: Bar
    public var equity: Double?
    public var cash: Double
    public var position: Double
    public init(bar: Bar, equity: Double?, cash: Double, position: Double) {
        self.bar = bar; self.equity = equity; self.cash = cash; self.position = position
    }
}

/// The progress row of a state file: how far the run got, and its totals there.
public struct StateProgress: Sendable, Equatable {
    public var bars = 0
    public var lastTs: Int64?
    public var cash = 0.0
    public var equity: Double?
    public var fees = 0.0
    public var fills = 0
    public var closedTrades = 0
    public var orderUpdates = 0
    public var riskEvents = 0

    public init(bars: Int = 0, lastTs: Int64? = nil, cash: Double = 0, equity: Double? = nil, fees: Double = 0, fills: Int = 0,
                closedTrades: Int = 0, orderUpdates: Int = 0, riskEvents: Int = 0) {
        self.bars = bars; self.lastTs = lastTs; self.cash = cash; self.equity = equity; self.fees = fees; self.fills = fills
        self.closedTrades = closedTrades; self.orderUpdates = orderUpdates; self.riskEvents = riskEvents
    }
}
