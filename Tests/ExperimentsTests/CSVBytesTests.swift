import Foundation
import MarketData
import Testing
@testable import Experiments

/// `CSVBytes` writes ranked.csv's fields in place; each must be the text of the `String` form
/// the file is defined by (`NumberText.shortest`, `String(Int)`, RFC 4180 quoting).
@Suite struct CSVBytesTests {
    private func text(_ build: (inout CSVBytes) -> Void) -> String {
        var out = CSVBytes()
        build(&out)
        return String(decoding: out.bytes, as: UTF8.self)
    }

    @Test func numbersAreTheShortestRoundTripText() {
        var special: [Double] = [0, -0.0, 1, -1, 0.1, 0.3, 1e-4, 1e-5, 1e15, 1e16, 1e17, 9_007_199_254_740_992, 123_456.789,
                                 .leastNonzeroMagnitude, .leastNormalMagnitude, .greatestFiniteMagnitude, -.greatestFiniteMagnitude,
                                 0.1 + 0.2, 2.0 / 3, 5e-324, 1.7976931348623157e308, 4.9406564584124654e-324]
        var state: UInt64 = 17
        func next() -> UInt64 {  // SplitMix64
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        for _ in 0..<20_000 {
            let value = Double(bitPattern: next())
            if value.isFinite { special.append(value) }
            let unit = Double(next() >> 11) / Double(1 << 53) * 2 - 1
            special.append(unit * pow(10, Double(Int(next() % 17) - 8)))
        }
        for value in special {
            let written = text { $0.append(shortest: value) }
            #expect(written == NumberText.shortest(value), "\(value.bitPattern)")
            #expect(Double(written)?.bitPattern == value.bitPattern)
        }
    }

    @Test func integersAreTheirDecimalDigits() {
        for value in [0, 1, -1, 9, 10, -10, 99, 100, 1_234_567_890, Int.max, Int.min, Int.min + 1] {
            #expect(text { $0.append(value) } == String(value))
        }
        for value: UInt64 in [0, 7, 10, 18_446_744_073_709_551_615, 10_000_000_000_000_000_000] {
            #expect(text { $0.append(value) } == String(value))
        }
    }

    @Test func fieldsAreQuotedPerRFC4180() {
        #expect(text { $0.append(quoted: "plain text") } == "plain text")
        #expect(text { $0.append(quoted: "") } == "")
        #expect(text { $0.append(quoted: "a,b") } == "\"a,b\"")
        #expect(text { $0.append(quoted: "say \"hi\"") } == "\"say \"\"hi\"\"\"")
        #expect(text { $0.append(quoted: "two\nlines") } == "\"two\nlines\"")
        #expect(text { $0.append(quoted: "cr\r") } == "\"cr\r\"")
        #expect(text { $0.append(quoted: "naïve, ünïcode") } == "\"naïve, ünïcode\"")
    }
}
