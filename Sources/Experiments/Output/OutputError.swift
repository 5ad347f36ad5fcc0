/// Errors writing results.
public enum OutputError: Error, Equatable, Sendable, CustomStringConvertible {
    case cannotWrite(path: String, reason: String)
    case cannotCreateFolder(path: String, reason: String)

    public var description: String {
        switch self {
        case let .cannotWrite(path, reason): return "\(path): cannot write: \(reason)"
        case let .cannotCreateFolder(path, reason): return "\(path): cannot create the folder: \(reason)"
        }
    }
}
