/// One external series (a model's predictions, funding rates, sentiment) joined to bars by
/// timestamp: the rows of one column of a `timestamp,<columns>` CSV, sorted by time.
///
/// Semantics: a row stamped t is the value known at the close of the bar that opens at t; a
/// bar with no row at its open time, or with an empty or `nan` cell, gets NaN. Nothing is
/// forward-filled or interpolated.
public struct ImportedSeries: Sendable, Equatable {
    /// The name expressions use (`as`).
    public var name: String
    /// The file it came from (for messages).
    public var file: String
    /// Strictly increasing epoch-millisecond timestamps.
    public var timestamps: [Int64]
    public var values: [Double]

    public init(name: String, file: String, timestamps: [Int64], values: [Double]) {
        self.name = name
        self.file = file
        self.timestamps = timestamps
        self.values = values
    }

    /// Equal when the name, file, timestamps and values are the same, the values bit for bit
    /// (a missing value, NaN, equals itself: the series is data, not arithmetic).
    public static func == (a: ImportedSeries, b: ImportedSeries) -> Bool {
        a.name == b.name && a.file == b.file && a.timestamps == b.timestamps
            && (a.values == b.values || a.values.elementsEqual(b.values) { $0.bitPattern == $1.bitPattern })
    }

    /// The values at `ts` (one per bar): the row with that exact timestamp, else NaN.
    public func aligned(to ts: [Int64]) -> [Double] {
        var out = [Double](repeating: .nan, count: ts.count)
        var row = 0
        for (i, t) in ts.enumerated() {
            while row < timestamps.count && timestamps[row] < t { row += 1 }
            if row < timestamps.count && timestamps[row] == t { out[i] = values[row] }
        }
        return out
    }

    /// Throws unless at least one row's timestamp is a bar's open time.
    public func checkOverlap(with ts: [Int64]) throws(DataError) {
        var matched = false
        var row = 0
        for t in ts {
            while row < timestamps.count && timestamps[row] < t { row += 1 }
            if row < timestamps.count && timestamps[row] == t { matched = true; break }
        }
        guard matched else {
            let range = timestamps.isEmpty ? "no rows" : "rows \(formatTimestamp(timestamps[0])) … \(formatTimestamp(timestamps[timestamps.count - 1]))"
            let bars = ts.isEmpty ? "no bars" : "bars \(formatTimestamp(ts[0])) … \(formatTimestamp(ts[ts.count - 1]))"
            throw .invalidArgument("\(file): column \(name): no row's timestamp is the open time of a bar (\(range); \(bars)); timestamps must be bar open times")
        }
    }
}
