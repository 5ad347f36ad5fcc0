import Testing
@testable import Experiments

@Suite struct ConstraintParserTests {
    private func holds(_ text: String, _ values: [String: Double]) throws -> Bool {
        try ConstraintParser.parse(text).isSatisfied { values[$0]! }
    }

    @Test func comparesArithmeticOfParameters() throws {
        #expect(try holds("fast < slow", ["fast": 10, "slow": 50]))
        #expect(try !holds("fast < slow", ["fast": 50, "slow": 50]))
        #expect(try holds("fast <= slow", ["fast": 50, "slow": 50]))
        // 2·10 + 5 = 25 ≤ 30 − 5 = 25.
        #expect(try holds("2 * fast + 5 <= slow - 5", ["fast": 10, "slow": 30]))
        // Precedence: 1 + 2·3 = 7, and (1 + 2)·3 = 9.
        #expect(try holds("1 + 2 * a == 7", ["a": 3]))
        #expect(try holds("(1 + 2) * a == 9", ["a": 3]))
        // −a / 2 = −1.5 > −2; 0.5e1 = 5.
        #expect(try holds("-a / 2 > -2", ["a": 3]))
        #expect(try holds("b != 0.5e1", ["b": 4]))
        #expect(try ConstraintParser.parse("take_profit >= 2*stop_loss").names == ["take_profit", "stop_loss"])
    }

    @Test(arguments: [
        ("fast", #"expected a comparison (<, <=, >, >=, ==, !=) at character 5, found end of text"#),
        ("fast < (slow", #"expected ")" at character 13, found end of text"#),
        ("fast < slow)", #"expected an operator or end of text at character 12, found ")""#),
        ("< slow", #"expected a number, a parameter name or "(" at character 1, found "<""#),
    ])
    func syntaxErrorsNameTheCharacter(_ text: String, _ message: String) {
        #expect(throws: ConstraintSyntaxError(message: message)) { try ConstraintParser.parse(text) }
    }
}
