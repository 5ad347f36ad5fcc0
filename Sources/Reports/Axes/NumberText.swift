import Foundation

/// Human-readable numbers for tick labels and tables: fixed decimals, thousands separators,
/// `k`/`M`/`B` suffixes for large magnitudes, ASCII minus.
public enum NumberText {
    /// `value` with exactly `decimals` places and `,` between thousands (`12,345.60`).
    /// Non-finite values print as `n/a`, `inf` or `-inf`.
    public static func fixed(_ value: Double, decimals: Int) -> String {
        if value.isNaN { return "n/a" }
        if value.isInfinite { return value > 0 ? "inf" : "-inf" }
        let places = min(max(decimals, 0), 12)
        var text = String(format: "%.\(places)f", value)
        if text.hasPrefix("-"), Double(text) == 0 { text.removeFirst() }
        let negative = text.hasPrefix("-")
        if negative { text.removeFirst() }
        let parts = text.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        var grouped = ""
        for (i, c) in parts[0].enumerated() {
            if i > 0, (parts[0].count - i) % 3 == 0 { grouped.append(",") }
            grouped.append(c)
        }
        if parts.count > 1 { grouped += "." + parts[1] }
        return (negative ? "-" : "") + grouped
    }

    /// `fraction` as a percentage (`0.1234` → `12.34%` with 2 decimals).
    public static func percent(_ fraction: Double, decimals: Int = 2) -> String {
        fraction.isFinite ? fixed(fraction * 100, decimals: decimals) + "%" : fixed(fraction, decimals: 0)
    }

    /// Decimal places that show a tick step exactly (`0.25` → 2, `20` → 0).
    public static func decimals(forStep step: Double) -> Int {
        guard step.isFinite, step > 0 else { return 0 }
        for places in 0...10 {
            let scaled = step * pow(10, Double(places))
            if abs(scaled - scaled.rounded()) < 1e-6 * max(1, scaled) { return places }
        }
        return 10
    }

    /// Label for a tick `value` on an axis whose ticks are `step` apart. Magnitudes from a
    /// million up use `M`/`B` suffixes so labels stay short.
    public static func tickLabel(_ value: Double, step: Double, largest: Double) -> String {
        let magnitude = abs(largest)
        if value == 0 { return "0" }
        if magnitude >= 1e9 {
            return fixed(value / 1e9, decimals: decimals(forStep: step / 1e9)) + "B"
        }
        if magnitude >= 1e6 {
            return fixed(value / 1e6, decimals: decimals(forStep: step / 1e6)) + "M"
        }
        return fixed(value, decimals: decimals(forStep: step))
    }
}
