import Analytics
import MarketData

/// `ranked.csv`: one row per trial in `TrialRanking` order.
///
/// Columns: `rank, trial, status, objective`, the parameters in declaration order, the metrics
/// in the run's order, `deflated_sharpe_ratio` (the trial's probabilistic Sharpe ratio against
/// the expected maximum Sharpe ratio of all the trials run; empty when undefined), `seed`,
/// `error`. Numbers are shortest round-trip decimals; an undefined
/// value is an empty field; text is quoted per RFC 4180 when needed. No timing is written, so
/// the file is byte-identical for the same spec, data and seed whatever the thread count.
public enum RankedCSV {
    /// The header line's fields.
    public static func header(_ run: RunRecord) -> [String] {
        ["rank", "trial", "status", "objective"] + run.parameterNames + run.metricNames + ["deflated_sharpe_ratio", "seed", "error"]
    }

    /// One row as a CSV line (with its newline).
    public static func line(rank: Int, _ trial: TrialRecord, deflation: ExpectedMaximumSharpe?) -> String {
        var out = ""
        out.reserveCapacity(64 + 24 * (trial.point.values.count + trial.metrics.count))
        out += String(rank)
        out += ","
        out += String(trial.id)
        out += ","
        out += trial.status.rawValue
        out += ","
        out += number(trial.objective)
        for value in trial.point.values {
            out += ","
            switch value {
            case let .int(v): out += String(v)
            case let .double(v): out += NumberText.shortest(v)
            case let .string(v): out += quoted(v)
            }
        }
        for metric in trial.metrics {
            out += ","
            out += number(metric)
        }
        out += ","
        out += number(deflation.flatMap { d in trial.sharpe.map { $0.deflatedSharpe(trials: d) } })
        out += ","
        out += String(trial.seed)
        out += ","
        out += quoted(trial.error ?? "")
        out += "\n"
        return out
    }

    /// A CSV line (with its newline) from fields.
    public static func line(_ fields: [String]) -> String {
        fields.map(quoted).joined(separator: ",") + "\n"
    }

    static func number(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "" }
        return NumberText.shortest(value)
    }

    static func quoted(_ field: String) -> String {
        guard field.utf8.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\n")
            || $0 == UInt8(ascii: "\r") }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
