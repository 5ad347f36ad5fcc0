/// `value` truncated toward zero and clamped into `range`; NaN gives the lower bound. For
/// counts and positions computed from data (bins, columns, decades), where an infinite or NaN
/// figure — a run with 5e-324 cash, fees of 1e300 bps — must draw something, not trap.
package func clampedInt(_ value: Double, in range: ClosedRange<Int>) -> Int {
    guard !value.isNaN else { return range.lowerBound }
    if value <= Double(range.lowerBound) { return range.lowerBound }
    if value >= Double(range.upperBound) { return range.upperBound }
    return Int(value)
}
