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

    /// Appends one row as a CSV line (with its newline).
    static func append(rank: Int, _ trial: TrialRecord, deflation: ExpectedMaximumSharpe?, to out: inout CSVBytes) {
        out.append(rank)
        out.append(ascii: UInt8(ascii: ","))
        out.append(trial.id)
        out.append(ascii: UInt8(ascii: ","))
        out.append(trial.status.rawValue)
        out.append(ascii: UInt8(ascii: ","))
        number(trial.objective, to: &out)
        for value in trial.point.values {
            out.append(ascii: UInt8(ascii: ","))
            switch value {
            case let .int(v): out.append(v)
            case let .double(v): out.append(shortest: v)
            case let .string(v): out.append(quoted: v)
            }
        }
        for metric in trial.metrics {
            out.append(ascii: UInt8(ascii: ","))
            number(metric, to: &out)
        }
        out.append(ascii: UInt8(ascii: ","))
        number(deflation.flatMap { d in trial.sharpe.map { $0.deflatedSharpe(trials: d) } }, to: &out)
        out.append(ascii: UInt8(ascii: ","))
        out.append(trial.seed)
        out.append(ascii: UInt8(ascii: ","))
        out.append(quoted: trial.error ?? "")
        out.append(ascii: UInt8(ascii: "\n"))
    }

    /// A CSV line (with its newline) from fields.
    public static func line(_ fields: [String]) -> String {
        fields.map(quoted).joined(separator: ",") + "\n"
    }

    /// A defined, finite value's shortest text; nothing for an undefined one.
    private static func number(_ value: Double?, to out: inout CSVBytes) {
        guard let value, value.isFinite else { return }
        out.append(shortest: value)
    }

    static func quoted(_ field: String) -> String {
        var out = CSVBytes()
        out.append(quoted: field)
        return String(decoding: out.bytes, as: UTF8.self)
    }
}
