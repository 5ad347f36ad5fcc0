import Analytics
import Dispatch

/// Formats `ranked.csv` lines on a second thread while the caller reads the next rows from the
/// store: rows are handed over in batches, and each batch's text is appended to the sink in the
/// order the batches were given, so the file is the same bytes as formatting them one by one.
struct RankedLineFormatter {
    /// Rows per batch: large enough that handing over costs nothing, small enough to stay in cache.
    static let batchSize = 2_048

    private let deflation: ExpectedMaximumSharpe?
    private var batch: [(rank: Int, trial: TrialRecord)] = []
    /// The batch being formatted: its finished text is read only after `group.wait()`.
    private var pending: (group: DispatchGroup, text: FormattedText)?

    init(deflation: ExpectedMaximumSharpe?) {
        self.deflation = deflation
        batch.reserveCapacity(Self.batchSize)
    }

    /// Queues one row; a full batch goes to the formatting thread once the previous one is written.
    mutating func add(rank: Int, _ trial: TrialRecord, to sink: inout TextSink) {
        batch.append((rank, trial))
        guard batch.count == Self.batchSize else { return }
        writePending(to: &sink)
        let rows = batch, deflation = deflation, text = FormattedText(), group = DispatchGroup()
        DispatchQueue.global().async(group: group) { text.value = Self.lines(rows, deflation: deflation) }
        pending = (group, text)
        batch.removeAll(keepingCapacity: true)
    }

    /// Writes every queued row.
    mutating func finish(to sink: inout TextSink) {
        writePending(to: &sink)
        sink.append(bytes: Self.lines(batch, deflation: deflation))
        batch.removeAll()
    }

    private mutating func writePending(to sink: inout TextSink) {
        guard let (group, text) = pending else { return }
        group.wait()
        sink.append(bytes: text.value)
        pending = nil
    }

    private static func lines(_ rows: [(rank: Int, trial: TrialRecord)], deflation: ExpectedMaximumSharpe?) -> [UInt8] {
        var out = CSVBytes(capacity: rows.count * 512)
        for row in rows { RankedCSV.append(rank: row.rank, row.trial, deflation: deflation, to: &out) }
        return out.bytes
    }

    /// A batch's text, written by the formatting thread before its group leaves and read after
    /// `wait()`, which orders the two.
    private final class FormattedText: @unchecked Sendable {
        var value: [UInt8] = []
    }
}
