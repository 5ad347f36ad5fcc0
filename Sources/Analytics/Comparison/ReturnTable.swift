import Foundation

/// Per-period returns of several strategies on one time axis: the input of `crucible compare`.
///
/// Semantics: CSV with a header whose first column is `timestamp` (epoch milliseconds, or an
/// ISO-8601 date / date-time in UTC) followed by one column of simple returns per strategy
/// (0.01 = +1%). Timestamps must increase strictly. A row with an empty or NaN cell in any
/// column is dropped, so every column covers exactly the same periods; `droppedRows` counts
/// them and the comparison reports it.
public struct ReturnTable: Sendable, Equatable {
    /// Time axis (epoch ms UTC) after dropping incomplete rows.
    public var timestamps: [Int64]
    /// Column names in file order.
    public var names: [String]
    /// `columns[k][t]` = return of column k at timestamps[t].
    public var columns: [[Double]]
    /// Rows dropped because a cell was missing or NaN.
    public var droppedRows: Int

    public init(timestamps: [Int64], names: [String], columns: [[Double]], droppedRows: Int = 0) {
        self.timestamps = timestamps; self.names = names; self.columns = columns; self.droppedRows = droppedRows
    }

    /// Reads and validates a returns CSV.
    public static func read(path: String) throws(AnalyticsError) -> ReturnTable {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .input(path: path, line: 0, message: "cannot read the file (missing or unreadable)")
        }
        return try parse(String(decoding: data, as: UTF8.self), path: path)
    }

    /// Parses CSV text; `path` only names the source in errors.
    public static func parse(_ text: String, path: String) throws(AnalyticsError) -> ReturnTable {
        var lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map(String.init)
        while let last = lines.last, last.trimmingCharacters(in: .whitespaces).isEmpty { lines.removeLast() }
        guard let headerLine = lines.first else { throw .input(path: path, line: 1, message: "the file is empty; expected a header 'timestamp,<strategy>,...'") }
        let header = headerLine.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        guard header.first?.lowercased() == "timestamp" else {
            throw .input(path: path, line: 1, message: "the first column must be 'timestamp', found '\(header.first ?? "")'")
        }
        let names = Array(header.dropFirst())
        guard !names.isEmpty else { throw .input(path: path, line: 1, message: "expected at least one return column after 'timestamp'") }
        if let empty = names.firstIndex(where: \.isEmpty) {
            throw .input(path: path, line: 1, message: "column \(empty + 2) has no name")
        }
        if Set(names).count != names.count { throw .input(path: path, line: 1, message: "duplicate column names in \(names)") }
        var ts: [Int64] = []
        var columns = [[Double]](repeating: [], count: names.count)
        var dropped = 0
        var previous: Int64?
        let iso = ISO8601DateFormatter()
        iso.timeZone = TimeZone(identifier: "UTC")
        for (i, line) in lines.enumerated().dropFirst() {
            let lineNo = i + 1
            if line.trimmingCharacters(in: .whitespaces).isEmpty { continue }
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard fields.count == header.count else {
                throw .input(path: path, line: lineNo, message: "expected \(header.count) fields, found \(fields.count)")
            }
            guard let t = parseTimestamp(fields[0], iso) else {
                throw .input(path: path, line: lineNo, message: "timestamp: expected epoch milliseconds or an ISO-8601 date, found '\(fields[0])'")
            }
            if let p = previous, t <= p {
                throw .input(path: path, line: lineNo, message: "timestamp \(fields[0]) is not after the previous row's (timestamps must increase strictly)")
            }
            previous = t
            var row: [Double] = []
            var missing = false
            for (k, field) in fields.dropFirst().enumerated() {
                if field.isEmpty || field.lowercased() == "nan" || field.lowercased() == "null" { missing = true; continue }
                guard let v = Double(field), v.isFinite else {
                    throw .input(path: path, line: lineNo, message: "\(names[k]): expected a number (a per-period return), found '\(field)'")
                }
                row.append(v)
            }
            if missing { dropped += 1; continue }
            ts.append(t)
            for k in row.indices { columns[k].append(row[k]) }
        }
        guard !ts.isEmpty else { throw .input(path: path, line: lines.count, message: "no complete row of returns") }
        return ReturnTable(timestamps: ts, names: names, columns: columns, droppedRows: dropped)
    }

    /// Inner join of separately timestamped series: keeps the timestamps present in every
    /// series and reports, per series, how many of its observations were dropped.
    public static func aligning(_ series: [(name: String, timestamps: [Int64], values: [Double])]) throws(AnalyticsError) -> (table: ReturnTable, droppedPerSeries: [Int]) {
        try AnalyticsError.checkCount(series.count, atLeast: 1, for: "alignment (series)")
        for s in series {
            guard s.timestamps.count == s.values.count else {
                throw .lengthMismatch(what: "series '\(s.name)' timestamps vs values", lengths: [s.timestamps.count, s.values.count])
            }
            try AnalyticsError.checkFinite(s.values, series: s.name)
        }
        var common = Set(series[0].timestamps)
        for s in series.dropFirst() { common.formIntersection(s.timestamps) }
        let axis = common.sorted()
        var columns: [[Double]] = []
        var dropped: [Int] = []
        for s in series {
            var lookup: [Int64: Double] = [:]
            for (t, v) in zip(s.timestamps, s.values) { lookup[t] = v }
            columns.append(axis.map { lookup[$0]! })
            dropped.append(s.values.count - axis.count)
        }
        return (ReturnTable(timestamps: axis, names: series.map(\.name), columns: columns, droppedRows: dropped.max() ?? 0), dropped)
    }

    static func parseTimestamp(_ text: String, _ iso: ISO8601DateFormatter) -> Int64? {
        if let v = Int64(text) { return v }
        for options: ISO8601DateFormatter.Options in [[.withInternetDateTime], [.withInternetDateTime, .withFractionalSeconds], [.withFullDate]] {
            iso.formatOptions = options
            if let d = iso.date(from: text) { return Int64((d.timeIntervalSince1970 * 1000).rounded()) }
        }
        return nil
    }
}
