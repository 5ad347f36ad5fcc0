import Foundation

/// Numbers as text. `shortest` is for every file Crucible writes: the shortest decimal that
/// reads back to the same Double (Swift's own algorithm), so output is exact and byte-stable
/// across runs. `fixed` and `percent` are for people: fixed decimals, thousands separators,
/// ASCII minus (tables, reports, summaries).
public enum NumberText {
    /// `0.1`, `1e-05`, `12.0`, `-3.5`; non-finite values are `nan`, `inf`, `-inf`.
    public static func shortest(_ value: Double) -> String {
        value.description
    }

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
}
