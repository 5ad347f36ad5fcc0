import CSQLite

/// A thin owner of one SQLite connection: open, execute, prepare, transactions.
/// Every failure becomes a `DataError` naming the store's path.
final class SQLiteConnection {
    let path: String
    let handle: OpaquePointer

    init(path: String, readOnly: Bool) throws(DataError) {
        self.path = path
        _ = Self.configured
        var db: OpaquePointer?
        let flags = readOnly ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)
        let status = sqlite3_open_v2(path, &db, flags | SQLITE_OPEN_NOMUTEX, nil)
        guard status == SQLITE_OK, let db else {
            let reason = db.map { String(cString: sqlite3_errmsg($0)) } ?? String(cString: sqlite3_errstr(status))
            if let db { sqlite3_close_v2(db) }
            throw .storeUnavailable(path: path, reason: reason)
        }
        handle = db
        if !readOnly && sqlite3_db_readonly(db, "main") == 1 {
            sqlite3_close_v2(db)
            throw .storeUnavailable(path: path, reason: "the file is read-only")
        }
        sqlite3_busy_timeout(db, 5_000)
    }

    deinit { sqlite3_close_v2(handle) }

    /// Process-wide set-up done once, before the first connection.
    private static let configured: Bool = crucible_sqlite_disable_memstatus() == SQLITE_OK

    var message: String { String(cString: sqlite3_errmsg(handle)) }

    func execute(_ sql: String) throws(DataError) {
        var error: UnsafeMutablePointer<CChar>?
        guard sqlite3_exec(handle, sql, nil, nil, &error) == SQLITE_OK else {
            let text = error.map { String(cString: $0) } ?? message
            sqlite3_free(error)
            if text.contains("readonly") || text.contains("unable to open") {
                throw .storeUnavailable(path: path, reason: text)
            }
            throw .store(path: path, message: text)
        }
    }

    func prepare(_ sql: String) throws(DataError) -> Statement {
        var statement: OpaquePointer?
        guard sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil) == SQLITE_OK, let statement else {
            throw .store(path: path, message: "\(message) in: \(sql)")
        }
        return Statement(handle: statement, connection: self)
    }

    /// Runs `body` inside `BEGIN IMMEDIATE … COMMIT`; any error rolls everything back.
    func transaction<T>(_ body: () throws(DataError) -> T) throws(DataError) -> T {
        try execute("BEGIN IMMEDIATE")
        do {
            let value = try body()
            try execute("COMMIT")
            return value
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }
}

/// A prepared statement; finalized when released.
final class Statement {
    let handle: OpaquePointer
    unowned let connection: SQLiteConnection

    init(handle: OpaquePointer, connection: SQLiteConnection) {
        self.handle = handle
        self.connection = connection
    }

    deinit { sqlite3_finalize(handle) }

    @inline(__always) func bind(_ index: Int32, _ value: Int64) { sqlite3_bind_int64(handle, index, value) }
    @inline(__always) func bind(_ index: Int32, _ value: Double) { sqlite3_bind_double(handle, index, value) }
    @inline(__always) func bind(_ index: Int32, _ value: String) {
        sqlite3_bind_text(handle, index, value, -1, crucible_sqlite_transient())
    }

    /// Steps once: true when a row is available, false when done.
    @inline(__always) func step() throws(DataError) -> Bool {
        let status = sqlite3_step(handle)
        if status == SQLITE_ROW { return true }
        if status == SQLITE_DONE { return false }
        throw .store(path: connection.path, message: connection.message)
    }

    @inline(__always) func reset() { sqlite3_reset(handle) }
    @inline(__always) func int64(_ column: Int32) -> Int64 { sqlite3_column_int64(handle, column) }
    @inline(__always) func double(_ column: Int32) -> Double { sqlite3_column_double(handle, column) }
    func text(_ column: Int32) -> String {
        guard let pointer = sqlite3_column_text(handle, column) else { return "" }
        return String(cString: pointer)
    }
}

extension BarStore {
    /// Rows changed by the last statement.
    func sqlite3Changes() -> Int32 { sqlite3_changes(connection.handle) }
}
