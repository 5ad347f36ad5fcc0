import Foundation
import MarketData

/// Ticks for a base-10 logarithmic axis.
///
/// Semantics: for ranges under one decade the linear nice ticks are used (a log axis from
/// 100 to 300 still needs several labels); up to three decades every 1, 2 and 5 × 10^k in range
/// is a tick; beyond that whole decades, every n-th decade so that about `target` remain.
/// Non-positive bounds cannot be shown on a log axis and give no ticks.
public enum LogTicks {
    /// Tick values inside `[min, max]`.
    public static func values(min lo: Double, max hi: Double, target: Int = 6) -> [Double] {
        guard lo.isFinite, hi.isFinite, lo > 0, hi > 0 else { return [] }
        let a = Swift.min(lo, hi), b = Swift.max(lo, hi)
        let decades = log10(b) - log10(a)      // finite even when b / a overflows
        if decades < 1 {
            return NiceTicks.values(min: a, max: b, target: Swift.max(target - 1, 2)).filter { $0 > 0 }
        }
        let firstExponent = Int(floor(log10(a) + 1e-9)), lastExponent = Int(floor(log10(b) + 1e-9))
        let tolerance = 1e-9
        if decades <= 3 {
            var out: [Double] = []
            for e in firstExponent...lastExponent {
                for m in [1.0, 2.0, 5.0] {
                    let v = NiceTicks.exact(m, exponent: e)
                    if v >= a * (1 - tolerance), v <= b * (1 + tolerance) { out.append(v) }
                }
            }
            return out
        }
        let every = clampedInt((decades / Double(Swift.max(target, 1))).rounded(.up), in: 1...10_000)
        return (firstExponent...lastExponent)
            .filter { $0 % every == 0 }
            .map { NiceTicks.exact(1, exponent: $0) }
            .filter { $0 >= a * (1 - tolerance) && $0 <= b * (1 + tolerance) }
    }

    /// Labelled ticks; each label shows its own value exactly, with a suffix chosen by its own
    /// magnitude (`0.05`, `20`, `5,000`, `500,000`, `2M`), since log ticks span decades.
    public static func ticks(min lo: Double, max hi: Double, target: Int = 6) -> [Tick] {
        values(min: lo, max: hi, target: target).map { Tick(value: $0, label: TickText.tickLabel($0, step: $0, largest: $0)) }
    }
}
