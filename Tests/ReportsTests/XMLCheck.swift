import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Parses markup with Foundation's XMLParser and records what it saw, so tests can require
/// well-formedness and look for elements, attributes and text without string matching.
final class XMLCheck: NSObject, XMLParserDelegate {
    private(set) var elements: [String] = []
    private(set) var attributes: [[String: String]] = []
    private(set) var texts: [String] = []
    private(set) var error: String?
    private var buffer = ""

    /// Parses `markup`; `error` is nil when it is well-formed XML.
    init(_ markup: String) {
        super.init()
        let parser = XMLParser(data: Data(markup.utf8))
        parser.delegate = self
        if !parser.parse() {
            error = parser.parserError.map { "\($0) at line \(parser.lineNumber), column \(parser.columnNumber)" } ?? "parse failed"
        }
    }

    var isWellFormed: Bool { error == nil }

    func count(_ element: String) -> Int { elements.filter { $0 == element }.count }

    /// Whether some text node equals `text` (after trimming whitespace).
    func hasText(_ text: String) -> Bool { texts.contains(text) }

    /// Whether some text node contains `fragment`.
    func textContains(_ fragment: String) -> Bool { texts.contains { $0.contains(fragment) } }

    /// Whether some element `name` carries `attribute` (with `value` if given).
    func has(_ name: String, attribute: String, value: String? = nil) -> Bool {
        zip(elements, attributes).contains { element, attrs in
            element == name && (value == nil ? attrs[attribute] != nil : attrs[attribute] == value)
        }
    }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
        flush()
        elements.append(elementName)
        attributes.append(attributeDict)
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        flush()
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { buffer += string }

    private func flush() {
        let trimmed = buffer.trimmingCharacters(in: .whitespacesAndNewlines)
        if !trimmed.isEmpty { texts.append(trimmed) }
        buffer = ""
    }
}
