import Foundation
import MarketData

/// Tick labels: the decimals a tick step needs, `M`/`B` suffixes for large magnitudes.
enum TickText {
    /// Decimal places that show a tick step exactly (`0.25` → 2, `20` → 0).
    static func decimals(forStep step: Double) -> Int {
        guard step.isFinite, step > 0 else { return 0 }
        for places in 0...10 {
            let scaled = step * pow(10, Double(places))
            if abs(scaled - scaled.rounded()) < 1e-6 * max(1, scaled) { return places }
        }
        return 10
    }

    /// Label for a tick `value` on an axis whose ticks are `step` apart. Magnitudes from a
    /// million up use `M`/`B` suffixes so labels stay short.
    static func tickLabel(_ value: Double, step: Double, largest: Double) -> String {
        let magnitude = abs(largest)
        if value == 0 { return "0" }
        if magnitude >= 1e9 {
            return NumberText.fixed(value / 1e9, decimals: decimals(forStep: step / 1e9)) + "B"
        }
        if magnitude >= 1e6 {
            return NumberText.fixed(value / 1e6, decimals: decimals(forStep: step / 1e6)) + "M"
        }
        return NumberText.fixed(value, decimals: decimals(forStep: step))
    }
}
