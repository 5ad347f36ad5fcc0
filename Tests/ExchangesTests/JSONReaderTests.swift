import Exchanges
import Testing

/// Hostile input never traps: every failure is an error naming the field path and what was expected.
@Suite struct JSONReaderTests {
    func read(_ text: String, _ body: (inout JSONReader) throws(JSONReadError) -> Void) throws(JSONReadError) {
        var bytes = Array(text.utf8)
        try bytes.withUnsafeMutableBufferPointer { (b) throws(JSONReadError) in
            var reader = JSONReader(UnsafeBufferPointer(b))
            try body(&reader)
            try reader.finish()
        }
    }

    @Test(arguments: [
        ("{\"a\":{\"b\":[1,2,\"x\"]}}", "a.b[2]"),
        ("{\"a\":9223372036854775808}", "a"),
        ("{\"a\":1.5}", "a"),
        ("{\"a\":\"12", "a"),
        ("{\"a\":1 \"b\":2}", ""),
    ])
    func errorsNameThePath(_ text: String, _ path: String) {
        do {
            try read(text) { (r) throws(JSONReadError) in
                try r.object { (r, key) throws(JSONReadError) in
                    if key.is("a") {
                        if r.peek() == UInt8(ascii: "{") {
                            try r.object { (r, _) throws(JSONReadError) in try r.array { (r, _) throws(JSONReadError) in _ = try r.int64() } }
                        } else { _ = try r.int64() }
                    } else { try r.skip() }
                }
            }
            Issue.record("expected an error for \(text)")
        } catch {
            #expect(error.path == path, "\(error)")
        }
    }

    @Test func deepNestingIsRefusedNotRecursed() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: JSONReadError.self) { try read(deep) { (r) throws(JSONReadError) in try r.skip() } }
    }

    @Test func numbersAndStrings() throws {
        var values: [Double] = []
        var texts: [String] = []
        try read("[\"0.30000000000000004\", -1e-7, 12, \"a\\u00e9\\ud83d\\ude00\\n\"]") { (r) throws(JSONReadError) in
            try r.array { (r, k) throws(JSONReadError) in if k < 3 { values.append(try r.number()) } else { texts.append(try r.string()) } }
        }
        #expect(values == [0.30000000000000004, -1e-7, 12])
        #expect(texts == ["aé😀\n"])
        #expect(throws: JSONReadError.self) { try read("\"NaN\"") { (r) throws(JSONReadError) in _ = try r.number() } }
        #expect(throws: JSONReadError.self) { try read("\"\u{01}\"") { (r) throws(JSONReadError) in _ = try r.string() } }
    }

    @Test func rawStringsAreComparedInPlace() throws {
        var parts: [String] = []
        var checks: [Bool] = []
        try read("[\"btcusdt@kline_1m\", \"no-at\", 5]") { (r) throws(JSONReadError) in
            try r.array { (r, k) throws(JSONReadError) in
                if k == 2 {
                    #expect(throws: JSONReadError.self) { _ = try r.rawString() }
                    try r.skip()
                    return
                }
                let name = try r.rawString()
                if let split = name.split(at: UInt8(ascii: "@")) {
                    parts += [split.before.text, split.after.text]
                    checks += [split.after.hasPrefix("kline_"), split.after.hasPrefix("kline_1m_"), split.after.is("kline_1m"),
                               split.before.is("btcusdt")]
                } else {
                    parts.append(name.text)
                }
            }
        }
        #expect(parts == ["btcusdt", "kline_1m", "no-at"])
        #expect(checks == [true, false, true, true])
    }
}
