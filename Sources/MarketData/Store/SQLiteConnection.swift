import CSQLite

/// A thin owner of one SQLite connection shared by the market-data and results stores: open,
/// execute, prepare, transactions. Every failure is thrown as the caller's `Failure`, built
/// from a `SQLiteError` naming the file. Callers set their own pragmas with `execute`.
package final class SQLiteConnection<Failure: SQLiteFailure> {
    package let path: String
    package let handle: OpaquePointer

    /// Opens `path` read-only, or read-write (creating the file if missing).
    package init(path: String, readOnly: Bool) throws(Failure) {
        self.path = path
        _ = sqliteConfigured
        var db: OpaquePointer?
        let flags = readOnly ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)
        let status = sqlite3_open_v2(path, &db, flags | SQLITE_OPEN_NOMUTEX, nil)
        guard status == SQLITE_OK, let db else {
            let reason = db.map { String(cString: sqlite3_errmsg($0)) } ?? String(cString: sqlite3_errstr(status))
            if let db { sqlite3_close_v2(db) }
            throw Failure(SQLiteError(path: path, operation: .open, message: reason))
        }
        handle = db
        sqlite3_busy_timeout(db, 5_000)
    }

    deinit { sqlite3_close_v2(handle) }

    /// True when SQLite opened the main database read-only (e.g. the file is not writable).
    package var isReadOnly: Bool { sqlite3_db_readonly(handle, "main") == 1 }

    /// SQLite's message for the last failure on this connection.
    package var message: String { String(cString: sqlite3_errmsg(handle)) }

    /// Rows changed by the last statement.
    package var changes: Int32 { sqlite3_changes(handle) }

    /// The rowid of the last row inserted on this connection.
    package var lastInsertRowID: Int64 { sqlite3_last_insert_rowid(handle) }

    /// The failure for the last error on this connection.
    package func failure(_ operation: SQLiteError.Operation) -> Failure {
        Failure(SQLiteError(path: path, operation: operation, message: message))
    }

    package func execute(_ sql: String) throws(Failure) {
        var error: UnsafeMutablePointer<CChar>?
        guard sqlite3_exec(handle, sql, nil, nil, &error) == SQLITE_OK else {
            let text = error.map { String(cString: $0) } ?? message
            sqlite3_free(error)
            throw Failure(SQLiteError(path: path, operation: .execute, message: text))
        }
    }

    /// The start of a statement, enough to say which one failed without dumping kilobytes of SQL.
    static func excerpt(_ sql: String) -> String {
        let flat = sql.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        return flat.count <= 60 ? flat : String(flat.prefix(60)) + "…"
    }

    package func prepare(_ sql: String) throws(Failure) -> SQLiteStatement<Failure> {
        var statement: OpaquePointer?
        guard sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil) == SQLITE_OK,
              let statement else {
            throw Failure(SQLiteError(path: path, operation: .prepare, message: "\(message) in: \(Self.excerpt(sql))"))
        }
        return SQLiteStatement(handle: statement, connection: self)
    }

    /// Runs `body` inside `BEGIN IMMEDIATE … COMMIT`; an error rolls all of it back. A process
    /// killed before COMMIT leaves nothing of the transaction behind (SQLite's journal).
    package func transaction<T>(_ body: () throws(Failure) -> T) throws(Failure) -> T {
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

/// Process-wide set-up done once, before the first connection.
private let sqliteConfigured: Bool = crucible_sqlite_disable_memstatus() == SQLITE_OK
