/// One candidate parameter set: values in the space's declaration order.
///
/// Output (CSV columns, JSON keys) follows `names` order, never a dictionary's.
public struct TrialPoint: Hashable, Sendable, CustomStringConvertible {
    /// Parameter names in declaration order (shared storage across points of one space).
    public let names: [String]
    /// Values, aligned with `names`.
    public let values: [ParameterValue]

    public init(names: [String], values: [ParameterValue]) {
        precondition(names.count == values.count, "one value per parameter")
        self.names = names
        self.values = values
    }

    /// The value of the named parameter, or nil if the point has no such parameter.
    public subscript(name: String) -> ParameterValue? {
        names.firstIndex(of: name).map { values[$0] }
    }

    public var description: String {
        zip(names, values).map { "\($0)=\($1)" }.joined(separator: ", ")
    }
}
