/// Everything that can be wrong with a search space or a point offered to it.
/// Each case names the parameter or the constraint text, so a spec author can fix it.
public enum SpaceError: Error, Equatable, Sendable, CustomStringConvertible {
    case emptyName
    case duplicateName(String)
    case invalidDomain(parameter: String, reason: String)
    case constraintSyntax(expression: String, position: Int, expected: String)
    case unknownParameter(expression: String, name: String)
    case typeMismatch(expression: String, reason: String)
    /// An expression past the parser's limits on length, nesting or chained operations.
    case constraintTooComplex(expression: String, reason: String)
    case notGriddable(parameter: String, reason: String)
    case gridTooLarge(String)
    case pointMismatch(String)

    /// The start of a long expression, enough to recognize it, for messages.
    public static func excerpt(_ expression: String) -> String {
        expression.count <= 60 ? expression : String(expression.prefix(60)) + "…"
    }

    public var description: String {
        switch self {
        case .emptyName: return "a parameter has an empty name"
        case let .duplicateName(name): return "parameter \"\(name)\" is declared twice"
        case let .invalidDomain(parameter, reason): return "parameter \"\(parameter)\": \(reason)"
        case let .constraintSyntax(expression, position, expected):
            return "constraint \"\(Self.excerpt(expression))\": at character \(position + 1): expected \(expected)"
        case let .unknownParameter(expression, name):
            return "constraint \"\(Self.excerpt(expression))\": \"\(name)\" is not a parameter of the space"
        case let .typeMismatch(expression, reason): return "constraint \"\(Self.excerpt(expression))\": \(reason)"
        case let .constraintTooComplex(expression, reason): return "constraint \"\(Self.excerpt(expression))\" is too complex: \(reason)"
        case let .notGriddable(parameter, reason): return "parameter \"\(parameter)\" cannot be gridded: \(reason)"
        case let .gridTooLarge(reason): return "grid too large: \(reason)"
        case let .pointMismatch(reason): return "point does not belong to the space: \(reason)"
        }
    }
}
