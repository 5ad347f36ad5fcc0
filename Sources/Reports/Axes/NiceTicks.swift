import Foundation

/// "Nice" ticks for a linear axis: steps of 1, 2 or 5 × 10^k, placed on multiples of the step.
///
/// Semantics: the step is the nice number nearest above `span / target` in the sequence
/// 1, 2, 5, 10, … (a rough step normalised to [1, 10) picks 1 below 1.5, 2 below 3, 5 below 7,
/// else 10). Tick values are computed as integer multiples of the step, so `0.1 × 3` prints
/// as `0.3`. A degenerate range (min == max) is widened by 1 (or 10% of |value|) each side.
public enum NiceTicks {
    /// The nice step for covering `span` with about `target` intervals.
    public static func step(span: Double, target: Int) -> Double {
        guard span.isFinite, span > 0 else { return 1 }
        let rough = span / Double(max(target, 1))
        let exponent = floor(log10(rough))
        let magnitude = pow(10, exponent)
        let normalised = rough / magnitude
        let nice: Double = normalised < 1.5 ? 1 : normalised < 3 ? 2 : normalised < 7 ? 5 : 10
        return exact(nice, exponent: Int(exponent))
    }

    /// The tick values inside `[min, max]` (inclusive) for about `target` intervals.
    public static func values(min lo: Double, max hi: Double, target: Int = 5) -> [Double] {
        let (a, b) = widened(lo, hi)
        return multiples(of: step(span: b - a, target: target), from: a, through: b)
    }

    /// The smallest range made of whole steps that contains `[min, max]`, with its step.
    public static func domain(min lo: Double, max hi: Double, target: Int = 5) -> (min: Double, max: Double, step: Double) {
        let (a, b) = widened(lo, hi)
        let s = step(span: b - a, target: target)
        let (mantissa, exponent) = decompose(s)
        let first = (a / s + 1e-9).rounded(.down), last = (b / s - 1e-9).rounded(.up)
        return (exact(first * mantissa, exponent: exponent), exact(last * mantissa, exponent: exponent), s)
    }

    /// Labelled ticks inside `[min, max]`; `suffix` is appended to every label (e.g. `%`).
    public static func ticks(min lo: Double, max hi: Double, target: Int = 5, suffix: String = "") -> [Tick] {
        let (a, b) = widened(lo, hi)
        return ticks(min: a, max: b, step: step(span: b - a, target: target), suffix: suffix)
    }

    /// Labelled ticks on the multiples of a given nice `step` inside `[min, max]`.
    public static func ticks(min lo: Double, max hi: Double, step s: Double, suffix: String = "") -> [Tick] {
        let vals = multiples(of: s, from: lo, through: hi)
        let largest = vals.map { abs($0) }.max() ?? 0
        return vals.map { Tick(value: $0, label: TickText.tickLabel($0, step: s, largest: largest) + suffix) }
    }

    /// The multiples of a nice `step` inside `[lo, hi]` (at most 10,000 of them).
    static func multiples(of step: Double, from lo: Double, through hi: Double) -> [Double] {
        guard lo.isFinite, hi.isFinite, step.isFinite, step > 0 else { return [] }
        let first = (lo / step - 1e-9).rounded(.up), last = (hi / step + 1e-9).rounded(.down)
        guard first <= last, last - first < 10_000 else { return [] }
        let (mantissa, exponent) = decompose(step)
        return stride(from: first, through: last, by: 1).map { exact($0 * mantissa, exponent: exponent) }
    }

    static func widened(_ lo: Double, _ hi: Double) -> (Double, Double) {
        guard lo.isFinite, hi.isFinite else { return (0, 1) }
        let a = Swift.min(lo, hi), b = Swift.max(lo, hi)
        guard a == b else { return (a, b) }
        let pad = a == 0 ? 1 : abs(a) * 0.1
        return (a - pad, b + pad)
    }

    /// A step as mantissa (1, 2, 5 or 10) and decimal exponent.
    static func decompose(_ step: Double) -> (Double, Int) {
        let exponent = Int(floor(log10(step) + 1e-9))
        return ((step / pow(10, Double(exponent))).rounded(), exponent)
    }

    /// `mantissa × 10^exponent` computed so that it is the double nearest the decimal value.
    static func exact(_ mantissa: Double, exponent: Int) -> Double {
        exponent >= 0 ? mantissa * pow(10, Double(exponent)) : mantissa / pow(10, Double(-exponent))
    }
}
