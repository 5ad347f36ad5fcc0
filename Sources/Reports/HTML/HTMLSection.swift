/// A top-level report section: a heading (listed in the table of contents) and its blocks.
public struct HTMLSection: Sendable {
    public var title: String
    /// The fragment id (`#id`); letters, digits and `-` only.
    public var id: String
    public var blocks: [HTMLBlock]

    /// A section whose id is derived from `title` unless given.
    public init(title: String, id: String? = nil, blocks: [HTMLBlock]) {
        self.title = title
        self.id = Self.slug(id ?? title)
        self.blocks = blocks
    }

    /// Lower-case letters and digits of `text`, other runs replaced by one `-`.
    static func slug(_ text: String) -> String {
        var out = ""
        for scalar in text.lowercased().unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                out.unicodeScalars.append(scalar)
            } else if !out.isEmpty, out.last != "-" {
                out += "-"
            }
        }
        while out.hasSuffix("-") { out.removeLast() }
        return out.isEmpty ? "section" : out
    }

    func render(into out: inout String) {
        out += "<section id=\"" + XMLEscape.attribute(id) + "\"><h2>" + XMLEscape.text(title) + "</h2>"
        for block in blocks { block.render(into: &out) }
        out += "</section>"
    }
}
