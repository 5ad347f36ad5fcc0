import CSQLite

/// One SQLite connection of the results store: open in WAL mode, execute, prepare, and
/// short transactions. Every failure becomes a `StoreError` naming the file.
final class SQLiteDatabase {
    let path: String
    let handle: OpaquePointer

    init(path: String) throws(StoreError) {
        self.path = path
        var db: OpaquePointer?
        let status = sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nil)
        guard status == SQLITE_OK, let db else {
            let reason = db.map { String(cString: sqlite3_errmsg($0)) } ?? String(cString: sqlite3_errstr(status))
            if let db { sqlite3_close_v2(db) }
            throw .unavailable(path: path, reason: reason)
        }
        handle = db
        sqlite3_busy_timeout(db, 5_000)
    }

    deinit { sqlite3_close_v2(handle) }

    private var message: String { String(cString: sqlite3_errmsg(handle)) }

    func execute(_ sql: String) throws(StoreError) {
        var error: UnsafeMutablePointer<CChar>?
        guard sqlite3_exec(handle, sql, nil, nil, &error) == SQLITE_OK else {
            let text = error.map { String(cString: $0) } ?? message
            sqlite3_free(error)
            throw .sqlite(path: path, message: text)
        }
    }

    func prepare(_ sql: String) throws(StoreError) -> SQLiteStatement {
        var statement: OpaquePointer?
        guard sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil) == SQLITE_OK,
              let statement else {
            throw .sqlite(path: path, message: "\(message) in: \(sql)")
        }
        return SQLiteStatement(handle: statement, database: self)
    }

    /// Runs `body` inside `BEGIN IMMEDIATE … COMMIT`; an error rolls all of it back. A process
    /// killed before COMMIT leaves nothing of the transaction behind (SQLite's journal).
    func transaction<T>(_ body: () throws(StoreError) -> T) throws(StoreError) -> T {
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

    func failure() -> StoreError { .sqlite(path: path, message: message) }
}

/// A prepared statement, reset after each use and finalized when released.
final class SQLiteStatement {
    let handle: OpaquePointer
    unowned let database: SQLiteDatabase

    init(handle: OpaquePointer, database: SQLiteDatabase) {
        self.handle = handle
        self.database = database
    }

    deinit { sqlite3_finalize(handle) }

    /// Binds every value in order (1-based), runs the statement to completion and resets it.
    func run(_ values: [SQLiteValue]) throws(StoreError) {
        bind(values)
        defer { reset() }
        guard sqlite3_step(handle) == SQLITE_DONE else { throw database.failure() }
    }

    /// Binds the values and calls `row` for every result row, then resets.
    func query(_ values: [SQLiteValue] = [], _ row: (SQLiteStatement) throws(StoreError) -> Void) throws(StoreError) {
        bind(values)
        defer { reset() }
        while true {
            let status = sqlite3_step(handle)
            if status == SQLITE_DONE { return }
            guard status == SQLITE_ROW else { throw database.failure() }
            try row(self)
        }
    }

    private func bind(_ values: [SQLiteValue]) {
        for (i, value) in values.enumerated() {
            let index = Int32(i + 1)
            switch value {
            case .null: sqlite3_bind_null(handle, index)
            case let .int(v): sqlite3_bind_int64(handle, index, v)
            case let .double(v):
                if v.isFinite { sqlite3_bind_double(handle, index, v) } else { sqlite3_bind_null(handle, index) }
            case let .text(v): sqlite3_bind_text(handle, index, v, -1, crucible_sqlite_transient())
            case let .blob(v):
                v.withUnsafeBytes { bytes in
                    _ = sqlite3_bind_blob(handle, index, bytes.baseAddress, Int32(bytes.count), crucible_sqlite_transient())
                }
            }
        }
    }

    private func reset() {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }

    func isNull(_ column: Int32) -> Bool { sqlite3_column_type(handle, column) == SQLITE_NULL }
    func int64(_ column: Int32) -> Int64 { sqlite3_column_int64(handle, column) }
    func double(_ column: Int32) -> Double { sqlite3_column_double(handle, column) }
    func optionalDouble(_ column: Int32) -> Double? { isNull(column) ? nil : double(column) }
    func text(_ column: Int32) -> String {
        guard let pointer = sqlite3_column_text(handle, column) else { return "" }
        return String(cString: pointer)
    }
    func optionalText(_ column: Int32) -> String? { isNull(column) ? nil : text(column) }
    func blob(_ column: Int32) -> [UInt8] {
        let count = Int(sqlite3_column_bytes(handle, column))
        guard count > 0, let pointer = sqlite3_column_blob(handle, column) else { return [] }
        return Array(UnsafeRawBufferPointer(start: pointer, count: count))
    }
}

/// A value bound to a statement parameter (a non-finite Double is stored as NULL).
enum SQLiteValue {
    case null
    case int(Int64)
    case double(Double)
    case text(String)
    case blob([UInt8])

    static func optional(_ value: Double?) -> SQLiteValue { value.map(SQLiteValue.double) ?? .null }
    static func optional(_ value: String?) -> SQLiteValue { value.map(SQLiteValue.text) ?? .null }
    static func optional(_ value: Int64?) -> SQLiteValue { value.map(SQLiteValue.int) ?? .null }
}
