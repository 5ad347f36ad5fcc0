/// Parses constraint text (`fast < slow`, `2 * fast <= slow - 1`) into a `ParameterConstraint`.
/// Errors say what was expected at which character, e.g. `expected a number, a parameter name
/// or "(" at character 8, found end of text`.
public struct ConstraintParser {
    private let chars: [Character]
    private var i = 0

    /// Parses `text`; throws a message describing the first syntax error.
    public static func parse(_ text: String) throws(ConstraintSyntaxError) -> ParameterConstraint {
        var parser = ConstraintParser(chars: Array(text))
        let left = try parser.expression()
        guard let comparison = parser.comparison() else {
            throw parser.error("a comparison (<, <=, >, >=, ==, !=)")
        }
        let right = try parser.expression()
        parser.skipSpaces()
        guard parser.i == parser.chars.count else { throw parser.error("an operator or end of text") }
        return ParameterConstraint(text: text, left: left, comparison: comparison, right: right)
    }

    private init(chars: [Character]) { self.chars = chars }

    private mutating func skipSpaces() {
        while i < chars.count, chars[i].isWhitespace { i += 1 }
    }

    private func error(_ expected: String) -> ConstraintSyntaxError {
        let found = i < chars.count ? "\"\(chars[i])\"" : "end of text"
        return ConstraintSyntaxError(message: "expected \(expected) at character \(i + 1), found \(found)")
    }

    private mutating func take(_ set: String) -> Character? {
        skipSpaces()
        guard i < chars.count, set.contains(chars[i]) else { return nil }
        i += 1
        return chars[i - 1]
    }

    private mutating func comparison() -> ParameterConstraint.Comparison? {
        skipSpaces()
        for op in [">=", "<=", "==", "!=", "<", ">"] where chars[i...].starts(with: op) {
            i += op.count
            return ParameterConstraint.Comparison(rawValue: op)
        }
        return nil
    }

    private mutating func expression() throws(ConstraintSyntaxError) -> ParameterConstraint.Expression {
        var value = try term()
        while let op = take("+-") { value = .binary(op, value, try term()) }
        return value
    }

    private mutating func term() throws(ConstraintSyntaxError) -> ParameterConstraint.Expression {
        var value = try factor()
        while let op = take("*/") { value = .binary(op, value, try factor()) }
        return value
    }

    private mutating func factor() throws(ConstraintSyntaxError) -> ParameterConstraint.Expression {
        if take("-") != nil { return .negate(try factor()) }
        if take("(") != nil {
            let inner = try expression()
            guard take(")") != nil else { throw error("\")\"") }
            return inner
        }
        skipSpaces()
        let start = i
        if i < chars.count, chars[i].isLetter || chars[i] == "_" {
            while i < chars.count, chars[i].isLetter || chars[i].isNumber || chars[i] == "_" { i += 1 }
            return .parameter(String(chars[start..<i]))
        }
        while i < chars.count, chars[i].isNumber || chars[i] == "." || chars[i] == "e" || chars[i] == "E" { i += 1 }
        guard i > start, let number = Double(String(chars[start..<i])) else {
            i = start
            throw error("a number, a parameter name or \"(\"")
        }
        return .number(number)
    }
}

/// A syntax error in a constraint expression.
public struct ConstraintSyntaxError: Error, Sendable, Equatable {
    public var message: String
}
