/// What validation found in a series and what its policy did about it.
/// Counts refer to the input rows; `dropped`, `filled` and `rowsOut` describe the output.
public struct ValidationReport: Sendable, Equatable {
    public var timeframe: Timeframe
    public var policy: ValidationPolicy
    /// Rows read.
    public var rows = 0
    public var firstTs: Int64 = 0
    public var lastTs: Int64 = 0
    /// Consecutive-row steps longer than the timeframe.
    public var gaps = 0
    /// Nominal bar slots inside those gaps.
    public var missingBars = 0
    /// Missing bars in the longest gap, and the open time of the bar before it.
    public var longestGapBars = 0
    public var longestGapAfterTs: Int64?
    /// Steps of zero (a repeated timestamp).
    public var duplicates = 0
    /// Steps below zero (time going backwards).
    public var unsorted = 0
    /// Timestamps that are not a multiple of the timeframe (weeks: Monday-aligned).
    public var misaligned = 0
    /// Rows with high < max(open, close), low > min(open, close) or high < low.
    public var ohlcViolations = 0
    public var zeroVolume = 0
    /// Rows with a price ≤ 0 or a negative volume.
    public var nonPositive = 0
    /// Rows with a NaN in any column.
    public var nan = 0
    /// Log returns whose robust z-score exceeds `spikeThreshold`.
    public var spikes = 0
    public var spikeThreshold: Double
    /// Rows removed by `drop` / `fill-forward`: out of order or repeated, and broken values.
    public var droppedOutOfOrder = 0
    public var droppedInvalid = 0
    /// Bars inserted by `fill-forward`.
    public var filled = 0
    /// Rows in the output series.
    public var rowsOut = 0
    /// The first few anomalies of each kind (up to three), for readable reports.
    public var examples: [Anomaly] = []

    public init(timeframe: Timeframe, policy: ValidationPolicy, spikeThreshold: Double) {
        self.timeframe = timeframe
        self.policy = policy
        self.spikeThreshold = spikeThreshold
    }

    /// Rows removed in total.
    public var dropped: Int { droppedOutOfOrder + droppedInvalid }

    /// Rows that a `fail` policy refuses.
    public var brokenRows: Int { unsorted + duplicates + ohlcViolations + nonPositive + nan }

    /// One JSON object (keys sorted, integers as integers) — the interface other tools read.
    public var json: String {
        var fields: [(String, String)] = [
            ("rows", "\(rows)"), ("gaps", "\(gaps)"), ("missing_bars", "\(missingBars)"),
            ("longest_gap_bars", "\(longestGapBars)"), ("duplicates", "\(duplicates)"), ("unsorted", "\(unsorted)"),
            ("misaligned", "\(misaligned)"), ("ohlc_violations", "\(ohlcViolations)"), ("zero_volume", "\(zeroVolume)"),
            ("non_positive", "\(nonPositive)"), ("nan", "\(nan)"), ("spikes", "\(spikes)"),
            ("spike_threshold", "\(spikeThreshold)"), ("first_ts", "\(firstTs)"), ("last_ts", "\(lastTs)"),
            ("timeframe", "\"\(timeframe.rawValue)\""), ("policy", "\"\(policy.rawValue)\""),
            ("dropped", "\(dropped)"), ("filled", "\(filled)"), ("rows_out", "\(rowsOut)"),
        ]
        fields.sort { $0.0 < $1.0 }
        return "{" + fields.map { "\"\($0.0)\":\($0.1)" }.joined(separator: ",") + "}"
    }
}

/// One anomaly at one row, kept as an example in reports.
public struct Anomaly: Sendable, Equatable {
    public enum Kind: String, Sendable {
        case unsorted, duplicate, gap, ohlc, nonPositive = "non_positive", nan, zeroVolume = "zero_volume", spike
    }
    public var kind: Kind
    /// Index of the row in the input.
    public var row: Int
    public var ts: Int64
    public var detail: String
}
