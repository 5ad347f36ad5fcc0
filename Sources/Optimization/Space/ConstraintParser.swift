/// Recursive-descent parser for constraint expressions (see `Constraint`), type-checking as
/// it goes: comparisons take numbers (or category names for `==`/`!=`), logic takes booleans.
///
/// Hostile input is bounded before it can exhaust the stack: the text may hold at most
/// `maxLength` characters, parentheses, `!` and unary `-` may nest at most `maxNesting` deep
/// (each level is a few parser frames), and the parsed tree — whose evaluation recurses — may
/// be at most `maxTreeDepth` deep (a chain `a + a + … + a` is as deep as it is long).
struct ConstraintParser {
    private enum Kind { case number, text, boolean }

    /// Longest expression accepted, in characters.
    static let maxLength = 10_000
    /// Deepest nesting of parentheses, `!` and unary minus.
    static let maxNesting = 64
    /// Deepest parsed tree (operators chained or nested).
    static let maxTreeDepth = 256

    private let text: String
    private let chars: [Character]
    private let parameters: [Parameter]
    private var position = 0
    /// Current nesting of parentheses, `!` and unary minus.
    private var nesting = 0

    init(text: String, parameters: [Parameter]) {
        self.text = text
        self.chars = Array(text)
        self.parameters = parameters
    }

    mutating func parseConstraint() throws(SpaceError) -> ConstraintNode {
        guard chars.count <= Self.maxLength else {
            throw .constraintTooComplex(expression: text, reason: "it is \(chars.count) characters long; at most \(Self.maxLength) are allowed")
        }
        let (node, kind) = try parseOr()
        skipSpaces()
        guard position == chars.count else { throw syntax("an operator or the end of the expression") }
        guard kind == .boolean else { throw mismatch("the expression must be a comparison, e.g. \"fast < slow\"") }
        return node
    }

    private mutating func parseOr() throws(SpaceError) -> (ConstraintNode, Kind) {
        var (left, kind) = try parseAnd()
        while consume("||") {
            let (right, rightKind) = try parseAnd()
            try requireBoolean(kind, rightKind, "||")
            left = try deepen(.or(left, right)); kind = .boolean
        }
        return (left, kind)
    }

    private mutating func parseAnd() throws(SpaceError) -> (ConstraintNode, Kind) {
        var (left, kind) = try parseNot()
        while consume("&&") {
            let (right, rightKind) = try parseNot()
            try requireBoolean(kind, rightKind, "&&")
            left = try deepen(.and(left, right)); kind = .boolean
        }
        return (left, kind)
    }

    private mutating func parseNot() throws(SpaceError) -> (ConstraintNode, Kind) {
        skipSpaces()
        if position < chars.count, chars[position] == "!", peek(1) != "=" {
            position += 1
            try enter()
            let (inner, kind) = try parseNot()
            nesting -= 1
            try requireBoolean(kind, .boolean, "!")
            return (try deepen(.not(inner)), .boolean)
        }
        return try parseComparison()
    }

    private mutating func parseComparison() throws(SpaceError) -> (ConstraintNode, Kind) {
        let (left, kind) = try parseSum()
        let operators: [(String, ConstraintNode.Comparison)] = [
            ("<=", .lessOrEqual), (">=", .greaterOrEqual), ("==", .equal), ("!=", .notEqual),
            ("<", .less), (">", .greater),
        ]
        for (symbol, op) in operators where consume(symbol) {
            let (right, rightKind) = try parseSum()
            switch (kind, rightKind) {
            case (.number, .number): break
            case (.text, .text) where op == .equal || op == .notEqual: break
            default: throw mismatch("\"\(symbol)\" cannot compare \(kind) with \(rightKind)")
            }
            return (try deepen(.compare(op, left, right)), .boolean)
        }
        return (left, kind)
    }

    private mutating func parseSum() throws(SpaceError) -> (ConstraintNode, Kind) {
        var (left, kind) = try parseProduct()
        while true {
            let op: ConstraintNode.Arithmetic
            if consume("+") { op = .add } else if consume("-") { op = .subtract } else { break }
            let (right, rightKind) = try parseProduct()
            try requireNumbers(kind, rightKind)
            left = try deepen(.arithmetic(op, left, right)); kind = .number
        }
        return (left, kind)
    }

