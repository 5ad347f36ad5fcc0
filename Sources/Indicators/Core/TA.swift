/// Namespace of the vectorized indicators. Each takes whole columns and returns arrays aligned
/// with the input, NaN during the warm-up (TA-Lib's lookback). Each has a streaming twin
/// (a struct with `mutating func update`) that produces the same numbers one bar at a time.
///
/// NaN policy (each indicator's doc names the rule it follows):
/// - *leading NaNs are skipped* by the moving averages and the single-column recursions: the
///   warm-up starts at the first number, so indicators chain (an EMA of an RSI works);
/// - *poison*: in running sums and recursions a NaN after the warm-up started makes that
///   output and every later one NaN (TA-Lib behaves the same way);
/// - *window*: rolling extremes (STOCH, WILLR, AROON, Donchian, Ichimoku, MAX/MIN) give NaN
///   while the NaN is inside their window and recover once it has left.
public enum TA {}

extension TA {
    /// Feeds `x` bar by bar through `state` and collects its outputs: the vectorized form of
    /// every single-column streaming indicator, so both forms run the same arithmetic.
    @inlinable
    static func drive<S: SeriesIndicator>(_ x: [Double], _ state: inout S) -> [Double] {
        x.withUnsafeBufferPointer { input in
            Array(unsafeUninitializedCapacity: input.count) { out, initialized in
                for i in 0..<input.count { out[i] = state.update(input[i]) }
                initialized = input.count
            }
        }
    }

    /// Checks that aligned columns have one length.
    @inlinable
    static func requireSameLength(_ indicator: String, _ counts: Int...) throws(IndicatorError) {
        if let first = counts.first, counts.contains(where: { $0 != first }) {
            throw .lengthMismatch(indicator: indicator)
        }
    }
}

/// A streaming indicator of one input column with one output.
public protocol SeriesIndicator: Sendable {
    /// Adds the next value and returns the indicator at this bar (NaN during the warm-up).
    mutating func update(_ value: Double) -> Double
}
