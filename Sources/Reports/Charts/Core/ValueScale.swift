import Foundation

/// Maps a data interval onto a pixel interval, linearly or logarithmically.
struct ValueScale: Sendable {
    let kind: ScaleKind
    let lower: Double
    let upper: Double
    let start: Double
    let end: Double

    init(kind: ScaleKind = .linear, domain: (Double, Double), range: (Double, Double)) {
        self.kind = kind
        var lo = domain.0, hi = domain.1
        if kind == .log { lo = log10(max(lo, .leastNormalMagnitude)); hi = log10(max(hi, .leastNormalMagnitude)) }
        if !(hi > lo) { hi = lo + 1 }
        lower = lo
        upper = hi
        start = range.0
        end = range.1
    }

    /// Pixel position of `value`; NaN when the value cannot be shown (≤ 0 on a log scale).
    func callAsFunction(_ value: Double) -> Double {
        let v: Double
        if kind == .log {
            guard value > 0 else { return .nan }
            v = log10(value)
        } else {
            v = value
        }
        return start + (v - lower) / (upper - lower) * (end - start)
    }
}
