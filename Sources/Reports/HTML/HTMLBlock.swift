/// A piece of report content. Blocks render to XHTML-compatible markup (every element closed,
/// only the five XML entities), so the whole document parses as XML.
public indirect enum HTMLBlock: Sendable {
    /// A paragraph of text.
    case paragraph(String)
    /// A one-sentence explanation of how to read what precedes or follows it.
    case note(String)
    /// Label/value pairs in two columns (settings, headline metrics).
    case keyValues([(key: String, value: String)])
    /// A plain table.
    case table(HTMLTable)
    /// A long table split into collapsible pages of `pageSize` rows; only the first is open.
    case pagedTable(HTMLTable, pageSize: Int, label: String)
    /// An inline SVG chart with an optional caption. The SVG is inserted verbatim: pass only the
    /// output of a chart type's `render()`, never text from elsewhere.
    case chart(svg: String, caption: String?)
    /// A collapsible block.
    case details(summary: String, blocks: [HTMLBlock], open: Bool)
    /// A titled group inside a section.
    case subsection(title: String, blocks: [HTMLBlock])

    func render(into out: inout String) {
        switch self {
        case .paragraph(let text):
            out += "<p>" + XMLEscape.text(text) + "</p>"
        case .note(let text):
            out += "<p class=\"note\">" + XMLEscape.text(text) + "</p>"
        case .keyValues(let pairs):
            out += "<table class=\"kv\"><tbody>"
            for pair in pairs {
                out += "<tr><th scope=\"row\">" + XMLEscape.text(pair.key) + "</th><td>" + XMLEscape.text(pair.value) + "</td></tr>"
            }
            out += "</tbody></table>"
        case .table(let table):
            table.render(into: &out)
        case .pagedTable(let table, let pageSize, let label):
            let size = max(pageSize, 1)
            guard table.rows.count > size else { table.render(into: &out); return }
            out += "<div class=\"pages\">"
            for start in stride(from: 0, to: table.rows.count, by: size) {
                let end = min(start + size, table.rows.count)
                out += start == 0 ? "<details open=\"open\">" : "<details>"
                out += "<summary>" + XMLEscape.text("\(label) \(start + 1)-\(end) of \(table.rows.count)") + "</summary>"
                table.render(rows: start..<end, into: &out)
                out += "</details>"
            }
            out += "</div>"
        case .chart(let svg, let caption):
            out += "<figure>" + svg
            if let caption { out += "<figcaption>" + XMLEscape.text(caption) + "</figcaption>" }
            out += "</figure>"
        case .details(let summary, let blocks, let open):
            out += open ? "<details open=\"open\">" : "<details>"
            out += "<summary>" + XMLEscape.text(summary) + "</summary>"
            for block in blocks { block.render(into: &out) }
            out += "</details>"
        case .subsection(let title, let blocks):
            out += "<section class=\"sub\"><h3>" + XMLEscape.text(title) + "</h3>"
            for block in blocks { block.render(into: &out) }
            out += "</section>"
        }
    }
}
