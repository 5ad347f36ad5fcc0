/// A failure writing a results folder: either the store could not be read or a file could not
/// be written.
public enum ExperimentOutputError: Error, Equatable, Sendable, CustomStringConvertible {
    case store(StoreError)
    case output(OutputError)

    public var description: String {
        switch self {
        case let .store(e): return e.description
        case let .output(e): return e.description
        }
    }
}
