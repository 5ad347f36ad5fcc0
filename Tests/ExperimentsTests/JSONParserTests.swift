import Foundation
import Testing
@testable import Experiments

@Suite struct JSONParserTests {
    private func parse(_ text: String) throws(JSONSyntaxError) -> JSONValue { try JSONValue.parse(Data(text.utf8)) }

    @Test func numbersReadBackExactly() throws {
        // 0.1 + 0.2 is 0x3FD3333333333334; its shortest decimal must parse to the same bits.
        #expect(try parse("0.30000000000000004") == .number(0.1 + 0.2))
        #expect(try parse("[1, -0, 1.0, 2e3, 9223372036854775807, 9223372036854775808]") == .array([
            .integer(1), .integer(0), .number(1), .number(2000), .integer(.max), .number(9_223_372_036_854_775_808),
        ]))
        #expect(try parse("5e-324") == .number(.leastNonzeroMagnitude))
    }

    @Test func stringsAndStructure() throws {
        #expect(try parse(#" {"a": [true, false, null], "b": "x\"\\\/\n\u00e9\ud83d\ude00"} "#) == .object([
            "a": .array([.bool(true), .bool(false), .null]), "b": .string("x\"\\/\né😀"),
        ]))
        #expect(try parse("{}") == .object([:]))
        #expect(try parse("[]") == .array([]))
    }

    @Test(arguments: [
        ("{\"a\": 1,}", "line 1, column 9: expected a key in double quotes, found '}'"),
        ("{\"a\": 1, \"a\": 2}", #"line 1, column 10: expected a key not used before in this object ("a" is repeated), found '"'"#),
        ("[1,\n 02]", "line 2, column 3: expected no leading zero, found '2'"),
        ("{\"a\": tru}", #"line 1, column 10: expected "true", found '}'"#),
        ("[1 2]", #"line 1, column 4: expected "," or "]", found '2'"#),
        ("\"abc", "line 1, column 5: expected a closing quote, found end of input"),
        ("1e999", "line 1, column 1: expected a number that fits in a Double, found '1'"),
        ("{} x", "line 1, column 4: expected end of input, found 'x'"),
    ])
    func syntaxErrorsNameLineAndColumn(_ text: String, _ message: String) {
        #expect(throws: JSONSyntaxError(description: message)) { try parse(text) }
    }
}
