import MarketData
/// A plain table: a header row and body rows of text or number cells; numbers are right-aligned
/// and use tabular digits so columns line up. No sorting, no scripts.
public struct HTMLTable: Sendable {
    /// One cell.
    public enum Cell: Sendable, Equatable {
        case text(String)
        /// A number printed with `decimals` places and thousands separators.
        case number(Double, decimals: Int)
        /// A fraction printed as a percentage with `decimals` places.
        case percent(Double, decimals: Int)
        /// Text that is right-aligned like a number (pre-formatted figures, dates).
        case figure(String)

        var isNumeric: Bool {
            if case .text = self { return false }
            return true
        }

        var text: String {
            switch self {
            case .text(let s), .figure(let s): return s
            case .number(let v, let d): return NumberText.fixed(v, decimals: d)
            case .percent(let v, let d): return NumberText.percent(v, decimals: d)
            }
        }
    }

    public var columns: [String]
    public var rows: [[Cell]]
    public var caption: String?

    public init(columns: [String], rows: [[Cell]], caption: String? = nil) {
        self.columns = columns
        self.rows = rows
        self.caption = caption
    }

    /// The first `first` and last `last` rows only, with the caption saying how many were left
    /// out: keeps reports small when a run has tens of thousands of trades (a row is ~200 bytes).
    public func keeping(first: Int, last: Int) -> HTMLTable {
        let head = max(first, 0), tail = max(last, 0)
        guard rows.count > head + tail else { return self }
        let omitted = rows.count - head - tail
        let note = "\(NumberText.fixed(Double(omitted), decimals: 0)) of \(NumberText.fixed(Double(rows.count), decimals: 0)) rows omitted after row \(head)"
        return HTMLTable(columns: columns, rows: Array(rows.prefix(head)) + Array(rows.suffix(tail)),
                         caption: caption.map { $0 + " (" + note + ")" } ?? note)
    }

    /// A column is right-aligned when all its cells are numeric.
    func isNumericColumn(_ c: Int) -> Bool {
        !rows.isEmpty && rows.allSatisfy { c >= $0.count || $0[c].isNumeric }
    }

    func render(rows range: Range<Int>? = nil, into out: inout String) {
        let body = range.map { rows[$0] } ?? rows[...]
        let numeric = columns.indices.map(isNumericColumn)
        out += "<table class=\"data\">"
        if let caption { out += "<caption>" + XMLEscape.text(caption) + "</caption>" }
        out += "<thead><tr>"
        for (c, name) in columns.enumerated() {
            out += numeric[c] ? "<th class=\"num\">" : "<th>"
            out += XMLEscape.text(name) + "</th>"
        }
        out += "</tr></thead><tbody>"
        for row in body {
            out += "<tr>"
            for c in columns.indices {
                let cell = c < row.count ? row[c] : .text("")
                out += cell.isNumeric ? "<td class=\"num\">" : "<td>"
                out += XMLEscape.text(cell.text) + "</td>"
            }
            out += "</tr>"
        }
        out += "</tbody></table>"
    }
}
