import Foundation

/// Checks a series for anomalies and applies a `ValidationPolicy` (see its Semantics).
public enum BarValidator {
    /// Default spike threshold: a log return whose robust z-score, (r − median) / (1.4826 · MAD)
    /// over the whole series, exceeds 20 in absolute value. Under a normal law that never
    /// happens; crypto's fat tails still produce real ones (29 of 61,245 hourly BTC returns
    /// 2018–2024, among them the 2020-03-12 crash), so spikes are flagged for review, never removed.
    public static let defaultSpikeThreshold = 20.0

    /// Where rows came from, for error messages (`file:line`).
    public struct Origin {
        public var path: String
        public var line: (Int) -> Int
        public init(path: String, line: @escaping (Int) -> Int) { self.path = path; self.line = line }
    }

    /// Validates bars read from a CSV file; errors name the file's lines.
    public static func validate(_ csv: CSVBars, policy: ValidationPolicy,
                                spikeThreshold: Double = defaultSpikeThreshold) throws(DataError) -> ValidatedBars {
        try validate(csv.bars, policy: policy, spikeThreshold: spikeThreshold,
                     origin: Origin(path: csv.path, line: csv.line(ofRow:)))
    }

    /// Validates `bars` under `policy`. Throws `DataError.rejected` at the first broken row when
    /// the policy is `fail`; otherwise returns the (possibly cleaned) bars and the report.
    public static func validate(_ bars: BarSeries, policy: ValidationPolicy, spikeThreshold: Double = defaultSpikeThreshold,
                                origin: Origin? = nil) throws(DataError) -> ValidatedBars {
        let n = bars.count
        let timeframe = bars.timeframe
        /// The expected distance from a bar opening at `t` to the next one (a month's length for `1M`).
        func step(after t: Int64) -> Int64 { timeframe.isFixedLength ? timeframe.milliseconds : timeframe.nextOpen(after: t) - t }
        var report = ValidationReport(timeframe: bars.timeframe, policy: policy, spikeThreshold: spikeThreshold)
        report.rows = n
        report.firstTs = bars.ts.first ?? 0
        report.lastTs = bars.ts.last ?? 0
        var broken = [Bool](repeating: false, count: n)
        var firstBroken: (row: Int, column: String, problem: String)?

        bars.withUnsafeColumns { ts, o, h, l, c, v in
            func note(_ kind: Anomaly.Kind, _ i: Int, _ detail: String) {
                // Up to three examples of each kind, in row order.
                if report.examples.count < 30 && report.examples.lazy.filter({ $0.kind == kind }).count < 3 {
                    report.examples.append(Anomaly(kind: kind, row: i, ts: ts[i], detail: detail))
                }
            }
            func fault(_ i: Int, _ column: String, _ problem: String) {
                broken[i] = true
                if firstBroken == nil { firstBroken = (i, column, problem) }
            }
            /// Time going backwards, a repeated timestamp or a gap between rows i − 1 and i.
            func checkStep(_ i: Int) {
                let d = ts[i] - ts[i - 1]
                if d < 0 {
                    report.unsorted += 1
                    note(.unsorted, i, "\(formatTimestamp(ts[i])) after \(formatTimestamp(ts[i - 1]))")
                    fault(i, "timestamp", "time goes backwards: \(ts[i]) (\(formatTimestamp(ts[i]))) comes after "
                          + "\(ts[i - 1]) (\(formatTimestamp(ts[i - 1]))); expected ascending timestamps")
                } else if d == 0 {
                    report.duplicates += 1
                    note(.duplicate, i, formatTimestamp(ts[i]))
                    fault(i, "timestamp", "repeats the timestamp \(ts[i]) (\(formatTimestamp(ts[i]))) of the row before")
                } else if d > step(after: ts[i - 1]), case let missing = timeframe.barsBetween(ts[i - 1], ts[i]) - 1, missing > 0 {
                    report.gaps += 1
                    report.missingBars += missing
                    if missing > report.longestGapBars { report.longestGapBars = missing; report.longestGapAfterTs = ts[i - 1] }
                    note(.gap, i, "\(missing) missing after \(formatTimestamp(ts[i - 1]))")
                }
            }
            /// A NaN, a non-positive price or negative volume, an OHLC inconsistency or zero volume in row i.
            func checkValues(_ i: Int) {
                let (oi, hi, li, ci, vi) = (o[i], h[i], l[i], c[i], v[i])
                if oi.isNaN || hi.isNaN || li.isNaN || ci.isNaN || vi.isNaN {
                    report.nan += 1
                    note(.nan, i, "NaN value")
                    let column = oi.isNaN ? "open" : hi.isNaN ? "high" : li.isNaN ? "low" : ci.isNaN ? "close" : "volume"
                    fault(i, column, "is NaN; expected a number")
                    return
                }
                if oi <= 0 || hi <= 0 || li <= 0 || ci <= 0 || vi < 0 {
                    report.nonPositive += 1
                    let column = oi <= 0 ? "open" : hi <= 0 ? "high" : li <= 0 ? "low" : ci <= 0 ? "close" : "volume"
                    let value = oi <= 0 ? oi : hi <= 0 ? hi : li <= 0 ? li : ci <= 0 ? ci : vi
                    note(.nonPositive, i, "\(column) = \(value)")
                    fault(i, column, column == "volume" ? "volume \(value) is negative" : "price \(value) is not positive")
                }
                if hi < max(oi, ci) || li > min(oi, ci) || hi < li {
                    report.ohlcViolations += 1
                    note(.ohlc, i, "O=\(oi) H=\(hi) L=\(li) C=\(ci)")
                    let column = hi < max(oi, ci) || hi < li ? "high" : "low"
                    fault(i, column, column == "high"
                          ? "high \(hi) is below max(open, close) = \(max(oi, ci)) or below low \(li)"
                          : "low \(li) is above min(open, close) = \(min(oi, ci))")
                }
                if vi == 0 { report.zeroVolume += 1; note(.zeroVolume, i, "volume 0") }
            }
            var previousMisaligned = false, misaligned = 0
            for i in 0..<n {
                // A regular step of fixed length keeps the previous bar's alignment: divide only
                // after irregular steps (a month step always lands on the 1st: check every bar).
                if i == 0 || !timeframe.isFixedLength || ts[i] - ts[i - 1] != step(after: ts[i - 1]) {
                    previousMisaligned = timeframe.barOpen(containing: ts[i]) != ts[i]
                    if i > 0 { checkStep(i) }
                }
                misaligned &+= previousMisaligned ? 1 : 0
                // The common row: low > 0, volume > 0 and low ≤ open, close ≤ high. Every comparison
                // with a NaN is false, so this also holds only for rows without NaN; it excludes
                // exactly the rows in which checkValues finds something.
                let (oi, hi, li, ci, vi) = (o[i], h[i], l[i], c[i], v[i])
                if li > 0 && vi > 0 && li <= oi && li <= ci && hi >= oi && hi >= ci { continue }
                checkValues(i)
            }
            report.misaligned = misaligned
        }

        let spikeRows = SpikeDetector.spikes(bars, threshold: spikeThreshold)
        report.spikes = spikeRows.count
        for i in spikeRows.prefix(3) {
            report.examples.append(Anomaly(kind: .spike, row: i, ts: bars.ts[i], detail: "close \(bars.close[i - 1]) → \(bars.close[i])"))
        }

        switch policy {
        case .fail:
            if let first = firstBroken {
                let path = origin?.path ?? "bars"
                let line = origin?.line(first.row) ?? first.row + 1
                let hint = n > 2 && report.unsorted == n - 1
                    ? " (every row is older than the one before: the file is newest-first; reverse its rows, keeping the header, before importing)"
                    : " (\(report.brokenRows) broken row(s) in all; --policy drop removes them)"
                throw .rejected(path: path, line: line, column: first.column, problem: first.problem + hint)
            }
            report.rowsOut = n
            return ValidatedBars(bars: bars, report: report, filled: [])
        case .warn:
            report.rowsOut = n
            return ValidatedBars(bars: bars, report: report, filled: [])
        case .drop, .fillForward:
            var kept = Cleaner.drop(bars, broken: broken, report: &report)
            var filled: [Bool] = []
            if policy == .fillForward { (kept, filled) = Cleaner.fillGaps(kept, report: &report) }
            report.rowsOut = kept.count
            return ValidatedBars(bars: kept, report: report, filled: filled)
        }
    }
}

/// Bars after validation, the report, and (under `fill-forward`) which bars were inserted.
public struct ValidatedBars: Sendable {
    public var bars: BarSeries
    public var report: ValidationReport
    /// `filled[i]` is true when bar `i` was inserted by `fill-forward`; empty for other policies.
    public var filled: [Bool]
}
