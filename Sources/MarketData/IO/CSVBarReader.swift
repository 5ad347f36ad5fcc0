import Foundation

/// Reads bars from CSV text in the datasets' format: a `timestamp,open,high,low,close,volume`
/// header, then one row per bar with the timestamp in epoch milliseconds UTC.
public enum CSVBarReader {
    /// Reads the file at `path`. The timeframe is inferred from the most common step between
    /// rows unless given; the instrument from the file name (`btcusdt_1h.csv`) unless given.
    public static func read(path: String, timeframe: Timeframe? = nil, instrument: Instrument? = nil) throws(DataError) -> BarSeries {
        guard FileManager.default.fileExists(atPath: path) else { throw .fileNotFound(path: path) }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .unreadable(path: path, reason: "permission denied or not a regular file")
        }
        let name = (path as NSString).lastPathComponent
        let guessed = Instrument(symbol: String(name.split(separator: "_").first ?? "")) ?? Instrument(base: "UNKNOWN", quote: "USDT")
        return try parse(data, path: path, timeframe: timeframe, instrument: instrument ?? guessed)
    }

    /// Parses CSV bytes; `path` is used only in error messages.
    public static func parse(_ data: Data, path: String, timeframe: Timeframe?, instrument: Instrument) throws(DataError) -> BarSeries {
        var ts: [Int64] = [], open: [Double] = [], high: [Double] = [], low: [Double] = []
        var close: [Double] = [], volume: [Double] = []
        let estimate = data.count / 48
        ts.reserveCapacity(estimate); open.reserveCapacity(estimate); high.reserveCapacity(estimate)
        low.reserveCapacity(estimate); close.reserveCapacity(estimate); volume.reserveCapacity(estimate)

        let columns = ["timestamp", "open", "high", "low", "close", "volume"]
        var failure: DataError?
        var sawHeader = false
        data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            let bytes = raw.bindMemory(to: UInt8.self)
            var lineStart = 0
            var lineNumber = 0
            while lineStart < bytes.count && failure == nil {
                var lineEnd = lineStart
                while lineEnd < bytes.count && bytes[lineEnd] != 0x0A { lineEnd += 1 }
                lineNumber += 1
                var contentEnd = lineEnd
                if contentEnd > lineStart && bytes[contentEnd - 1] == 0x0D { contentEnd -= 1 }
                defer { lineStart = lineEnd + 1 }
                if contentEnd == lineStart { continue }
                let fields = split(bytes, lineStart, contentEnd)
                if !sawHeader {
                    sawHeader = true
                    let header = fields.map { String(decoding: UnsafeBufferPointer(rebasing: bytes[$0]), as: UTF8.self).lowercased() }
                    if header != columns {
                        failure = .malformed(path: path, line: lineNumber, column: "header",
                                             expected: columns.joined(separator: ","), found: header.joined(separator: ","))
                    }
                    continue
                }
                guard fields.count == columns.count else {
                    failure = .malformed(path: path, line: lineNumber, column: "row",
                                         expected: "\(columns.count) comma-separated fields", found: text(bytes, lineStart, contentEnd))
                    return
                }
                guard let t = Int64(text(bytes, fields[0].lowerBound, fields[0].upperBound)) else {
                    failure = .malformed(path: path, line: lineNumber, column: "timestamp",
                                         expected: "an integer epoch-millisecond timestamp", found: text(bytes, fields[0].lowerBound, fields[0].upperBound))
                    return
                }
                var values = (0.0, 0.0, 0.0, 0.0, 0.0)
                for k in 1...5 {
                    let field = text(bytes, fields[k].lowerBound, fields[k].upperBound)
                    guard let v = Double(field) else {
                        failure = .malformed(path: path, line: lineNumber, column: columns[k], expected: "a number", found: field)
                        return
                    }
                    switch k {
                    case 1: values.0 = v
                    case 2: values.1 = v
                    case 3: values.2 = v
                    case 4: values.3 = v
                    default: values.4 = v
                    }
                }
                ts.append(t); open.append(values.0); high.append(values.1)
                low.append(values.2); close.append(values.3); volume.append(values.4)
            }
        }
        if let failure { throw failure }
        if !sawHeader { throw .empty(path: path) }
        if ts.isEmpty { throw .headerOnly(path: path) }
        let frame = timeframe ?? inferTimeframe(ts) ?? .h1
        return BarSeries(instrument: instrument, timeframe: frame, ts: ts, open: open, high: high, low: low, close: close, volume: volume)
    }

    /// The timeframe matching the most common positive step between consecutive timestamps.
    public static func inferTimeframe(_ ts: [Int64]) -> Timeframe? {
        guard ts.count > 1 else { return nil }
        var counts: [Int64: Int] = [:]
        for i in 1..<min(ts.count, 10_000) where ts[i] > ts[i - 1] { counts[ts[i] - ts[i - 1], default: 0] += 1 }
        let step = counts.max { ($0.value, -$0.key) < ($1.value, -$1.key) }?.key
        return step.flatMap(Timeframe.matching(milliseconds:))
    }

    private static func split(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> [Range<Int>] {
        var fields: [Range<Int>] = []
        var fieldStart = start
        for i in start..<end where bytes[i] == 0x2C {
            fields.append(fieldStart..<i)
            fieldStart = i + 1
        }
        fields.append(fieldStart..<end)
        return fields
    }

    private static func text(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
    }
}
