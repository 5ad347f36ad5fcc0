/// A named axis of a search space.
public struct Parameter: Hashable, Sendable {
    public let name: String
    public let domain: ParameterDomain

    public init(_ name: String, _ domain: ParameterDomain) {
        self.name = name
        self.domain = domain
    }
}
