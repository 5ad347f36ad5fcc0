import Foundation

/// Writes bars in the datasets' format: `timestamp,open,high,low,close,volume`, epoch ms.
/// Numbers are printed in their shortest round-trip form, so reading the file back gives
/// the same doubles.
public enum CSVBarWriter {
    /// The CSV text of `bars`, with a header line.
    public static func text(_ bars: BarSeries) -> String {
        var out = "timestamp,open,high,low,close,volume\n"
        out.reserveCapacity(bars.count * 64)
        for i in 0..<bars.count {
            out += "\(bars.ts[i]),\(bars.open[i]),\(bars.high[i]),\(bars.low[i]),\(bars.close[i]),\(bars.volume[i])\n"
        }
        return out
    }

    /// Writes `bars` to `path` atomically (a half-written file never appears).
    public static func write(_ bars: BarSeries, to path: String) throws(DataError) {
        do {
            try Data(text(bars).utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw .unwritable(path: path, reason: plainReason(error))
        }
    }
}

extension TimeUnit {
    /// Parses a time given on a command line: ISO-8601 (`2021-01-01`, `2021-01-01T12:00Z`) or
    /// integer epoch milliseconds.
    public static func parseTime(_ text: String) -> Int64? {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { buffer -> Int64? in
            guard let base = buffer.baseAddress else { return nil }
            return TimestampParser.iso8601(base, 0, buffer.count) ?? TimestampParser.integer(base, 0, buffer.count)
        }
    }
}
