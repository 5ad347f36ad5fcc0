import Experiments
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

    /// A metric as a table cell: percentages for fractions, counts without decimals, else 3 decimals.
    static func cell(_ value: Double?, metric: String) -> HTMLTable.Cell {
        guard let value, value.isFinite else { return .figure("n/a") }
        if percentMetrics.contains(metric) { return .percent(value, decimals: 2) }
        if metric == "trade_count" { return .number(value, decimals: 0) }
        if metric == "total_fees" { return .number(value, decimals: 2) }
        return .number(value, decimals: 3)
    }

    /// A metric as text (same rules as `cell`).
    static func text(_ value: Double?, metric: String) -> String {
        guard let value, value.isFinite else { return "n/a" }
        if percentMetrics.contains(metric) { return NumberText.percent(value, decimals: 2) }
        if metric == "trade_count" { return NumberText.fixed(value, decimals: 0) }
        return NumberText.fixed(value, decimals: metric == "total_fees" ? 2 : 3)
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
