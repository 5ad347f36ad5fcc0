/// Streams an SVG document into a string: elements, attributes and text, always escaped,
/// with every opened element closed by `finish()`.
///
/// Semantics: the root element carries `xmlns`, a `viewBox` of `width × height` user units,
/// `role="img"` and a `<title>` (screen readers, hover text). Attribute names are trusted
/// constants; attribute values and text are escaped with `XMLEscape`.
public struct SVGWriter: Sendable {
    /// One attribute: name and (unescaped) value.
    public typealias Attribute = (name: String, value: String)

    private var output: String
    private var open: [String] = []

    /// Starts a document of `width × height` user units titled `title`.
    public init(width: Double, height: Double, title: String) {
        output = ""
        output.reserveCapacity(16_384)
        let w = SVGNumber.format(width), h = SVGNumber.format(height)
        start("svg", [("xmlns", "http://www.w3.org/2000/svg"), ("viewBox", "0 0 \(w) \(h)"),
                      ("width", w), ("height", h), ("role", "img"), ("class", "chart"),
                      ("font-family", "Helvetica, Arial, sans-serif"), ("font-size", "12")])
        output += "<title>" + XMLEscape.text(title) + "</title>"
    }

    /// Opens `<name …>`; close it with `end()`.
    public mutating func start(_ name: String, _ attributes: [Attribute] = []) {
        tag(name, attributes)
        output += ">"
        open.append(name)
    }

    /// Closes the innermost open element.
    public mutating func end() {
        guard let name = open.popLast() else { return }
        output += "</" + name + ">"
    }

    /// Writes an empty element `<name …/>`.
    public mutating func element(_ name: String, _ attributes: [Attribute]) {
        tag(name, attributes)
        output += "/>"
    }

    /// Writes `<text x y …>string</text>`.
    public mutating func text(_ string: String, x: Double, y: Double, _ attributes: [Attribute] = []) {
        tag("text", [("x", SVGNumber.format(x)), ("y", SVGNumber.format(y))] + attributes)
        output += ">" + XMLEscape.text(string) + "</text>"
    }

    /// Writes a straight line segment.
    public mutating func line(x1: Double, y1: Double, x2: Double, y2: Double, _ attributes: [Attribute]) {
        element("line", [("x1", SVGNumber.format(x1)), ("y1", SVGNumber.format(y1)),
                         ("x2", SVGNumber.format(x2)), ("y2", SVGNumber.format(y2))] + attributes)
    }

    /// Writes an axis-aligned rectangle.
    public mutating func rect(x: Double, y: Double, width: Double, height: Double, _ attributes: [Attribute]) {
        element("rect", [("x", SVGNumber.format(x)), ("y", SVGNumber.format(y)),
                         ("width", SVGNumber.format(max(width, 0))), ("height", SVGNumber.format(max(height, 0)))] + attributes)
    }

    /// Writes a `<path>` with the given geometry.
    public mutating func path(_ data: SVGPath, _ attributes: [Attribute]) {
        guard !data.isEmpty else { return }
        element("path", [("d", data.data)] + attributes)
    }

    /// Closes every open element, the root included, and returns the document.
    public mutating func finish() -> String {
        while !open.isEmpty { end() }
        return output
    }

    private mutating func tag(_ name: String, _ attributes: [Attribute]) {
        output += "<" + name
        for attribute in attributes {
            output += " " + attribute.name + "=\"" + XMLEscape.attribute(attribute.value) + "\""
        }
    }
}
