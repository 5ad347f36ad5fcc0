/// Escapes text for XML/XHTML/SVG output, so hostile strings (a series called `<script>`) stay text.
///
/// Semantics: `&`, `<`, `>` are escaped in text; attributes additionally escape `"` and `'`.
/// Control characters that XML 1.0 forbids (everything below U+0020 but tab, newline and
/// carriage return) are dropped, so any input yields a well-formed document.
public enum XMLEscape {
    /// `string` escaped for use as element content.
    public static func text(_ string: String) -> String {
        escape(string, quotes: false)
    }

    /// `string` escaped for use inside a double- or single-quoted attribute value.
    public static func attribute(_ string: String) -> String {
        escape(string, quotes: true)
    }

    static func escape(_ string: String, quotes: Bool) -> String {
        var needs = false
        for u in string.utf8 where u == 0x26 || u == 0x3C || u == 0x3E || u < 0x20 || (quotes && (u == 0x22 || u == 0x27)) {
            needs = true
            break
        }
        guard needs else { return string }
        var out = String()
        out.reserveCapacity(string.utf8.count + 16)
        for scalar in string.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"" where quotes: out += "&quot;"
            case "'" where quotes: out += "&#39;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                if scalar.value >= 0x20 { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }
}
