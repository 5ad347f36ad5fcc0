/// A failure of the shared SQLite wrapper: which file, what was being done, SQLite's message.
/// Each store maps it once into its own error type through `SQLiteFailure`.
package struct SQLiteError: Error, Sendable, Equatable {
    /// What failed.
    package enum Operation: Sendable, Equatable { case open, execute, prepare, step }

    package var path: String
    package var operation: Operation
    /// SQLite's message (for `prepare`, followed by " in: " and the start of the SQL).
    package var message: String

    package init(path: String, operation: Operation, message: String) {
        self.path = path; self.operation = operation; self.message = message
    }
}

/// A module's error type that the SQLite wrapper throws, built from a `SQLiteError`.
package protocol SQLiteFailure: Error {
    init(_ error: SQLiteError)
}

extension DataError: SQLiteFailure {
    /// Open failures, and writes refused because the file is read-only or cannot be opened,
    /// make the store unavailable; anything else is a store error.
    package init(_ error: SQLiteError) {
        switch error.operation {
        case .open:
            self = .storeUnavailable(path: error.path, reason: error.message)
        case .execute where error.message.contains("readonly") || error.message.contains("unable to open"):
            self = .storeUnavailable(path: error.path, reason: error.message)
        default:
            self = .store(path: error.path, message: error.message)
        }
    }
}
