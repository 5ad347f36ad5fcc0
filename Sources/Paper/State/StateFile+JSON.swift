import Foundation
import CSQLite
import MarketData

extension StateFile {
    /// The rows of `table` (a name from `StateSchema`) as a JSON array of objects keyed by column
    /// name, in `key` order: integers and reals in full precision, NULL as null. The local API
    /// serves these, so what it answers is what the file holds.
    public func json(_ table: String, orderBy key: String) throws(PaperError) -> String {
        var items: [String] = []
        try db.prepare("SELECT * FROM \(table) ORDER BY \(key)").query { (row) throws(PaperError) in items.append(row.rowJSON) }
        return "[" + items.joined(separator: ",") + "]"
    }

    /// The run at a glance: the `meta` settings (the API token's hash left out) and the
    /// `progress` row, with the position, as one JSON object.
    public func statusJSON() throws(PaperError) -> String {
        var fields = try meta().filter { $0.key != StateFile.tokenHashKey }.sorted { $0.key < $1.key }.map { "\(jsonString($0.key)):\(jsonString($0.value))" }
        var progress = "null", position = "null"
        try db.prepare("SELECT * FROM progress WHERE id = 1").query { (row) throws(PaperError) in progress = row.rowJSON }
        try db.prepare("SELECT * FROM positions WHERE symbol = 0").query { (row) throws(PaperError) in position = row.rowJSON }
        fields.append("\"progress\":\(progress)")
        fields.append("\"position\":\(position)")
        return "{" + fields.joined(separator: ",") + "}"
    }

    /// The `meta` key holding the SHA-256 of the API token (`--listen` off loopback).
    public static let tokenHashKey = "api_token_sha256"
}

/// `s` as a JSON string literal (`JSONQuoting`, the one escaping rule).
func jsonString(_ s: String) -> String {
    var out = ""
    JSONQuoting.quote(s, into: &out)
    return out
}

extension SQLiteStatement {
    /// The current row as a JSON object keyed by column name.
    var rowJSON: String {
        let fields = (0..<sqlite3_column_count(handle)).map { (c: Int32) -> String in
            let name = jsonString(String(cString: sqlite3_column_name(handle, c)))
            switch sqlite3_column_type(handle, c) {
            case SQLITE_NULL: return name + ":null"
            case SQLITE_INTEGER: return name + ":" + String(int64(c))
            case SQLITE_FLOAT: return name + ":" + "\(double(c))"
            default: return name + ":" + jsonString(text(c))
            }
        }
        return "{" + fields.joined(separator: ",") + "}"
    }
}
