/// The parameters of a study in declaration order, and the constraints between them.
///
/// Semantics: a point is feasible when every value lies in its domain and every constraint
/// holds. Optimizers only ever propose feasible points. The model works on `features`: one
/// column per numeric parameter scaled to [0, 1] (log-scaled where declared) and one column
/// per option of a choice (one-hot); fixed values take no column.
public struct SearchSpace: Hashable, Sendable {
    public let parameters: [Parameter]
    public let constraints: [Constraint]
    /// Names in declaration order (the columns of every output).
    public let names: [String]
    /// Indices of the parameters that vary (all but fixed ones).
    public let freeIndices: [Int]
    /// First feature column of each parameter.
    let featureOffsets: [Int]
    /// Total feature columns.
    public let featureCount: Int

    /// Builds and validates a space; constraints are parsed against its parameter names.
    public init(_ parameters: [Parameter], constraints: [String] = []) throws(SpaceError) {
        var seen = Set<String>()
        for parameter in parameters {
            guard !parameter.name.isEmpty else { throw .emptyName }
            guard seen.insert(parameter.name).inserted else { throw .duplicateName(parameter.name) }
            try parameter.domain.validate(name: parameter.name)
        }
        self.parameters = parameters
        self.names = parameters.map(\.name)
        var parsed: [Constraint] = []
        for text in constraints { parsed.append(try Constraint(text, parameters: parameters)) }
        self.constraints = parsed
        self.freeIndices = parameters.indices.filter { parameters[$0].domain.isFree }
        var offsets: [Int] = []
        var total = 0
        for parameter in parameters {
            offsets.append(total)
            total += parameter.domain.featureWidth
        }
        self.featureOffsets = offsets
        self.featureCount = total
    }

    /// Number of coordinates a sampler draws per point (one per free parameter).
    public var samplingDimension: Int { freeIndices.count }

    /// Whether the values satisfy every constraint (values must already lie in their domains).
    public func satisfiesConstraints(_ values: [ParameterValue]) -> Bool {
        for constraint in constraints where !constraint.isSatisfied(by: values) { return false }
        return true
    }

    /// Wraps values (declaration order) as a point.
    public func point(_ values: [ParameterValue]) -> TrialPoint {
        TrialPoint(names: names, values: values)
    }

    /// Maps one uniform draw per free parameter (in [0, 1)) to values.
    public func values(unit u: UnsafeBufferPointer<Double>) -> [ParameterValue] {
        precondition(u.count >= freeIndices.count)
        var values: [ParameterValue] = []
        values.reserveCapacity(parameters.count)
        var next = 0
        for parameter in parameters {
            if parameter.domain.isFree {
                values.append(parameter.domain.value(unit: u[next]))
                next += 1
            } else {
                values.append(parameter.domain.value(unit: 0))
            }
        }
        return values
    }

    /// Checks that a point belongs to the space and returns its values in the parameters'
    /// own types, in declaration order (names may come in any order).
    public func validate(_ point: TrialPoint) throws(SpaceError) -> [ParameterValue] {
        guard point.names.count == parameters.count else {
            throw .pointMismatch("expected \(parameters.count) parameters (\(names.joined(separator: ", "))), got \(point.names.count)")
        }
        var values: [ParameterValue] = []
        values.reserveCapacity(parameters.count)
        for parameter in parameters {
            guard let value = point[parameter.name] else { throw .pointMismatch("missing parameter \"\(parameter.name)\"") }
            guard parameter.domain.contains(value) else {
                throw .pointMismatch("\(parameter.name)=\(value) is outside its domain")
            }
            values.append(parameter.domain.canonical(value))
        }
        return values
    }

    /// Writes the model features of `values` into `out` (length `featureCount`).
    public func features(_ values: [ParameterValue], into out: UnsafeMutableBufferPointer<Double>) {
        for (i, parameter) in parameters.enumerated() {
            let offset = featureOffsets[i]
            switch parameter.domain {
            case .fixed: continue
            case let .choice(options):
                guard case let .string(name) = values[i] else { preconditionFailure("choice value must be a name") }
                for k in options.indices { out[offset + k] = options[k] == name ? 1 : 0 }
            default:
                out[offset] = parameter.domain.feature(of: values[i].number!)
            }
        }
    }

    /// The model features of `values` as a new array.
    public func features(_ values: [ParameterValue]) -> [Double] {
        [Double](unsafeUninitializedCapacity: featureCount) { buffer, count in
            features(values, into: buffer)
            count = featureCount
        }
    }

    /// The point nearest to a feature vector: numeric columns snap to the nearest level,
    /// choices take the option with the largest column.
    public func values(features f: UnsafeBufferPointer<Double>) -> [ParameterValue] {
        var values: [ParameterValue] = []
        values.reserveCapacity(parameters.count)
        for (i, parameter) in parameters.enumerated() {
            let offset = featureOffsets[i]
            switch parameter.domain {
            case let .fixed(value): values.append(value)
            case let .choice(options):
                var best = 0
                for k in options.indices where f[offset + k] > f[offset + best] { best = k }
                values.append(.string(options[best]))
            default: values.append(parameter.domain.value(feature: f[offset]))
            }
        }
        return values
    }

    /// Whether each feature column belongs to a choice (one-hot) rather than a numeric axis.
    public var categoricalColumns: [Bool] {
        var flags = [Bool](repeating: false, count: featureCount)
        for (i, parameter) in parameters.enumerated() {
            if case .choice = parameter.domain {
                for k in 0..<parameter.domain.featureWidth { flags[featureOffsets[i] + k] = true }
            }
        }
        return flags
    }
}
