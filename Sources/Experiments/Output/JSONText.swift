import MarketData

/// JSON that Crucible writes: objects keep the order their members were given in (declaration
/// order, never a dictionary's), numbers are shortest round-trip decimals, and a non-finite
/// number is written as `null` (JSON has no NaN).
public indirect enum JSONText: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int64)
    case number(Double)
    case string(String)
    case array([JSONText])
    case object([(String, JSONText)])

    public static func == (a: JSONText, b: JSONText) -> Bool { a.rendered() == b.rendered() }

    /// An optional number: `null` when absent.
    public static func number(_ value: Double?) -> JSONText { value.map(JSONText.number) ?? .null }

    /// Compact (`pretty: false`, one line) or indented by two spaces.
    public func rendered(pretty: Bool = false) -> String {
        var out = ""
        write(to: &out, pretty: pretty, indent: "")
        return out
    }

    private func write(to out: inout String, pretty: Bool, indent: String) {
        switch self {
        case .null: out += "null"
        case let .bool(b): out += b ? "true" : "false"
        case let .int(i): out += String(i)
        case let .number(d): out += d.isFinite ? NumberText.shortest(d) : "null"
        case let .string(s): Self.quote(s, into: &out)
        case let .array(items):
            writeContainer(items.map { (nil, $0) }, open: "[", close: "]", to: &out, pretty: pretty, indent: indent)
        case let .object(members):
            writeContainer(members.map { ($0.0, $0.1) }, open: "{", close: "}", to: &out, pretty: pretty, indent: indent)
        }
    }

    private func writeContainer(_ items: [(String?, JSONText)], open: String, close: String,
                                to out: inout String, pretty: Bool, indent: String) {
        out += open
        guard !items.isEmpty else { out += close; return }
        let inner = indent + "  "
        for (i, (key, value)) in items.enumerated() {
            if i > 0 { out += pretty ? "," : ", " }
            if pretty { out += "\n" + inner }
            if let key {
                Self.quote(key, into: &out)
                out += ": "
            }
            value.write(to: &out, pretty: pretty, indent: inner)
        }
        if pretty { out += "\n" + indent }
        out += close
    }

    static func quote(_ s: String, into out: inout String) { JSONQuoting.quote(s, into: &out) }
}
