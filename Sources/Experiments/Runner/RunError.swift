/// Errors that stop a run before or while it works.
public enum RunError: Error, CustomStringConvertible {
    case data(String)
    case store(StoreError)
    case output(String)
    case optimizer(String)
    case resume(String)
    /// A stage the spec asks for that cannot run with its strategy (refused before any work).
    case unsupported(String)
    /// The spec does not fit its data (checked before any work, as `crucible validate` does).
    case invalid(SpecError)
    /// The search ran but produced nothing to rank: every trial failed, none met the
    /// objective's limits, or none traded. The results folder is kept for inspection.
    case noResults(String)

    public var description: String {
        switch self {
        case let .data(m): return "data: \(m)"
        case let .store(e): return e.description
        case let .output(m): return m
        case let .optimizer(m): return "optimizer: \(m)"
        case let .resume(m): return m
        case let .unsupported(m): return m
        case let .invalid(e): return e.description
        case let .noResults(m): return m
        }
    }
}
