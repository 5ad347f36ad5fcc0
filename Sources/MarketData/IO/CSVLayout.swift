/// Which CSV column holds which bar field, found from the header or from the column count.
///
/// Recognized files (after an optional `#` comment or URL banner line): a header naming the columns (`timestamp|time|date|datetime|open_time|unix`,
/// `open`, `high`, `low`, `close`, `volume` or else the first `volume <asset>`; any order, extra
/// columns ignored), or no header and
/// either 6 columns (`timestamp,open,high,low,close,volume`) or the 12 columns of a Binance
/// kline export (open time, OHLCV, close time, quote volume, trades, taker volumes, ignore).
public struct CSVLayout: Sendable, Equatable {
    /// What each field of a row is.
    @usableFromInline
    enum Role: UInt8, Sendable {
        case open = 0, high, low, close, volume, timestamp, ignored
    }

    /// Human name of the layout, for reports (`header`, `plain 6-column`, `Binance kline`).
    public let name: String
    /// Column names used in error messages, one per field.
    public let columnNames: [String]
    @usableFromInline let roles: [Role]
    /// Whether the first non-empty line is a header.
    public let hasHeader: Bool

    /// Index of the timestamp field.
    var timestampField: Int { roles.firstIndex(of: .timestamp)! }

    static let plainNames = ["timestamp", "open", "high", "low", "close", "volume"]
    static let binanceNames = ["open_time", "open", "high", "low", "close", "volume", "close_time",
                               "quote_volume", "trades", "taker_buy_base_volume", "taker_buy_quote_volume", "ignore"]
    static let timestampAliases: Set<String> = ["timestamp", "time", "ts", "date", "datetime", "open_time", "open time",
                                                "opentime", "unix", "unix_ms", "date_time"]

    /// Detects the layout from the fields of the first non-empty line.
    static func detect(firstLine fields: [String], path: String, line: Int) throws(DataError) -> CSVLayout {
        let cleaned = fields.map { $0.trimmingQuotes().lowercased() }
        if let first = cleaned.first?.utf8.first, first &- 48 < 10 {
            switch fields.count {
            case 6:
                return CSVLayout(name: "plain 6-column", columnNames: plainNames,
                                 roles: [.timestamp, .open, .high, .low, .close, .volume], hasHeader: false)
            case 12:
                return CSVLayout(name: "Binance kline", columnNames: binanceNames,
                                 roles: [.timestamp, .open, .high, .low, .close, .volume] + Array(repeating: .ignored, count: 6),
                                 hasHeader: false)
            default:
                throw .malformed(path: path, line: line, column: "header",
                                 expected: "a header line, or 6 columns (timestamp,open,high,low,close,volume) or 12 (Binance kline)",
                                 found: "\(fields.count) columns without a header")
            }
        }
        var roles = [Role](repeating: .ignored, count: cleaned.count)
        let wanted: [(Role, Set<String>)] = [(.timestamp, timestampAliases), (.open, ["open", "o"]), (.high, ["high", "h"]),
                                             (.low, ["low", "l"]), (.close, ["close", "c"]), (.volume, ["volume", "vol", "v", "base_volume"])]
        for (role, names) in wanted {
            // Exact names first; for volume also the first `volume <asset>` column, which in
            // CryptoDataDownload exports (`Volume BTC,Volume USDT`) is the base-asset volume.
            let exact = cleaned.indices.first { roles[$0] == .ignored && names.contains(cleaned[$0]) }
            let prefixed = role == .volume ? cleaned.indices.first { roles[$0] == .ignored && cleaned[$0].hasPrefix("volume ") } : nil
            guard let index = exact ?? prefixed else {
                // A line without a comma is not a CSV header: say so without echoing it (it may
                // be any file, /etc/passwd included).
                let found = fields.count == 1 ? "a first line of \(fields[0].count) characters without a comma (not CSV)"
                                              : fields.joined(separator: ",")
                throw .malformed(path: path, line: line, column: "header",
                                 expected: "a column named \(names.sorted().joined(separator: " or "))", found: found)
            }
            roles[index] = role
        }
        return CSVLayout(name: "header", columnNames: cleaned, roles: roles, hasHeader: true)
    }
}

extension StringProtocol {
    func trimmingQuotes() -> String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\"" || f == "\u{FEFF}" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\"" || l == "\r" { s = s.dropLast() }
        return String(s)
    }
}
