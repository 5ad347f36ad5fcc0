import Foundation

/// The SQLite market-data store (default file `datasets/market.sqlite`).
///
/// Semantics: bars are keyed by (symbol, timeframe, ts) in a `WITHOUT ROWID` table, with an
/// exchange's extra columns (quote volume, trade count) in `bar_details` under the same key;
/// trades, quotes and order books have their own tables; every import writes one lineage row (source file, its sha256,
/// import time, rows, anomaly report, policy). An import is one transaction: it either stores
/// everything or nothing. Re-importing a file already recorded for the same symbol and timeframe
/// changes nothing. A bar already stored with the same values is left alone; one stored with
/// different values makes the import fail (nothing is overwritten silently).
public final class BarStore {
    public static let defaultPath = "datasets/market.sqlite"

    let connection: SQLiteConnection<DataError>
    public var path: String { connection.path }

    /// Opens (and creates, unless `readOnly`) the store at `path`.
    public init(path: String = BarStore.defaultPath, readOnly: Bool = false) throws(DataError) {
        if readOnly && !FileManager.default.fileExists(atPath: path) {
            throw .storeUnavailable(path: path, reason: "no such store; import a file first (crucible data import FILE)")
        }
        connection = try SQLiteConnection(path: path, readOnly: readOnly)
        if !readOnly && connection.isReadOnly {
            throw .storeUnavailable(path: path, reason: "the file is read-only")
        }
        try connection.execute("PRAGMA cache_size = -262144; PRAGMA temp_store = MEMORY")
        if !readOnly {
            // page_size only takes effect on a new, empty file; 16 KiB pages make bulk inserts of
            // bars (~70-byte records) cheaper than the 4 KiB default.
            try connection.execute("PRAGMA page_size = 16384; PRAGMA journal_mode = DELETE; PRAGMA synchronous = NORMAL")
            try connection.execute(Self.schema)
        }
    }

    static let schema = """
    CREATE TABLE IF NOT EXISTS bars (
        symbol TEXT NOT NULL, timeframe TEXT NOT NULL, ts INTEGER NOT NULL,
        open REAL NOT NULL, high REAL NOT NULL, low REAL NOT NULL, close REAL NOT NULL, volume REAL NOT NULL,
        filled INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (symbol, timeframe, ts)) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS trades (
        symbol TEXT NOT NULL, ts INTEGER NOT NULL, seq INTEGER NOT NULL,
        price REAL NOT NULL, size REAL NOT NULL, side TEXT NOT NULL CHECK (side IN ('buy', 'sell')),
        PRIMARY KEY (symbol, ts, seq)) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS quotes (
        symbol TEXT NOT NULL, ts INTEGER NOT NULL,
        bid_price REAL NOT NULL, bid_size REAL NOT NULL, ask_price REAL NOT NULL, ask_size REAL NOT NULL,
        PRIMARY KEY (symbol, ts)) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS lineage (
        id INTEGER PRIMARY KEY, source TEXT NOT NULL, sha256 TEXT NOT NULL, symbol TEXT NOT NULL, timeframe TEXT NOT NULL,
        imported_at TEXT NOT NULL, rows INTEGER NOT NULL, inserted INTEGER NOT NULL, anomalies TEXT NOT NULL, policy TEXT NOT NULL);
    CREATE INDEX IF NOT EXISTS lineage_sha ON lineage (sha256, symbol, timeframe);
    CREATE TABLE IF NOT EXISTS bar_details (
        symbol TEXT NOT NULL, timeframe TEXT NOT NULL, ts INTEGER NOT NULL,
        quote_volume REAL, trades INTEGER,
        PRIMARY KEY (symbol, timeframe, ts)) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS order_books (
        symbol TEXT NOT NULL, ts INTEGER NOT NULL, seq INTEGER NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('snapshot', 'update')),
        side TEXT NOT NULL CHECK (side IN ('bid', 'ask')), level INTEGER NOT NULL,
        price REAL NOT NULL, size REAL NOT NULL,
        PRIMARY KEY (symbol, ts, seq, side, level)) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS fetch_lineage (
        id INTEGER PRIMARY KEY, exchange TEXT NOT NULL, endpoint TEXT NOT NULL, symbol TEXT NOT NULL, timeframe TEXT NOT NULL,
        range_start INTEGER NOT NULL, range_end INTEGER NOT NULL, fetched_at TEXT NOT NULL,
        rows INTEGER NOT NULL, inserted INTEGER NOT NULL, anomalies TEXT NOT NULL, policy TEXT NOT NULL);
    """

