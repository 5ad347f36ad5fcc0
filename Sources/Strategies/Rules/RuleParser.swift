/// Recursive-descent parser of one expression into a `RuleSyntax` tree.
///
/// Grammar (lowest precedence first):
/// ```
/// expr       := and ("or" and)*
/// and        := not ("and" not)*
/// not        := "not" not | comparison
/// comparison := additive [("<" | "<=" | ">" | ">=" | "==" | "!=") additive]
/// additive   := term (("+" | "-") term)*
/// term       := unary (("*" | "/") unary)*
/// unary      := "-" unary | postfix
/// postfix    := primary ("." name)*
/// primary    := number | quoted | name | name "(" [arg ("," arg)*] ")" | "(" expr ")"
/// arg        := [name "="] expr
/// ```
/// Comparisons do not chain (`a < b < c` is an error). Length, depth and term count are
/// bounded (`RuleLimits`) before and during the descent, so no input can exhaust the stack.
struct RuleParser {
    private var tokens: [RuleToken]
    private var position = 0
    private var nesting = 0
    private var terms = 0

    /// Parses `text`, or returns the first syntax error.
    static func parse(_ text: String) -> Result<RuleSyntax, RuleDiagnostic> {
        let length = text.unicodeScalars.count
        guard length <= RuleLimits.maxLength else {
            return .failure(RuleDiagnostic(RuleRange(RuleLimits.maxLength, length),
                                           "the expression is \(length) characters long; at most \(RuleLimits.maxLength) are accepted"))
        }
        let tokens: [RuleToken]
        switch RuleLexer(text).tokens() {
        case let .success(t): tokens = t
        case let .failure(e): return .failure(e)
        }
        var parser = RuleParser(tokens: tokens)
        do {
            if case .end = parser.peek.kind { throw RuleDiagnostic(parser.peek.range, "empty expression; expected a condition such as \"close > sma(close, 20)\"") }
            let tree = try parser.expression()
            guard case .end = parser.peek.kind else {
                throw RuleDiagnostic(parser.peek.range, "unexpected \(parser.peek.shown) after a complete expression; expected an operator or the end")
            }
            return .success(tree)
        } catch let error as RuleDiagnostic {
            return .failure(error)
        } catch {
            return .failure(RuleDiagnostic(RuleRange(0, length), "\(error)"))
        }
    }

    private init(tokens: [RuleToken]) { self.tokens = tokens }

    private var peek: RuleToken { tokens[position] }

    private mutating func advance() -> RuleToken {
        defer { if position < tokens.count - 1 { position += 1 } }
        return tokens[position]
    }

    private func isName(_ word: String) -> Bool {
        if case let .name(n) = peek.kind { return n == word }
        return false
    }

    /// Enters one level of nesting (every recursive rule goes through here).
    private mutating func enter() throws {
        nesting += 1
        guard nesting <= RuleLimits.maxDepth else {
            throw RuleDiagnostic(peek.range, "the expression nests deeper than \(RuleLimits.maxDepth) levels; split it into simpler rules")
        }
    }

    private mutating func node(_ kind: RuleSyntax.Kind, _ range: RuleRange, _ children: [RuleSyntax] = []) throws -> RuleSyntax {
        terms += 1
        guard terms <= RuleLimits.maxNodes else {
            throw RuleDiagnostic(range, "the expression has more than \(RuleLimits.maxNodes) terms; split it into simpler rules")
        }
        let made = RuleSyntax(kind, range, children)
        guard made.depth <= RuleLimits.maxDepth else {
            throw RuleDiagnostic(range, "the expression nests deeper than \(RuleLimits.maxDepth) levels (each operator of a chain counts one); split it into simpler rules")
        }
        return made
    }

    private mutating func expression() throws -> RuleSyntax {
        try enter()
        defer { nesting -= 1 }
        var left = try conjunction()
        while isName("or") {
            _ = advance()
            let right = try conjunction()
            left = try node(.binary(.or), left.range.union(right.range), [left, right])
        }
        return left
    }

    private mutating func conjunction() throws -> RuleSyntax {
        var left = try negation()
        while isName("and") {
            _ = advance()
            let right = try negation()
            left = try node(.binary(.and), left.range.union(right.range), [left, right])
        }
        return left
    }

    private mutating func negation() throws -> RuleSyntax {
        guard isName("not") else { return try comparison() }
        try enter()
        defer { nesting -= 1 }
        let start = advance().range
        let operand = try negation()
        return try node(.unary(.not), start.union(operand.range), [operand])
    }

