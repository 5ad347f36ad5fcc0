import MarketData

/// Everything that can go wrong with a results store, naming the store's path.
public enum StoreError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file cannot be opened or created.
    case unavailable(path: String, reason: String)
    /// A statement failed; its transaction was rolled back.
    case sqlite(path: String, message: String)
    /// The store holds something this version cannot read back.
    case corrupt(path: String, reason: String)
    /// `--resume` of a run whose stored spec differs from the one given.
    case specMismatch(path: String, run: String)
    /// `--resume` of a run whose data (`what`: its sha256, or the engine version) changed.
    case resumeMismatch(path: String, run: String, what: String, stored: String, now: String)
    case unknownRun(path: String, run: String)

    public var description: String {
        switch self {
        case let .unavailable(path, reason): return "\(path): cannot open the results store: \(reason)"
        case let .sqlite(path, message): return "\(path): \(message)"
        case let .corrupt(path, reason): return "\(path): unreadable results: \(reason)"
        case let .specMismatch(path, run):
            return "\(path): run \(run) was started from a different spec (its sha256 differs); start a new run instead of resuming"
        case let .resumeMismatch(path, run, what, stored, now):
            return "\(path): run \(run) was started with \(what) \(stored), now \(now); start a new run instead of resuming"
        case let .unknownRun(path, run): return "\(path): no run \"\(run)\" in this store"
        }
    }
}

extension StoreError: SQLiteFailure {
    /// A failed open makes the store unavailable; any other SQLite failure is `.sqlite`.
    package init(_ error: SQLiteError) {
        self = error.operation == .open ? .unavailable(path: error.path, reason: error.message)
                                        : .sqlite(path: error.path, message: error.message)
    }
}
