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
    /// The commits' writer (nil when opened read-only).
    private let writer: StateWriter?
    /// What the file holds once the commits handed to the writer are written.
    private var committed: StateProgress
    /// Whether the orders table holds rows, and whether the trades table holds an open trade,
    /// once those commits are written.
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
        writer = readOnly ? nil : try StateWriter(path: path)
        committed = try Self.readProgress(db) ?? StateProgress()
        ordersInFile = try count("orders") > 0
        openTradeInFile = try count("trades WHERE exit_ts IS NULL") > 0
    }

    deinit {
        try? writer?.wait()
        checkpointer?.stop()
    }

    // MARK: reading

    /// The progress row: what the last committed bar left (zero bars for a new file), counting a
    /// commit still being written.
    public var progress: StateProgress { committed }

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
        bars.reserveCapacity(committed.bars)
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
    /// latest last), in one transaction: written before returning, or with `wait` false handed to
    /// the writer's thread, which writes it while the caller goes on (`StateWriter`). With no
    /// bars, only waits (when asked) for a commit in flight.
    public func commit(_ run: IncrementalRun, stepped: [SteppedBar], instrument: String, wait: Bool = true) throws(PaperError) {
        guard let writer else { throw .state(path: path, message: "opened read-only; nothing can be committed") }
        if let problem = checkpointer?.error {
            throw .state(path: path, message: "checkpointing its write-ahead log failed: \(problem)")
        }
        if let last = stepped.last {
            precondition(run.count - committed.bars == stepped.count, "the stepped bars follow the last commit")
            let fills = run.fills, closed = run.closedTrades, updates = run.orderUpdates, risk = run.riskEvents
            let open = run.openTrade, orders = run.workingOrders
            let next = StateProgress(bars: run.count, lastTs: last.bar.ts, cash: run.cash, equity: last.equity, fees: run.totalFees,
                                     fills: fills.count, closedTrades: closed.count, orderUpdates: updates.count, riskEvents: risk.count)
            let newFills = Array(fills[committed.fills...]), newClosed = Array(closed[committed.closedTrades...])
            let newUpdates = Array(updates[committed.orderUpdates...]), newRisk = Array(risk[committed.riskEvents...])
            let rewrittenOrders: [WorkingOrderState]? = ordersInFile || !orders.isEmpty ? orders : nil
            try writer.submit(StateBatch(stepped: stepped, from: committed, to: next, fills: newFills, closed: newClosed, open: open,
                                         replacesOpenTrade: openTradeInFile, updates: newUpdates, risk: newRisk,
                                         orders: rewrittenOrders, instrument: instrument, position: run.position),
                              inBackground: !wait)
            committed = next
            openTradeInFile = open != nil
            ordersInFile = !orders.isEmpty
        }
        if wait { try writer.wait() }
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
