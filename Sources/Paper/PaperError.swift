import MarketData
import Simulation

/// Everything that stops paper trading, each naming the file or the setting at fault; rendered
/// to one message in `description`.
public enum PaperError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The state file could not be opened, read or written (SQLite's message).
    case state(path: String, message: String)
    /// The state file belongs to another strategy, parameter set or instrument.
    case stateMismatch(path: String, detail: String)
    /// Rebuilding the run from the state file's bars did not give the state it records.
    case restoreDiverged(path: String, detail: String)
    /// The feed cannot be used (unknown kind, bad file, bars out of order or not continuing the state).
    case feed(String)
    /// The spec or its point cannot run incrementally.
    case unsupported(String)
    /// The engine refused a bar or a setting.
    case simulation(SimulationError)
    /// A paper report cannot be made (its data does not cover the run).
    case report(String)

    public var description: String {
        switch self {
        case let .state(path, message): return "\(path): state file: \(message)"
        case let .stateMismatch(path, detail): return "\(path): the state file was made by another run: \(detail)"
        case let .restoreDiverged(path, detail):
            return "\(path): replaying the state file's bars does not give its recorded state (\(detail)); the file or the build changed"
        case let .feed(message): return "feed: \(message)"
        case let .unsupported(message): return "paper trading: \(message)"
        case let .simulation(error): return error.description
        case let .report(message): return "paper report: \(message)"
        }
    }
}

extension PaperError: SQLiteFailure {
    package init(_ error: SQLiteError) {
        self = .state(path: error.path, message: error.message)
    }
}
