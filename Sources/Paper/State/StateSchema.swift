/// The tables of a paper state file (docs/paper.md lists them with their meaning). Every
/// timestamp is epoch milliseconds UTC of a bar's open, as in trades.csv; `bar` is the 0-based
/// index of the bar in the run.
enum StateSchema {
    /// Bumped when a table changes; a file of another version is refused (version 1 files are
    /// rewritten to version 2 when opened for writing, `fromVersion1`).
    static let version = "2"

    /// Every table with its key column (the order `StateFile.contents` lists rows in).
    static let keys: [(table: String, key: String)] = [
        ("meta", "key"), ("bars", "bar"), ("equity", "bar"), ("fills", "seq"), ("trades", "seq"), ("orders", "id"),
        ("order_updates", "seq"), ("positions", "symbol"), ("risk_events", "seq"), ("progress", "id"),
    ]

    /// Every table and view, created when missing. A bar processed is one row of `steps`,
    /// which the `bars` and `equity` views show as the two tables of version 1 (same columns,
    /// same rows): one row to write per bar instead of two.
    static let tables = """
    CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS steps (
        bar INTEGER PRIMARY KEY, ts INTEGER NOT NULL,
        open REAL NOT NULL, high REAL NOT NULL, low REAL NOT NULL, close REAL NOT NULL, volume REAL NOT NULL,
        equity REAL NOT NULL, cash REAL NOT NULL, position REAL NOT NULL);
    CREATE VIEW IF NOT EXISTS bars AS SELECT bar, ts, open, high, low, close, volume FROM steps;
    CREATE VIEW IF NOT EXISTS equity AS SELECT bar, ts, equity, cash, position FROM steps;
    CREATE TABLE IF NOT EXISTS fills (
        seq INTEGER PRIMARY KEY, order_id INTEGER NOT NULL, bar INTEGER NOT NULL, ts INTEGER NOT NULL,
        side TEXT NOT NULL, quantity REAL NOT NULL, price REAL NOT NULL, fee REAL NOT NULL,
        liquidity TEXT NOT NULL, reason TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS trades (
        seq INTEGER PRIMARY KEY, entry_ts INTEGER NOT NULL, entry_price REAL NOT NULL,
        exit_ts INTEGER, exit_price REAL, qty REAL NOT NULL, pnl REAL NOT NULL, fees REAL NOT NULL, exit_reason TEXT);
    CREATE TABLE IF NOT EXISTS orders (
        id INTEGER PRIMARY KEY, symbol INTEGER NOT NULL, side TEXT NOT NULL, kind TEXT NOT NULL,
        limit_price REAL, trigger_price REAL, trail TEXT, size_kind TEXT NOT NULL, size REAL,
        time_in_force TEXT NOT NULL, live_from_bar INTEGER NOT NULL, parent INTEGER, triggered INTEGER NOT NULL);
    CREATE TABLE IF NOT EXISTS order_updates (
        seq INTEGER PRIMARY KEY, order_id INTEGER NOT NULL, symbol INTEGER NOT NULL, bar INTEGER NOT NULL, status TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS positions (
        symbol INTEGER PRIMARY KEY, instrument TEXT NOT NULL, quantity REAL NOT NULL, mark_price REAL NOT NULL,
        entry_ts INTEGER, entry_price REAL, unrealized_pnl REAL NOT NULL);
    CREATE TABLE IF NOT EXISTS risk_events (
        seq INTEGER PRIMARY KEY, ts INTEGER NOT NULL, bar INTEGER NOT NULL, symbol INTEGER NOT NULL,
        rule TEXT NOT NULL, action TEXT NOT NULL, value REAL, "limit" REAL, reason TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS progress (
        id INTEGER PRIMARY KEY CHECK (id = 1), bars INTEGER NOT NULL, last_ts INTEGER, cash REAL NOT NULL,
        equity REAL, fees REAL NOT NULL, fills INTEGER NOT NULL, closed_trades INTEGER NOT NULL,
        order_updates INTEGER NOT NULL, risk_events INTEGER NOT NULL);
    """

    /// Moves a version 1 file's `bars` and `equity` tables into `steps` and marks the file
    /// version 2; `tables` then creates the views in their place. Run inside one transaction,
    /// after `tables` has created `steps`.
    static let fromVersion1 = """
    INSERT INTO steps (bar, ts, open, high, low, close, volume, equity, cash, position)
        SELECT bars.bar, bars.ts, open, high, low, close, volume, equity, cash, position
        FROM bars JOIN equity ON equity.bar = bars.bar ORDER BY bars.bar;
    DROP TABLE bars;
    DROP TABLE equity;
    UPDATE meta SET value = '2' WHERE key = 'format_version';
    """
}
