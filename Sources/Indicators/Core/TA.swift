/// Namespace of the vectorized indicators. Each takes whole columns and returns arrays aligned
/// with the input, NaN during the warm-up (TA-Lib's lookback). Each has a streaming twin
/// (a struct with `mutating func update`) that produces the same numbers one bar at a time.
public enum TA {}
