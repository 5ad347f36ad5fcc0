/// Every indicator reachable by name, in one table shared by the CLI, the cache and the tests.
public enum IndicatorRegistry {
    /// All definitions, sorted by name.
    public static let all: [IndicatorDefinition] = (movingAverages + momentum + volatility + trend + volume + transforms)
        .sorted { $0.name < $1.name }

    /// The definition called `name` (case-insensitive).
    public static func definition(named name: String) -> IndicatorDefinition? {
        let key = name.uppercased()
        return all.first { $0.name == key }
    }

    /// The definition called `name`, or an error listing every valid name.
    public static func require(_ name: String) throws(IndicatorError) -> IndicatorDefinition {
        guard let found = definition(named: name) else {
            throw .unknownIndicator(name: name, valid: all.map(\.name))
        }
        return found
    }
}

extension IndicatorDefinition {
    /// A one-column, one-output indicator whose vectorized form is `vectorized` and whose
    /// streaming twin is the `SeriesIndicator` made by `make`.
    static func series<S: SeriesIndicator>(_ name: String, _ summary: String, input: InputColumn = .close,
                                           _ parameters: [IndicatorParameter],
                                           vectorized: @escaping @Sendable ([Double], IndicatorParameters) throws(IndicatorError) -> [Double],
                                           make: @escaping @Sendable (IndicatorParameters) throws(IndicatorError) -> S) -> IndicatorDefinition {
        IndicatorDefinition(
            name: name, summary: summary, inputs: [input], parameters: parameters,
            vectorized: { (x, p) throws(IndicatorError) in [try vectorized(x.column(input), p)] },
            streaming: { p throws(IndicatorError) in
                var state = try make(p)
                return IndicatorStream { bar, out in out[0] = state.update(bar.value(input)) }
            })
    }
}

extension IndicatorInput {
    /// The real-valued column `c` (timestamps as doubles).
    func column(_ c: InputColumn) -> [Double] {
        switch c {
        case .timestamp: return timestamp.map(Double.init)
        case .open: return open
        case .high: return high
        case .low: return low
        case .close: return close
        case .volume: return volume
        case .secondaryClose: return secondaryClose ?? []
        }
    }
}

extension IndicatorBar {
    /// The value of column `c`.
    func value(_ c: InputColumn) -> Double {
        switch c {
        case .timestamp: return Double(timestamp)
        case .open: return open
        case .high: return high
        case .low: return low
        case .close: return close
        case .volume: return volume
        case .secondaryClose: return secondaryClose
        }
    }
}

/// Short names for parameter declarations in the registry tables.
typealias P = IndicatorParameter