    // MARK: Import

    /// What an import did.
    public struct ImportOutcome: Sendable, Equatable {
        public var symbol: String
        public var timeframe: Timeframe
        public var sha256: String
        /// Bars offered to the store (after the policy).
        public var offered: Int
        /// Bars newly written; 0 when the file was already imported.
        public var inserted: Int
        /// Bars already stored with identical values.
        public var unchanged: Int
        /// True when the same file had been imported before (nothing was done).
        public var alreadyImported: Bool
        public var report: ValidationReport
    }

    /// Reads, fingerprints, validates (under `policy`) and stores a CSV file in one transaction.
    public func importCSV(path file: String, options: CSVReadOptions = CSVReadOptions(),
                          policy: ValidationPolicy = .fail) throws(DataError) -> ImportOutcome {
        let contents = try FileBytes(path: file)
        let digest = contents.sha256()
        let csv = try CSVBarReader.parse(contents, path: file, options: options)
        if options.instrument == nil && csv.bars.instrument.base == "UNKNOWN" {
            throw .invalidArgument("\(file): cannot tell the symbol from the file name (expected e.g. btcusdt_1h.csv); pass --symbol")
        }
        let validated = try BarValidator.validate(csv, policy: policy)
        return try store(validated, source: file, sha256: digest)
    }

