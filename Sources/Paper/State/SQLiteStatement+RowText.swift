import CSQLite
import MarketData

extension SQLiteStatement {
    /// The current row as `|`-separated text: integers and reals in full (round-trip) precision,
    /// NULL as `NULL`.
    var rowText: String {
        (0..<sqlite3_column_count(handle)).map { (c: Int32) -> String in
            switch sqlite3_column_type(handle, c) {
            case SQLITE_NULL: return "NULL"
            case SQLITE_INTEGER: return String(int64(c))
            case SQLITE_FLOAT: return "\(double(c))"
            default: return text(c)
            }
        }.joined(separator: "|")
    }
}
