/// Compact decimal text for coordinates: fixed decimals, trailing zeros dropped, never `-0`, no
/// exponent below 9×10^15 in magnitude (beyond that Swift's shortest form, which SVG also accepts).
/// One decimal (a tenth of a pixel) keeps charts sharp and files small.
public enum SVGNumber {
    /// `value` rounded to `decimals` places (0...6); non-finite values print as `0`.
    public static func format(_ value: Double, decimals: Int = 1) -> String {
        var out = ""
        append(value, decimals: decimals, to: &out)
        return out
    }

    /// Appends the formatted `value` to `out` without intermediate strings for the common case.
    public static func append(_ value: Double, decimals: Int = 1, to out: inout String) {
        let places = min(max(decimals, 0), 6)
        var scale: Int64 = 1
        for _ in 0..<places { scale *= 10 }
        guard value.isFinite else { out += "0"; return }
        let scaled = (value * Double(scale)).rounded()
        guard abs(scaled) < 9.0e15 else { out += String(value); return }
        var n = Int64(scaled)
        if n == 0 { out += "0"; return }
        if n < 0 { out += "-"; n = -n }
        let whole = n / scale
        var fraction = n % scale
        out += String(whole)
        guard fraction != 0 else { return }
        var digits = places
        while fraction % 10 == 0 { fraction /= 10; digits -= 1 }
        let text = String(fraction)
        out += "."
        if text.count < digits { out += String(repeating: "0", count: digits - text.count) }
        out += text
    }
}