    /// Stores validated bars with a lineage row, in one transaction.
    public func store(_ validated: ValidatedBars, source: String, sha256: String) throws(DataError) -> ImportOutcome {
        let bars = validated.bars
        var outcome = ImportOutcome(symbol: bars.instrument.symbol, timeframe: bars.timeframe, sha256: sha256, offered: bars.count,
                                    inserted: 0, unchanged: 0, alreadyImported: false, report: validated.report)
        return try connection.transaction { () throws(DataError) -> ImportOutcome in
            let seen = try connection.prepare("SELECT 1 FROM lineage WHERE sha256 = ? AND symbol = ? AND timeframe = ?")
            seen.bind(1, sha256); seen.bind(2, bars.instrument.symbol); seen.bind(3, bars.timeframe.rawValue)
            if try seen.step() {
                outcome.alreadyImported = true
                outcome.unchanged = bars.count
                return outcome
            }
            var conflicts = 0
            (outcome.inserted, outcome.unchanged) = try insertBars(bars, filled: validated.filled, source: source, conflicts: &conflicts)
            let lineage = try connection.prepare("""
                INSERT INTO lineage (source, sha256, symbol, timeframe, imported_at, rows, inserted, anomalies, policy)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            lineage.bind(1, source); lineage.bind(2, sha256); lineage.bind(3, bars.instrument.symbol)
            lineage.bind(4, bars.timeframe.rawValue); lineage.bind(5, formatTimestamp(Int64(Date().timeIntervalSince1970 * 1000)))
            lineage.bind(6, Int64(validated.report.rows)); lineage.bind(7, Int64(outcome.inserted))
            lineage.bind(8, validated.report.json); lineage.bind(9, validated.report.policy.rawValue)
            _ = try lineage.step()
            return outcome
        }
    }

    /// Writes bars in one transaction without lineage (benchmarks, synthetic data).
    /// Returns (inserted, unchanged); throws if a stored bar differs.
    public func insert(_ bars: BarSeries, filled: [Bool] = []) throws(DataError) -> (inserted: Int, unchanged: Int) {
        try connection.transaction { () throws(DataError) -> (Int, Int) in
            var conflicts = 0
            return try insertBars(bars, filled: filled, source: "bars", conflicts: &conflicts)
        }
    }

    /// Rows per multi-row INSERT statement: fewer statement executions per bar.
    static let batchRows = 64

    /// What to do when a bar is already stored with other values.
    enum Conflict {
        /// Fail the whole transaction (imports: nothing is overwritten silently).
        case fail
        /// Keep the stored bar and count the conflict (live streams, where the first closed
        /// bar written wins and a later, different copy is reported, not stored).
        case keepStored
    }

    /// Inside a transaction: INSERT OR IGNORE the bars in batches; when a batch ignored some
    /// rows, each of its bars must equal the stored one (or, under `.keepStored`, is counted in
    /// `conflicts`). Returns (inserted, unchanged).
    func insertBars(_ bars: BarSeries, filled: [Bool], source: String, conflict: Conflict = .fail,
                    conflicts: inout Int) throws(DataError) -> (Int, Int) {
        func statement(rows: Int) throws(DataError) -> SQLiteStatement<DataError> {
            let tuples = (0..<rows).map { r in
                let k = 3 + 7 * r
                return "(?1, ?2, ?\(k), ?\(k + 1), ?\(k + 2), ?\(k + 3), ?\(k + 4), ?\(k + 5), ?\(k + 6))"
            }
            let insert = try connection.prepare("INSERT OR IGNORE INTO bars (symbol, timeframe, ts, open, high, low, close, volume, filled) VALUES "
                                                 + tuples.joined(separator: ", "))
            insert.bind(1, bars.instrument.symbol)
            insert.bind(2, bars.timeframe.rawValue)
            return insert
        }
        // SQLite keeps NaN as NULL, which the NOT NULL columns refuse: say so rather than let
        // INSERT OR IGNORE skip the row and the comparison below blame a stored bar.
        for i in 0..<bars.count where bars.open[i].isNaN || bars.high[i].isNaN || bars.low[i].isNaN || bars.close[i].isNaN
            || bars.volume[i].isNaN {
            let column = bars.open[i].isNaN ? "open" : bars.high[i].isNaN ? "high" : bars.low[i].isNaN ? "low"
                : bars.close[i].isNaN ? "close" : "volume"
            throw .store(path: path, message: "\(source): the bar at \(bars.ts[i]) (\(formatTimestamp(bars.ts[i]))) has a NaN "
                         + "\(column), which the store cannot hold; import with --policy drop to leave such bars out; nothing was imported")
        }
        let full = try statement(rows: Self.batchRows)
        var inserted = 0, unchanged = 0
        var start = 0
        while start < bars.count {
            let rows = min(Self.batchRows, bars.count - start)
            let insert = rows == Self.batchRows ? full : try statement(rows: rows)
            for r in 0..<rows {
                let i = start + r
                let k = Int32(3 + 7 * r)
                insert.bind(k, bars.ts[i]); insert.bind(k + 1, bars.open[i]); insert.bind(k + 2, bars.high[i])
                insert.bind(k + 3, bars.low[i]); insert.bind(k + 4, bars.close[i]); insert.bind(k + 5, bars.volume[i])
                insert.bind(k + 6, Int64(filled.isEmpty || !filled[i] ? 0 : 1))
            }
            _ = try insert.step()
            insert.reset()
            let changed = Int(connection.changes)
            inserted += changed
            if changed < rows {
                let differing = try checkUnchanged(bars, start..<(start + rows), source: source, conflict: conflict)
                conflicts += differing
                unchanged += rows - changed - differing
            }
            start += rows
        }
        return (inserted, unchanged)
    }

    /// Every bar in `range` must now be stored with exactly its values; otherwise the import
    /// fails (`.fail`) or the differing bars are counted and returned (`.keepStored`).
    private func checkUnchanged(_ bars: BarSeries, _ range: Range<Int>, source: String, conflict: Conflict) throws(DataError) -> Int {
        var differing = 0
        let row = try connection.prepare("SELECT open, high, low, close, volume FROM bars WHERE symbol = ?1 AND timeframe = ?2 AND ts = ?3")
        row.bind(1, bars.instrument.symbol); row.bind(2, bars.timeframe.rawValue)
        for i in range {
            row.bind(3, bars.ts[i])
            _ = try row.step()
            let same = row.double(0).bitPattern == bars.open[i].bitPattern && row.double(1).bitPattern == bars.high[i].bitPattern
                && row.double(2).bitPattern == bars.low[i].bitPattern && row.double(3).bitPattern == bars.close[i].bitPattern
                && row.double(4).bitPattern == bars.volume[i].bitPattern
            row.reset()
            if !same && conflict == .keepStored { differing += 1; continue }
            guard same else {
                throw .store(path: path, message: "\(source): the bar at \(bars.ts[i]) (\(formatTimestamp(bars.ts[i]))) of "
                             + "\(bars.instrument.symbol) \(bars.timeframe) differs from the bar already stored for that time (or from an earlier row of the same file); nothing was imported")
            }
        }
        return differing
    }

    // MARK: Queries

    /// The bars of `symbol` at `timeframe` whose open time lies in `[start, end)`, ascending.
    public func bars(symbol: String, timeframe: Timeframe, from start: Int64 = .min, to end: Int64 = .max,
                     instrument: Instrument? = nil) throws(DataError) -> BarSeries {
        let query = try connection.prepare("""
            SELECT ts, open, high, low, close, volume FROM bars
            WHERE symbol = ?1 AND timeframe = ?2 AND ts >= ?3 AND ts < ?4 ORDER BY ts
            """)
        query.bind(1, symbol); query.bind(2, timeframe.rawValue); query.bind(3, start); query.bind(4, end)
        var ts: [Int64] = [], open: [Double] = [], high: [Double] = [], low: [Double] = [], close: [Double] = [], volume: [Double] = []
        let span = end == .max || start == .min ? 1024 : Int(min((end - start) / timeframe.milliseconds + 1, 10_000_000))
        ts.reserveCapacity(span); open.reserveCapacity(span); high.reserveCapacity(span)
        low.reserveCapacity(span); close.reserveCapacity(span); volume.reserveCapacity(span)
        while try query.step() {
            ts.append(query.int64(0)); open.append(query.double(1)); high.append(query.double(2))
            low.append(query.double(3)); close.append(query.double(4)); volume.append(query.double(5))
        }
        let inst = instrument ?? Instrument(symbol: symbol) ?? Instrument(base: symbol, quote: "")
        return BarSeries(instrument: inst, timeframe: timeframe, ts: ts, open: open, high: high, low: low, close: close, volume: volume)
    }

    /// One stored series: symbol, timeframe, range and counts.
    public struct SeriesSummary: Sendable, Equatable {
        public var symbol: String
        public var timeframe: Timeframe
        public var firstTs: Int64
        public var lastTs: Int64
        public var rows: Int
        public var filled: Int
    }

    /// Every stored series, ordered by symbol then timeframe length.
    public func summary() throws(DataError) -> [SeriesSummary] {
        let query = try connection.prepare("""
            SELECT symbol, timeframe, MIN(ts), MAX(ts), COUNT(*), SUM(filled) FROM bars GROUP BY symbol, timeframe
            """)
        var out: [SeriesSummary] = []
        while try query.step() {
            guard let frame = Timeframe(query.text(1)) else { continue }
            out.append(SeriesSummary(symbol: query.text(0), timeframe: frame, firstTs: query.int64(2), lastTs: query.int64(3),
                                     rows: Int(query.int64(4)), filled: Int(query.int64(5))))
        }
        return out.sorted { ($0.symbol, $0.timeframe.milliseconds) < ($1.symbol, $1.timeframe.milliseconds) }
    }

    /// One lineage row.
    public struct LineageRecord: Sendable, Equatable {
        public var source: String
        public var sha256: String
        public var symbol: String
        public var timeframe: String
        public var importedAt: String
        public var rows: Int
        public var inserted: Int
        public var anomalies: String
        public var policy: String
    }

    /// Every import, oldest first.
    public func lineage() throws(DataError) -> [LineageRecord] {
        let query = try connection.prepare("""
            SELECT source, sha256, symbol, timeframe, imported_at, rows, inserted, anomalies, policy FROM lineage ORDER BY id
            """)
        var out: [LineageRecord] = []
        while try query.step() {
            out.append(LineageRecord(source: query.text(0), sha256: query.text(1), symbol: query.text(2), timeframe: query.text(3),
                                      importedAt: query.text(4), rows: Int(query.int64(5)), inserted: Int(query.int64(6)),
                                      anomalies: query.text(7), policy: query.text(8)))
        }
        return out
    }
}
