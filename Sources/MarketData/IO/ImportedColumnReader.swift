import Foundation

/// Reads columns of a `timestamp,<columns>` CSV file for `ImportedSeries`.
///
/// The header names the columns; the first field of every row is a timestamp in any format
/// the bar reader accepts (epoch s / ms / µs or ISO-8601, detected from the first row). Cells
/// are decimal numbers; an empty cell or `nan` (any case) is a missing value (NaN). Rows must
/// be strictly increasing in time: an unsorted file or a repeated timestamp is an error naming
/// the file and line, as is a malformed field. At most `maxBytes` are read.
public enum ImportedColumnReader {
    /// Largest file accepted (1 GiB).
    public static let maxBytes = 1 << 30

    /// The series of `columns` (column name in the file, name to import it as).
    public static func read(path: String, columns: [(column: String, as: String)]) throws(DataError) -> [ImportedSeries] {
        let text = try load(path)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.hasSuffix("\r") ? $0.dropLast() : $0 }
        while let last = lines.last, last.allSatisfy({ $0 == " " }) { lines.removeLast() }
        guard let header = lines.first else { throw .empty(path: path) }
        let names = header.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        guard names.count >= 2 else {
            throw .malformed(path: path, line: 1, column: "header", expected: "timestamp,<column>,... (at least one value column)", found: String(header))
        }
        var indices: [Int] = []
        for c in columns {
            guard let k = names.dropFirst().firstIndex(of: c.column) else {
                throw .malformed(path: path, line: 1, column: "header", expected: "a column named \"\(c.column)\" (found: \(names.dropFirst().joined(separator: ", ")))", found: String(header))
            }
            indices.append(k)
        }
        guard lines.count > 1 else { throw .headerOnly(path: path) }
        var timestamps: [Int64] = []
        timestamps.reserveCapacity(lines.count - 1)
        var values = [[Double]](repeating: [], count: columns.count)
        var unit: TimeUnit?
        for (offset, line) in lines.enumerated().dropFirst() {
            let number = offset + 1
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            guard fields.count == names.count else { throw .fieldCount(path: path, line: number, expected: names.count, found: fields.count) }
            let tsText = fields[0].trimmingCharacters(in: .whitespaces)
            if unit == nil {
                guard let detected = TimeUnit.detect(tsText) else {
                    throw .malformed(path: path, line: number, column: names[0], expected: "a timestamp (epoch s, ms, µs or ISO-8601)", found: tsText)
                }
                unit = detected
            }
            var bytes = Array(tsText.utf8)
            let ms = bytes.withUnsafeMutableBufferPointer { b in
                b.isEmpty ? nil : TimestampParser.milliseconds(UnsafePointer(b.baseAddress!), 0, b.count, unit: unit!)
            }
            guard let ms else {
                throw .malformed(path: path, line: number, column: names[0], expected: "a timestamp in the first row's format (\(unit!.rawValue))", found: tsText)
            }
            if let last = timestamps.last, ms <= last {
                throw .rejected(path: path, line: number, column: names[0],
                                problem: ms == last ? "duplicate timestamp \(tsText)" : "timestamp \(tsText) is earlier than the row before; rows must be sorted by time")
            }
            timestamps.append(ms)
            for (j, k) in indices.enumerated() {
                let cell = fields[k].trimmingCharacters(in: .whitespaces)
                if cell.isEmpty || cell.lowercased() == "nan" { values[j].append(.nan); continue }
                guard let v = Double(cell), v.isFinite else {
                    throw .malformed(path: path, line: number, column: names[k], expected: "a number, an empty cell or nan", found: cell)
                }
                values[j].append(v)
            }
        }
        return columns.enumerated().map { j, c in
            ImportedSeries(name: c.as, file: path, timestamps: timestamps, values: values[j])
        }
    }

    private static func load(_ path: String) throws(DataError) -> String {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else {
            throw .fileNotFound(path: path)
        }
        let size = ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue ?? 0
        guard size <= maxBytes else { throw .unreadable(path: path, reason: "the file is \(size) bytes; at most \(maxBytes) are read") }
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw .unreadable(path: path, reason: error.localizedDescription)
        }
        guard !data.isEmpty else { throw .empty(path: path) }
        guard let text = String(data: data, encoding: .utf8) else { throw .unreadable(path: path, reason: "not UTF-8 text") }
        return text
    }
}
