/// A numeric parameter of a registry indicator, named as in TA-Lib (or pandas-ta for the
/// indicators TA-Lib lacks).
public struct IndicatorParameter: Sendable {
    public let name: String
    public let defaultValue: Double
    /// Whether only whole numbers are accepted.
    public let isInteger: Bool
    /// Smallest accepted value.
    public let minimum: Double

    /// An integer parameter (a period or a type code).
    public static func int(_ name: String, _ value: Int, minimum: Int = 1) -> IndicatorParameter {
        IndicatorParameter(name: name, defaultValue: Double(value), isInteger: true, minimum: Double(minimum))
    }

    /// The largest magnitude an integer parameter may have (a period longer than any data set).
    public static let maxInteger = 1e9

    /// A real parameter (a multiplier or a factor).
    public static func real(_ name: String, _ value: Double, minimum: Double = -.infinity) -> IndicatorParameter {
        IndicatorParameter(name: name, defaultValue: value, isInteger: false, minimum: minimum)
    }

    /// The default as a user writes it (`30`, `0.7`).
    public var defaultText: String { isInteger ? String(Int(defaultValue)) : "\(defaultValue)" }
}

/// Parameter values after defaults were applied and checked.
public struct IndicatorParameters: Sendable {
    public let values: [String: Double]

    /// The integer parameter `name` (the registry declares every name it reads).
    public func int(_ name: String) -> Int { Int(values[name]!) }
    /// The real parameter `name`.
    public func real(_ name: String) -> Double { values[name]! }
    /// The MA-type parameter `name` as an `MAType`.
    public func maType(_ name: String, indicator: String) throws(IndicatorError) -> MAType {
        try MAType(code: int(name), indicator: indicator, parameter: name)
    }
}

/// A streaming form of a registry indicator: one call per bar, one value per output. It holds
/// its state in a closure, so copies share that state; make one stream per series. For the CLI,
/// the cache, the rule language's event path and tests — `update(_:into:)` writes the outputs
/// into caller-owned storage, so a bar costs one indirect call and no allocation.
public struct IndicatorStream {
    @usableFromInline let step: (IndicatorBar, UnsafeMutablePointer<Double>) -> Void
    /// Number of outputs (`IndicatorDefinition.outputs.count`).
    public internal(set) var outputCount: Int

    /// A stream whose `step` writes the outputs of one bar to `out[0..<outputCount]`.
    public init(outputCount: Int = 1, _ step: @escaping (IndicatorBar, UnsafeMutablePointer<Double>) -> Void) {
        self.step = step
        self.outputCount = outputCount
    }

    /// Adds one bar and writes its outputs, in `IndicatorDefinition.outputs` order, to
    /// `out[0..<outputCount]`.
    @inlinable
    public func update(_ bar: IndicatorBar, into out: UnsafeMutablePointer<Double>) { step(bar, out) }

    /// Adds one bar; returns the outputs at this bar, in `IndicatorDefinition.outputs` order.
    public func update(_ bar: IndicatorBar) -> [Double] {
        Array(unsafeUninitializedCapacity: outputCount) { buffer, initialized in
            buffer.initialize(repeating: .nan)
            step(bar, buffer.baseAddress!)
            initialized = outputCount
        }
    }
}

/// One entry of the indicator registry: its name, inputs, parameters with defaults, output
/// names and how to compute it vectorized and streaming. The CLI (`crucible indicator`), the
/// cache and the fixture test all read this one table.
public struct IndicatorDefinition: Sendable {
    public let name: String
    public let summary: String
    public let inputs: [InputColumn]
    public let parameters: [IndicatorParameter]
    /// Non-numeric conventions this implementation follows, as (parameter, value) in the oracle's
    /// terms, e.g. Keltner's ("mamode", "ema"). Given on the command line they must match.
    public let conventions: [(name: String, value: String)]
    public let outputs: [String]
    /// Outputs that read future bars (Ichimoku's chikou): vectorized only, NaN when streaming.
    public let lookAheadOutputs: [String]
    @usableFromInline let vectorized: @Sendable (IndicatorInput, IndicatorParameters) throws(IndicatorError) -> [[Double]]
    @usableFromInline let streaming: @Sendable (IndicatorParameters) throws(IndicatorError) -> IndicatorStream

    public init(name: String, summary: String, inputs: [InputColumn], parameters: [IndicatorParameter] = [],
                conventions: [(name: String, value: String)] = [], outputs: [String] = ["real"], lookAheadOutputs: [String] = [],
                vectorized: @escaping @Sendable (IndicatorInput, IndicatorParameters) throws(IndicatorError) -> [[Double]],
                streaming: @escaping @Sendable (IndicatorParameters) throws(IndicatorError) -> IndicatorStream) {
        self.name = name
        self.summary = summary
        self.inputs = inputs
        self.parameters = parameters
        self.conventions = conventions
        self.outputs = outputs
        self.lookAheadOutputs = lookAheadOutputs
        self.vectorized = vectorized
        self.streaming = streaming
    }

    /// Applies defaults to `given` and checks every value; unknown names are refused with the
    /// list of valid ones.
    public func resolve(_ given: [String: Double] = [:]) throws(IndicatorError) -> IndicatorParameters {
        var values: [String: Double] = [:]
        for p in parameters { values[p.name] = p.defaultValue }
        for key in given.keys.sorted() {
            guard let p = parameters.first(where: { $0.name == key }), let v = given[key] else {
                throw .unknownParameter(indicator: name, parameter: key, valid: parameters.map(\.name))
            }
            if !v.isFinite || (p.isInteger && v.rounded() != v) {
                throw .invalidParameter(indicator: name, parameter: key, reason: "must be \(p.isInteger ? "an integer" : "a finite number"), got \(v)")
            }
            // Integers are periods and codes: bounded so that they convert to Int exactly.
            if p.isInteger && abs(v) > IndicatorParameter.maxInteger {
                throw .invalidParameter(indicator: name, parameter: key,
                                        reason: "must be an integer of magnitude at most \(Int(IndicatorParameter.maxInteger)), got \(v)")
            }
            if v < p.minimum {
                if p.isInteger { throw .parameterTooSmall(indicator: name, parameter: key, value: Int(v), minimum: Int(p.minimum)) }
                throw .invalidParameter(indicator: name, parameter: key, reason: "must be at least \(p.minimum), got \(v)")
            }
            values[key] = v
        }
        return IndicatorParameters(values: values)
    }

    /// Checks that `input` has every column this indicator reads.
    func requireColumns(_ input: IndicatorInput) throws(IndicatorError) {
        if inputs.contains(.secondaryClose) {
            guard let second = input.secondaryClose else {
                throw .invalidParameter(indicator: name, parameter: "real0", reason: "needs a second series (the market's closes)")
            }
            if second.count != input.count { throw .lengthMismatch(indicator: name) }
        }
    }

    /// Computes every output over whole columns (`outputs` order).
    public func compute(_ input: IndicatorInput, parameters given: [String: Double] = [:]) throws(IndicatorError) -> [[Double]] {
        let p = try resolve(given)
        try requireColumns(input)
        return try vectorized(input, p)
    }

    /// A fresh streaming twin for the given parameters.
    public func stream(parameters given: [String: Double] = [:]) throws(IndicatorError) -> IndicatorStream {
        var stream = try streaming(resolve(given))
        stream.outputCount = outputs.count
        return stream
    }
}
