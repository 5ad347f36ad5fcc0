/// A self-contained report page: one file with inline CSS and inline SVG, no scripts, no
/// external assets, readable from disk and printable.
///
/// Semantics: the output is XHTML-compatible HTML5 (UTF-8, every element closed, attributes
/// quoted, only XML's five entities), so it also parses as XML. Sections appear in order, each
/// listed in a table of contents; all text is escaped.
public struct HTMLDocument: Sendable {
    public var title: String
    public var subtitle: String?
    public var sections: [HTMLSection]
    /// Small print at the bottom (generator, version, time of generation).
    public var footer: String?

    public init(title: String, subtitle: String? = nil, sections: [HTMLSection] = [], footer: String? = nil) {
        self.title = title
        self.subtitle = subtitle
        self.sections = sections
        self.footer = footer
    }

    public func render() -> String {
        var out = ""
        out.reserveCapacity(65_536)
        out += "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\"><head><meta charset=\"utf-8\"/>"
        out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>"
        out += "<title>" + XMLEscape.text(title) + "</title><style>" + HTMLStyle.css + "</style></head><body>"
        out += "<header><h1>" + XMLEscape.text(title) + "</h1>"
        if let subtitle { out += "<p class=\"subtitle\">" + XMLEscape.text(subtitle) + "</p>" }
        out += "</header>"
        let unique = uniqueSections
        if unique.count > 1 {
            out += "<nav class=\"toc\"><ol>"
            for section in unique {
                out += "<li><a href=\"#" + XMLEscape.attribute(section.id) + "\">" + XMLEscape.text(section.title) + "</a></li>"
            }
            out += "</ol></nav>"
        }
        for section in unique { section.render(into: &out) }
        if let footer { out += "<footer>" + XMLEscape.text(footer) + "</footer>" }
        out += "</body></html>\n"
        return out
    }

    /// The sections with repeated ids made unique (`trades`, `trades-2`, …).
    var uniqueSections: [HTMLSection] {
        var used = Set<String>()
        return sections.map { section in
            var copy = section
            var n = 2
            while used.contains(copy.id) { copy.id = section.id + "-\(n)"; n += 1 }
            used.insert(copy.id)
            return copy
        }
    }
}
