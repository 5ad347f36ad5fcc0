import Foundation

/// What an axis shows and how its ticks are chosen.
enum AxisSpec {
    /// Epoch-millisecond timestamps with UTC calendar ticks; the domain is the data range.
    case time(from: Int64, to: Int64)
    /// Numbers on a linear scale; `nice` widens the domain to whole tick steps.
    case linear(min: Double, max: Double, nice: Bool = true, suffix: String = "")
    /// Positive numbers on a log scale, padded slightly beyond the data.
    case log(min: Double, max: Double)
    /// A unit interval without ticks, for axes that carry categories drawn by the chart itself.
    case hidden

    var kind: ScaleKind {
        if case .log = self { return .log }
        return .linear
    }

    /// Domain and ticks for about `target` ticks.
    func resolve(target: Int) -> (domain: (Double, Double), ticks: [Tick]) {
        switch self {
        case .time(let from, let to):
            var lo = from, hi = to
            if lo == hi { lo -= 43_200_000; hi += 43_200_000 }
            return ((Double(lo), Double(hi)), DateTicks.ticks(from: lo, to: hi, target: target))
        case .linear(let lo, let hi, let nice, let suffix):
            if nice {
                let d = NiceTicks.domain(min: lo, max: hi, target: target)
                return ((d.min, d.max), NiceTicks.ticks(min: d.min, max: d.max, step: d.step, suffix: suffix))
            }
            let (a, b) = NiceTicks.widened(lo, hi)
            return ((a, b), NiceTicks.ticks(min: a, max: b, target: target, suffix: suffix))
        case .hidden:
            return ((0, 1), [])
        case .log(let lo, let hi):
            let ratio = hi > lo ? hi / lo : 2.25
            let pad = pow(ratio, 0.03)
            let a = lo / pad, b = hi * pad
            return ((a, b), LogTicks.ticks(min: a, max: b, target: target))
        }
    }
}
