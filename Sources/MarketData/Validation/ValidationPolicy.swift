/// What validation does with anomalies. Chosen explicitly per run and recorded in the report
/// (and in the store's lineage), so nothing changes data silently.
///
/// Semantics: anomalies come in two kinds.
/// - Broken rows: time going backwards, a repeated timestamp, OHLC inconsistency
///   (high < max(open, close), low > min(open, close), high < low), a price ≤ 0, a NaN value,
///   a negative volume.
/// - Market facts: gaps against the timeframe, zero volume, misaligned timestamps, spikes.
///   They are always counted and never removed (a crash looks like a spike).
///
/// `fail` throws at the first broken row, naming its line; `warn` counts everything and keeps
/// the data as it is; `drop` removes broken rows (and any row not strictly later than the last
/// kept one), counting them; `fill-forward` drops like `drop`, then fills each gap with bars at
/// the previous close (O = H = L = C, volume 0), flagged as filled.
public enum ValidationPolicy: String, CaseIterable, Sendable, Codable {
    case fail
    case warn
    case drop
    case fillForward = "fill-forward"

    /// Parses `fail|warn|drop|fill-forward`.
    public static func parse(_ text: String) throws(DataError) -> ValidationPolicy {
        guard let policy = ValidationPolicy(rawValue: text.lowercased()) else {
            throw .invalidArgument("unknown policy \"\(text)\"; expected one of fail, warn, drop, fill-forward")
        }
        return policy
    }
}