    private mutating func parseProduct() throws(SpaceError) -> (ConstraintNode, Kind) {
        var (left, kind) = try parseUnary()
        while true {
            let op: ConstraintNode.Arithmetic
            if consume("*") { op = .multiply } else if consume("/") { op = .divide } else { break }
            let (right, rightKind) = try parseUnary()
            try requireNumbers(kind, rightKind)
            left = try deepen(.arithmetic(op, left, right)); kind = .number
        }
        return (left, kind)
    }

    private mutating func parseUnary() throws(SpaceError) -> (ConstraintNode, Kind) {
        if consume("-") {
            try enter()
            let (inner, kind) = try parseUnary()
            nesting -= 1
            try requireNumbers(kind, .number)
            return (try deepen(.negate(inner)), .number)
        }
        return try parsePrimary()
    }

    private mutating func parsePrimary() throws(SpaceError) -> (ConstraintNode, Kind) {
        skipSpaces()
        guard position < chars.count else { throw syntax("a parameter name, a number or \"(\"") }
        let c = chars[position]
        if c == "(" {
            position += 1
            try enter()
            let inner = try parseOr()
            nesting -= 1
            guard consume(")") else { throw syntax("\")\"") }
            return inner
        }
        if c == "\"" {
            let start = position + 1
            guard let end = chars[start...].firstIndex(of: "\"") else { throw syntax("a closing quote") }
            position = end + 1
            return (.text(String(chars[start..<end])), .text)
        }
        if c.isNumber || c == "." {
            let start = position
            while position < chars.count {
                let ch = chars[position]
                if ch.isNumber || ch == "." {
                    position += 1
                } else if ch == "e" || ch == "E", let exponent = peek(1),
                          exponent.isNumber || ((exponent == "-" || exponent == "+") && peek(2)?.isNumber == true) {
                    position += 2                  // the exponent marker and its sign or first digit
                } else {
                    break
                }
            }
            guard let value = Double(String(chars[start..<position])) else {
                position = start
                throw syntax("a number")
            }
            return (.number(value), .number)
        }
        if c.isLetter || c == "_" {
            let start = position
            while position < chars.count, chars[position].isLetter || chars[position].isNumber || chars[position] == "_" {
                position += 1
            }
            let name = String(chars[start..<position])
            guard let index = parameters.firstIndex(where: { $0.name == name }) else {
                throw .unknownParameter(expression: text, name: name)
            }
            switch parameters[index].domain {
            case .choice, .fixed(.string): return (.parameter(index), .text)
            default: return (.parameter(index), .number)
            }
        }
        throw syntax("a parameter name, a number or \"(\"")
    }

    /// One more level of nesting, refused past `maxNesting`.
    private mutating func enter() throws(SpaceError) {
        nesting += 1
        guard nesting <= Self.maxNesting else {
            throw .constraintTooComplex(expression: text,
                                        reason: "it nests more than \(Self.maxNesting) levels deep at character \(position)")
        }
    }

    /// `node`, refused when its tree is deeper than `maxTreeDepth`.
    private func deepen(_ node: ConstraintNode) throws(SpaceError) -> ConstraintNode {
        guard node.depth <= Self.maxTreeDepth else {
            throw .constraintTooComplex(expression: text,
                                        reason: "it chains more than \(Self.maxTreeDepth) operations (at character \(position))")
        }
        return node
    }

    private mutating func skipSpaces() {
        while position < chars.count, chars[position].isWhitespace { position += 1 }
    }

    private func peek(_ offset: Int) -> Character? {
        position + offset < chars.count ? chars[position + offset] : nil
    }

    /// Consumes `symbol` if it comes next (after spaces); a lone "<" or ">" or "!" never eats
    /// the first character of "<=", ">=", "!=".
    private mutating func consume(_ symbol: String) -> Bool {
        skipSpaces()
        let s = Array(symbol)
        guard position + s.count <= chars.count, Array(chars[position..<position + s.count]) == s else { return false }
        position += s.count
        return true
    }

    private func syntax(_ expected: String) -> SpaceError {
        .constraintSyntax(expression: text, position: position, expected: expected)
    }

    private func mismatch(_ reason: String) -> SpaceError { .typeMismatch(expression: text, reason: reason) }

    private func requireBoolean(_ a: Kind, _ b: Kind, _ op: String) throws(SpaceError) {
        guard a == .boolean, b == .boolean else { throw mismatch("\"\(op)\" needs comparisons on both sides") }
    }

    private func requireNumbers(_ a: Kind, _ b: Kind) throws(SpaceError) {
        guard a == .number, b == .number else { throw mismatch("arithmetic needs numbers, not \(a == .number ? b : a) values") }
    }
}