    private static func comparisonOperator(_ kind: RuleToken.Kind) -> RuleBinary? {
        switch kind {
        case .less: return .less
        case .lessEqual: return .lessEqual
        case .greater: return .greater
        case .greaterEqual: return .greaterEqual
        case .equal: return .equal
        case .notEqual: return .notEqual
        default: return nil
        }
    }

    private mutating func comparison() throws -> RuleSyntax {
        let left = try additive()
        guard let op = Self.comparisonOperator(peek.kind) else {
            if case .assign = peek.kind { throw RuleDiagnostic(peek.range, "\"=\" is only for named arguments; write \"==\" to compare") }
            return left
        }
        _ = advance()
        let right = try additive()
        if Self.comparisonOperator(peek.kind) != nil {
            throw RuleDiagnostic(peek.range, "comparisons do not chain; write \"a < b and b < c\"")
        }
        return try node(.binary(op), left.range.union(right.range), [left, right])
    }

    private mutating func additive() throws -> RuleSyntax {
        var left = try product()
        while true {
            let op: RuleBinary
            switch peek.kind {
            case .plus: op = .add
            case .minus: op = .subtract
            default: return left
            }
            _ = advance()
            let right = try product()
            left = try node(.binary(op), left.range.union(right.range), [left, right])
        }
    }

    private mutating func product() throws -> RuleSyntax {
        var left = try unary()
        while true {
            let op: RuleBinary
            switch peek.kind {
            case .star: op = .multiply
            case .slash: op = .divide
            default: return left
            }
            _ = advance()
            let right = try unary()
            left = try node(.binary(op), left.range.union(right.range), [left, right])
        }
    }

    private mutating func unary() throws -> RuleSyntax {
        guard case .minus = peek.kind else { return try postfix() }
        try enter()
        defer { nesting -= 1 }
        let start = advance().range
        let operand = try unary()
        if case let .number(v) = operand.kind, operand.children.isEmpty {
            return try node(.number(-v), start.union(operand.range))
        }
        return try node(.unary(.negate), start.union(operand.range), [operand])
    }

    private mutating func postfix() throws -> RuleSyntax {
        var base = try primary()
        while case .dot = peek.kind {
            _ = advance()
            let name = advance()
            guard case let .name(field) = name.kind else {
                throw RuleDiagnostic(name.range, "expected an output name after \".\" (such as \"upperband\"), found \(name.shown)")
            }
            base = try node(.field(field), base.range.union(name.range), [base])
        }
        return base
    }

    private mutating func primary() throws -> RuleSyntax {
        let token = advance()
        switch token.kind {
        case let .number(v):
            return try node(.number(v), token.range)
        case let .string(text):
            return try node(.string(text), token.range)
        case let .name(name):
            if ["and", "or", "not"].contains(name) {
                throw RuleDiagnostic(token.range, "\"\(name)\" needs an operand before it; expected a number, a name or \"(\"")
            }
            guard case .leftParen = peek.kind else { return try node(.name(name), token.range) }
            return try call(name, token.range)
        case .leftParen:
            let inner = try expression()
            let close = advance()
            guard case .rightParen = close.kind else {
                throw RuleDiagnostic(close.range, "expected \")\" to close the \"(\" at column \(token.range.lower + 1), found \(close.shown)")
            }
            return inner
        default:
            throw RuleDiagnostic(token.range, "expected a number, a name or \"(\", found \(token.shown)")
        }
    }

    private mutating func call(_ name: String, _ nameRange: RuleRange) throws -> RuleSyntax {
        try enter()
        defer { nesting -= 1 }
        let open = advance()
        var arguments: [RuleSyntax] = []
        var keywords: [String?] = []
        if case .rightParen = peek.kind {
            let close = advance()
            return try node(.call(name, keywords: []), nameRange.union(close.range))
        }
        while true {
            var keyword: String?
            if case let .name(word) = peek.kind, case .assign = tokens[min(position + 1, tokens.count - 1)].kind {
                keyword = word
                _ = advance()
                _ = advance()
            }
            arguments.append(try expression())
            keywords.append(keyword)
            let separator = advance()
            switch separator.kind {
            case .comma: continue
            case .rightParen:
                return try node(.call(name, keywords: keywords), nameRange.union(separator.range), arguments)
            default:
                throw RuleDiagnostic(separator.range, "expected \",\" or \")\" in the arguments of \(name)( at column \(open.range.lower + 1), found \(separator.shown)")
            }
        }
    }
}

extension RuleDiagnostic: Error {}
