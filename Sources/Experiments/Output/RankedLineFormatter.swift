import Analytics
import Dispatch

/// Formats and writes `ranked.csv` lines on a second thread while the caller reads the next rows
/// from the store: rows are handed over in batches to one serial queue, which formats each batch
/// and appends its text to the sink in the order the batches were given, so the file is the same
/// bytes as formatting and writing them one by one. The caller's thread only reads.
struct RankedLineFormatter {
    /// Rows per batch: large enough that handing over costs nothing, small enough to stay in cache.
    static let batchSize = 2_048
    /// Batches handed over and not yet written, at most: bounds the memory the rows hold.
    static let batchesInFlight = 2

    private let deflation: ExpectedMaximumSharpe?
    private var batch: [(rank: Int, trial: TrialRecord)] = []
    private let output: Output
    private let queue = DispatchQueue(label: "crucible.ranked-csv")
    private let slots = DispatchSemaphore(value: Self.batchesInFlight)

    /// Takes over `sink` (already holding the header) until `finish()` gives it back.
    init(deflation: ExpectedMaximumSharpe?, sink: TextSink) {
        self.deflation = deflation
        output = Output(sink: sink)
        batch.reserveCapacity(Self.batchSize)
    }

    /// Queues one row; a full batch goes to the writing queue (waiting while two are in flight).
    mutating func add(rank: Int, _ trial: TrialRecord) {
        batch.append((rank, trial))
        guard batch.count == Self.batchSize else { return }
        hand(batch)
        batch.removeAll(keepingCapacity: true)
    }

    /// Writes every queued row and returns the sink.
    mutating func finish() -> TextSink {
        hand(batch)
        batch.removeAll()
        queue.sync {}
        return output.sink
    }

    private func hand(_ rows: [(rank: Int, trial: TrialRecord)]) {
        slots.wait()
        let output = output, deflation = deflation, slots = slots
        queue.async {
            output.sink.append(bytes: Self.lines(rows, deflation: deflation))
            slots.signal()
        }
    }

    private static func lines(_ rows: [(rank: Int, trial: TrialRecord)], deflation: ExpectedMaximumSharpe?) -> [UInt8] {
        var out = CSVBytes(capacity: rows.count * 512)
        for row in rows { RankedCSV.append(rank: row.rank, row.trial, deflation: deflation, to: &out) }
        return out.bytes
    }

    /// The sink while the formatter holds it: touched only by jobs of the serial queue, and
    /// read back after `queue.sync {}`, which orders it after every job.
    private final class Output: @unchecked Sendable {
        var sink: TextSink
        init(sink: TextSink) { self.sink = sink }
    }
}
