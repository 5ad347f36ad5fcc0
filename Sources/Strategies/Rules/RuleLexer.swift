/// Splits an expression into tokens. Names are ASCII letters, digits and `_` (not starting
/// with a digit); numbers are decimal with an optional fraction and exponent; a quoted name
/// (`"up"`, the argument of `model("up")`) is any characters but `"` and line breaks between
/// double quotes, without escapes. Offsets count
/// Unicode scalars, so a caret lines up under the character a user typed.
struct RuleLexer {
    let scalars: [Unicode.Scalar]

    init(_ text: String) { scalars = Array(text.unicodeScalars) }

    /// Every token followed by `.end`, or the first lexical error.
    func tokens() -> Result<[RuleToken], RuleDiagnostic> {
        var out: [RuleToken] = []
        var i = 0
        func token(_ kind: RuleToken.Kind, _ length: Int) {
            out.append(RuleToken(kind: kind, range: RuleRange(i, i + length)))
            i += length
        }
        while i < scalars.count {
            let c = scalars[i]
            let next = i + 1 < scalars.count ? scalars[i + 1] : " "
            switch c {
            case " ", "\t", "\n", "\r": i += 1
            case "+": token(.plus, 1)
            case "-": token(.minus, 1)
            case "*": token(.star, 1)
            case "/": token(.slash, 1)
            case "(": token(.leftParen, 1)
            case ")": token(.rightParen, 1)
            case ",": token(.comma, 1)
            case "\"":
                var j = i + 1
                while j < scalars.count, scalars[j] != "\"", scalars[j] != "\n", scalars[j] != "\r" { j += 1 }
                guard j < scalars.count, scalars[j] == "\"" else {
                    return .failure(RuleDiagnostic(RuleRange(i, j), "unterminated quoted name; close it with \" on the same line"))
                }
                out.append(RuleToken(kind: .string(String(String.UnicodeScalarView(scalars[(i + 1)..<j]))), range: RuleRange(i, j + 1)))
                i = j + 1
            case "<": next == "=" ? token(.lessEqual, 2) : token(.less, 1)
            case ">": next == "=" ? token(.greaterEqual, 2) : token(.greater, 1)
            case "=": next == "=" ? token(.equal, 2) : token(.assign, 1)
            case "!":
                guard next == "=" else {
                    return .failure(RuleDiagnostic(RuleRange(i, i + 1), "unexpected \"!\"; write \"not x\" for negation or \"!=\" for inequality"))
                }
                token(.notEqual, 2)
            case ".":
                if Self.isDigit(next) { guard let t = number(at: i) else { return .failure(badNumber(i)) }; out.append(t); i = t.range.upper }
                else { token(.dot, 1) }
            default:
                if Self.isDigit(c) {
                    guard let t = number(at: i) else { return .failure(badNumber(i)) }
                    out.append(t)
                    i = t.range.upper
                } else if Self.isNameStart(c) {
                    var j = i
                    while j < scalars.count, Self.isNameStart(scalars[j]) || Self.isDigit(scalars[j]) { j += 1 }
                    out.append(RuleToken(kind: .name(String(String.UnicodeScalarView(scalars[i..<j]))), range: RuleRange(i, j)))
                    i = j
                } else {
                    return .failure(RuleDiagnostic(RuleRange(i, i + 1), "unexpected character \"\(c)\"; expected a number, a name, an operator or a parenthesis"))
                }
            }
        }
        out.append(RuleToken(kind: .end, range: RuleRange(scalars.count, scalars.count)))
        return .success(out)
    }

    private func badNumber(_ i: Int) -> RuleDiagnostic {
        var j = i
        while j < scalars.count, Self.isDigit(scalars[j]) || Self.isNameStart(scalars[j]) || scalars[j] == "." { j += 1 }
        return RuleDiagnostic(RuleRange(i, j), "malformed number; expected digits with an optional fraction and exponent such as 20, 0.5 or 1e-3")
    }

    /// `digits [. digits] [e [+-] digits]`, not followed by a letter.
    private func number(at start: Int) -> RuleToken? {
        var j = start
        while j < scalars.count, Self.isDigit(scalars[j]) { j += 1 }
        if j < scalars.count, scalars[j] == "." {
            j += 1
            while j < scalars.count, Self.isDigit(scalars[j]) { j += 1 }
        }
        if j < scalars.count, scalars[j] == "e" || scalars[j] == "E" {
            var k = j + 1
            if k < scalars.count, scalars[k] == "+" || scalars[k] == "-" { k += 1 }
            guard k < scalars.count, Self.isDigit(scalars[k]) else { return nil }
            while k < scalars.count, Self.isDigit(scalars[k]) { k += 1 }
            j = k
        }
        if j < scalars.count, Self.isNameStart(scalars[j]) || scalars[j] == "." { return nil }
        let text = String(String.UnicodeScalarView(scalars[start..<j]))
        guard let value = Double(text), value.isFinite else { return nil }
        return RuleToken(kind: .number(value), range: RuleRange(start, j))
    }

    static func isDigit(_ c: Unicode.Scalar) -> Bool { c.value >= 48 && c.value <= 57 }
    static func isNameStart(_ c: Unicode.Scalar) -> Bool {
        (c.value >= 65 && c.value <= 90) || (c.value >= 97 && c.value <= 122) || c == "_"
    }
}
