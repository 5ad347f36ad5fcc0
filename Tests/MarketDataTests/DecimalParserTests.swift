import Testing
import Foundation
@testable import MarketData
import TestSupport

@Suite struct DecimalParserTests {
    static func parse(_ text: String) -> Double? {
        let bytes = Array(text.utf8)
        let alone = bytes.withUnsafeBufferPointer { DecimalParser.parse($0.baseAddress!, 0, $0.count) }
        // Followed by more of a row, numbers take the eight-bytes-at-a-time path: it must agree.
        let padded = bytes + Array(",1234567890123456789\n".utf8)
        let inRow = padded.withUnsafeBufferPointer { buffer -> Double? in
            let (value, stop) = DecimalParser.scan(buffer.baseAddress!, 0, buffer.count)
            return stop == bytes.count && stop > 0 ? value : nil
        }
        guard alone?.bitPattern == inRow?.bitPattern || (alone?.isNaN == true && inRow?.isNaN == true) else {
            Issue.record("\(text): alone \(String(describing: alone)) vs in a row \(String(describing: inRow))")
            return nil
        }
        return alone
    }

    /// Every number field of every bundled file must parse to the bit pattern Double(String) gives.
    @Test(arguments: ["btcusdt_1h.csv", "ethusdt_1h.csv", "btcusdt_1m.csv", "btcusdt_1d.csv", "ethusdt_1d.csv", "bnbusdt_1d.csv",
                      "xrpusdt_1d.csv", "adausdt_1d.csv", "solusdt_1d.csv", "dogeusdt_1d.csv", "trxusdt_1d.csv"])
    func matchesStandardLibraryOnBundledFile(_ name: String) throws {
        let text = try String(contentsOf: Fixtures.dataset(name), encoding: .utf8)
        let bars = try Fixtures.bars(name)   // the reader's row-at-a-time fast path
        let columns = [bars.open, bars.high, bars.low, bars.close, bars.volume]
        var checked = 0, mismatches: [String] = []
        for (row, line) in text.split(separator: "\n").dropFirst().enumerated() {
            let fields = line.split(separator: ",")
            #expect(bars.ts[row] == Int64(fields[0])!)
            for (k, field) in fields.dropFirst().enumerated() {
                let expected = Double(String(field))!
                let got = Self.parse(String(field))
                if (got?.bitPattern != expected.bitPattern || columns[k][row].bitPattern != expected.bitPattern) && mismatches.count < 5 {
                    mismatches.append(String(field))
                }
                checked += 1
            }
        }
        #expect(mismatches.isEmpty, "\(name): \(mismatches)")
        #expect(checked == 5 * bars.count)
    }

    /// Cases chosen to leave the fast path: long mantissas, halfway cases, large exponents.
    @Test(arguments: ["0", "-0.0", "0.1", "13715.65", "0.00009", "9e-05", "1e23", "1E-7", "+3.5", "9007199254740993",
                      "9007199254740992", "123456789012345678901234567890", "2.2250738585072014e-308", "4.9e-324",
                      "1.7976931348623157e308", "0.30000000000000004", "7.0e22", "1.00000000000000011102230246251565404236316680908203125",
                      "1.0000000000000001110223024625156540423631668090820312500001", "179769313486231570000000000000000000",
                      "0.000000000000000000000000000001", "12345678901234567890.123", "5.", ".5", "-.25",
                      "1234567.1234567", "12345678.5", "1.12345678", "0.0000001", "9999999.9999999", "-0", "+7", "0.1e3", "1E2"])
    func matchesStandardLibraryOnHardCases(_ text: String) {
        let expected = Double(text)!
        #expect(Self.parse(text)?.bitPattern == expected.bitPattern, "\(text)")
    }

    @Test(arguments: ["", "-", "abc", "1.2.3", "1e", "1e+", "12a", "--1", " 1", "1 ", "."])
    func rejectsNonNumbers(_ text: String) {
        #expect(Self.parse(text) == nil, "\(text)")
    }

    @Test func acceptsNaNToken() {
        #expect(Self.parse("NaN")?.isNaN == true)
        #expect(Self.parse("nan")?.isNaN == true)
    }
}
