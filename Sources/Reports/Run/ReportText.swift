import Experiments
import Foundation
import MarketData
import Optimization

/// How report text shows dates, metrics and parameter values.
enum ReportText {
    /// `2024-03-01` (UTC).
    static func date(_ ms: Int64) -> String {
        let d = CivilDate(epochMilliseconds: ms)
        return "\(d.year)-" + two(d.month) + "-" + two(d.day)
    }

    /// `2024-03-01 14:00` (UTC).
    static func stamp(_ ms: Int64) -> String {
        let d = CivilDate(epochMilliseconds: ms)
        return date(ms) + " " + two(d.hour) + ":" + two(d.minute)
    }

    private static func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

    /// Metrics that are fractions and read best as percentages.
    static let percentMetrics: Set<String> = [
        "cum_returns_final", "total_return", "annual_return", "annual_volatility", "downside_risk", "max_drawdown", "value_at_risk",
        "conditional_value_at_risk", "win_rate", "exposure",
        "walk_forward_oos_annual_return", "walk_forward_oos_max_drawdown",
    ]

    /// A metric as a right-aligned table cell (see `text`).
    static func cell(_ value: Double?, metric: String) -> HTMLTable.Cell { .figure(text(value, metric: metric)) }

    /// A metric as text: percentages for fractions, counts and durations without decimals,
    /// money with 2, tiny per-bar figures with 3 significant digits, others with 3 decimals.
    static func text(_ value: Double?, metric: String) -> String {
        guard let value, value.isFinite else { return "n/a" }
        if percentMetrics.contains(metric) { return NumberText.percent(value, decimals: 2) }
        if ObjectiveMetric(rawValue: metric)?.isCount == true || metric.hasSuffix("_count") || metric.contains("duration") {
            return NumberText.fixed(value, decimals: 0)
        }
        if metric == "total_fees" || metric == "final_equity" { return NumberText.fixed(value, decimals: 2) }
        if value != 0 && abs(value) < 0.01 { return String(format: "%.3g", value) }
        return NumberText.fixed(value, decimals: 3)
    }

    /// `cum_returns_final` → `Cum returns final`.
    static func label(_ name: String) -> String {
        let words = name.replacingOccurrences(of: "_", with: " ")
        return words.prefix(1).uppercased() + words.dropFirst()
    }

    /// A parameter value as printed in tables.
    static func value(_ v: ParameterValue) -> String {
        switch v {
        case let .int(i): return String(i)
        case let .double(d): return NumberText.fixed(d, decimals: abs(d) < 1 ? 4 : 2)
        case let .string(s): return s
        }
    }

    /// `fast 10, slow 50`: the parameters at `indices` (all when nil).
    static func point(_ p: TrialPoint, _ indices: [Int]? = nil) -> String {
        (indices ?? Array(p.values.indices)).map { "\(p.names[$0]) \(value(p.values[$0]))" }.joined(separator: ", ")
    }
}
