import Foundation

/// How much one parameter's chosen value moves across walk-forward folds.
///
/// Semantics: `values[k]` is the value fold k chose. For numeric parameters `mean` and
/// `standardDeviation` (sample, n − 1; nil for one fold) describe the values and
/// `coefficientOfVariation` = standard deviation / |mean| (nil when the mean is 0). For every
/// parameter `mode` is the most frequent value (ties: the one chosen first) and `modeShare`
/// the share of folds that chose it — the figure to read for categorical parameters.
public struct ParameterStability: Sendable, Hashable {
    public var name: String
    public var values: [ParameterValue]
    public var mean: Double?
    public var standardDeviation: Double?
    public var coefficientOfVariation: Double?
    public var mode: ParameterValue
    public var modeShare: Double

    /// Stability of parameter `name` from its value in each fold (at least one).
    public init(name: String, values: [ParameterValue]) {
        precondition(!values.isEmpty, "stability needs at least one fold")
        self.name = name
        self.values = values
        var best = values[0], bestCount = 0
        for candidate in values {
            let count = values.filter { $0 == candidate }.count
            if count > bestCount { best = candidate; bestCount = count }
        }
        mode = best
        modeShare = Double(bestCount) / Double(values.count)
        let numbers = values.compactMap(\.number)
        if numbers.count == values.count {
            let n = Double(numbers.count)
            let m = numbers.reduce(0, +) / n
            mean = m
            if numbers.count > 1 {
                let sd = (numbers.reduce(0) { $0 + ($1 - m) * ($1 - m) } / (n - 1)).squareRoot()
                standardDeviation = sd
                coefficientOfVariation = m != 0 ? sd / abs(m) : nil
            }
        }
    }

    /// One entry per parameter of `names` (declaration order) from the points chosen per fold.
    static func all(names: [String], points: [TrialPoint]) -> [ParameterStability] {
        names.indices.map { j in ParameterStability(name: names[j], values: points.map { $0.values[j] }) }
    }
}
