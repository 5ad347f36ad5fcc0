import CSQLite

/// A prepared statement; finalized when released. Binds by index (the fast path, no
/// allocation) or from a value list, steps, and reads columns of the current row.
package final class SQLiteStatement<Failure: SQLiteFailure> {
    package let handle: OpaquePointer
    unowned let connection: SQLiteConnection<Failure>

    init(handle: OpaquePointer, connection: SQLiteConnection<Failure>) {
        self.handle = handle
        self.connection = connection
    }

    deinit { sqlite3_finalize(handle) }

    // MARK: binding (1-based)

    @inline(__always) package func bind(_ index: Int32, _ value: Int64) { sqlite3_bind_int64(handle, index, value) }
    @inline(__always) package func bind(_ index: Int32, _ value: Double) { sqlite3_bind_double(handle, index, value) }
    /// Binds a real, or NULL when it is not finite (the rule `SQLiteValue.double` follows).
    @inline(__always) package func bindReal(_ index: Int32, _ value: Double) {
        if value.isFinite { sqlite3_bind_double(handle, index, value) } else { sqlite3_bind_null(handle, index) }
    }
    @inline(__always) package func bind(_ index: Int32, _ value: String) {
        sqlite3_bind_text(handle, index, value, -1, crucible_sqlite_transient())
    }

    /// Binds every value in order, from parameter 1.
    package func bind(_ values: [SQLiteValue]) {
        for (i, value) in values.enumerated() {
            let index = Int32(i + 1)
            switch value {
            case .null: sqlite3_bind_null(handle, index)
            case let .int(v): sqlite3_bind_int64(handle, index, v)
            case let .double(v): bindReal(index, v)
            case let .text(v): sqlite3_bind_text(handle, index, v, -1, crucible_sqlite_transient())
            case let .blob(v):
                v.withUnsafeBytes { bytes in
                    _ = sqlite3_bind_blob(handle, index, bytes.baseAddress, Int32(bytes.count), crucible_sqlite_transient())
                }
            }
        }
    }

    // MARK: running

    /// Steps once: true when a row is available, false when done.
    @inline(__always) package func step() throws(Failure) -> Bool {
        let status = sqlite3_step(handle)
        if status == SQLITE_ROW { return true }
        if status == SQLITE_DONE { return false }
        throw connection.failure(.step)
    }

    /// Rewinds the statement, keeping its bindings.
    @inline(__always) package func reset() { sqlite3_reset(handle) }

    /// Binds the values, runs the statement to completion, then resets it and clears its bindings.
    package func run(_ values: [SQLiteValue]) throws(Failure) {
        bind(values)
        defer { clear() }
        guard sqlite3_step(handle) == SQLITE_DONE else { throw connection.failure(.step) }
    }

    /// Binds the values and calls `row` for every result row, then resets and clears bindings.
    package func query(_ values: [SQLiteValue] = [], _ row: (SQLiteStatement) throws(Failure) -> Void) throws(Failure) {
        bind(values)
        defer { clear() }
        while true {
            let status = sqlite3_step(handle)
            if status == SQLITE_DONE { return }
            guard status == SQLITE_ROW else { throw connection.failure(.step) }
            try row(self)
        }
    }

    private func clear() {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }

    // MARK: columns (0-based) of the current row

    package func isNull(_ column: Int32) -> Bool { sqlite3_column_type(handle, column) == SQLITE_NULL }
    @inline(__always) package func int64(_ column: Int32) -> Int64 { sqlite3_column_int64(handle, column) }
    @inline(__always) package func double(_ column: Int32) -> Double { sqlite3_column_double(handle, column) }
    package func optionalDouble(_ column: Int32) -> Double? { isNull(column) ? nil : double(column) }
    package func text(_ column: Int32) -> String {
        guard let pointer = sqlite3_column_text(handle, column) else { return "" }
        return String(cString: pointer)
    }
    package func optionalText(_ column: Int32) -> String? { isNull(column) ? nil : text(column) }
    /// The column's UTF-8 bytes without copying them, valid only inside `body`.
    package func withTextBytes<T>(_ column: Int32, _ body: (UnsafeBufferPointer<UInt8>) -> T) -> T {
        guard let pointer = sqlite3_column_text(handle, column) else { return body(UnsafeBufferPointer(start: nil, count: 0)) }
        return body(UnsafeBufferPointer(start: pointer, count: Int(sqlite3_column_bytes(handle, column))))
    }
    package func blob(_ column: Int32) -> [UInt8] {
        let count = Int(sqlite3_column_bytes(handle, column))
        guard count > 0, let pointer = sqlite3_column_blob(handle, column) else { return [] }
        return Array(UnsafeRawBufferPointer(start: pointer, count: count))
    }
}

/// A value bound to a statement parameter (a non-finite Double is stored as NULL).
package enum SQLiteValue {
    case null
    case int(Int64)
    case double(Double)
    case text(String)
    case blob([UInt8])

    package static func optional(_ value: Double?) -> SQLiteValue { value.map(SQLiteValue.double) ?? .null }
    package static func optional(_ value: String?) -> SQLiteValue { value.map(SQLiteValue.text) ?? .null }
    package static func optional(_ value: Int64?) -> SQLiteValue { value.map(SQLiteValue.int) ?? .null }
}
