/// Failures of an optimizer, each rendered to a message naming what went wrong.
public enum OptimizationError: Error, Equatable, Sendable, CustomStringConvertible {
    case space(SpaceError)
    case invalidSetting(String)
    case linearAlgebra(routine: String, info: Int32)

    public var description: String {
        switch self {
        case let .space(error): return error.description
        case let .invalidSetting(message): return message
        case let .linearAlgebra(routine, info):
            return "\(routine) failed with info = \(info) (matrix not positive definite even after jitter)"
        }
    }
}
