import Analytics

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

    /// One row's fields.
    public static func row(rank: Int, _ trial: TrialRecord, deflation: ExpectedMaximumSharpe?) -> [String] {
        var fields = [String(rank), String(trial.id), trial.status.rawValue, number(trial.objective)]
        for value in trial.point.values {
            switch value {
            case let .int(v): fields.append(String(v))
            case let .double(v): fields.append(NumberText.shortest(v))
            case let .string(v): fields.append(v)
            }
        }
        fields += trial.metrics.map(number)
        let dsr = deflation.flatMap { d in trial.sharpe.map { $0.deflatedSharpe(trials: d) } }
        fields += [number(dsr), String(trial.seed), trial.error ?? ""]
        return fields
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
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
