/// The tables of a paper state file (docs/paper.md lists them with their meaning). Every
/// timestamp is epoch milliseconds UTC of a bar's open, as in trades.csv; `bar` is the 0-based
/// index of the bar in the run.
enum StateSchema {
    /// Bumped when a table changes; a file of another version is refused.
    static let version = "1"

    /// Every table with its key column (the order `StateFile.contents` lists rows in).
    static let keys: [(table: String, key: String)] = [
        ("meta", "key"), ("bars", "bar"), ("equity", "bar"), ("fills", "seq"), ("trades", "seq"), ("orders", "id"),
        ("order_updates", "seq"), ("positions", "symbol"), ("risk_events", "seq"), ("progress", "id"),
    ]

    static let tables = """
    CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS bars (
        bar INTEGER PRIMARY KEY, ts INTEGER NOT NULL,
        open REAL NOT NULL, high REAL NOT NULL, low REAL NOT NULL, close REAL NOT NULL, volume REAL NOT NULL);
    CREATE TABLE IF NOT EXISTS equity (
        bar INTEGER PRIMARY KEY, ts INTEGER NOT NULL, equity REAL NOT NULL, cash REAL NOT NULL, position REAL NOT NULL);
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
}
