import Testing
import Foundation
@testable import MarketData

/// The reader's row fast path (`FastRow`) runs only for rows with `FastRow.reach` bytes after
/// them, so these files are long: every row of interest is followed by plain filler rows.
/// Expected values come from `Double(String)` / `Int64(String)` and hand arithmetic.
@Suite struct FastRowTests {
    static let header = "timestamp,open,high,low,close,volume\n"
    /// Plain rows after the rows under test, so that those take the fast path when they can.
    static func filler(from ts: Int64, count: Int = 8) -> String {
        (0..<count).map { "\(ts + Int64($0) * 3_600_000),20000.5,20001.25,19999.75,20000.5,1.5\n" }.joined()
    }

    static func read(_ text: String, unit: TimeUnit = .milliseconds) throws(DataError) -> CSVBars {
        let bytes = Array(text.utf8)
        return try bytes.withUnsafeBufferPointer { (buffer) throws(DataError) -> CSVBars in
            try CSVBarReader.parse(buffer, path: "f.csv", options: CSVReadOptions(timeframe: .h1, timeUnit: unit))
        }
    }

    /// Number shapes on both sides of the fast path's limits, CRLF and LF endings and blank
    /// lines: every value must be the bit pattern `Double(String)` gives.
    @Test func everyShapeGivesTheStandardLibrarysDouble() throws {
        let shapes = ["13715.65", "0.5", "7", "0", "0.0", "1234567.1234567", "12345678.5", "1.12345678", "-3.5", "+2", "1e3",
                      "\"42.1\"", "0.000000001", "9999999.9999999", "5.", ".5", "00012.50", "0.1", "2.675", "1E-7",
                      "123456789012345678901234567890", "4503599627370497.5", "99999999", "0.30000000000000004"]
        var text = Self.header
        var expected: [[Double]] = []
        var ts: [Int64] = []
        for (k, shape) in shapes.enumerated() {
            // The shape visits each column in turn; the other columns hold ordinary values.
            var fields = ["100.25", "101.5", "99.75", "100.5", "3.25"]
            fields[k % 5] = shape
            let t = Int64(1_600_000_000_000) + Int64(k) * 3_600_000
            ts.append(t)
            text += "\(t)," + fields.joined(separator: ",") + (k % 3 == 0 ? "\r\n" : "\n") + (k % 7 == 6 ? "\n" : "")
            expected.append(fields.map { Double($0.replacingOccurrences(of: "\"", with: ""))! })
        }
        text += Self.filler(from: 1_600_000_000_000 + Int64(shapes.count) * 3_600_000)
        let bars = try Self.read(text).bars
        #expect(bars.count == shapes.count + 8)
        for row in shapes.indices {
            let got = [bars.open[row], bars.high[row], bars.low[row], bars.close[row], bars.volume[row]]
            #expect(got.map(\.bitPattern) == expected[row].map(\.bitPattern), "row \(row): \(shapes[row])")
            #expect(bars.ts[row] == ts[row])
        }
    }

    /// Integer units through the fast path: seconds × 1000, microseconds ÷ 1000 (rounded down).
    @Test func integerTimeUnits() throws {
        let seconds = Self.header + "1677628800,1,2,0.5,1.5,10\n1677632400,1,2,0.5,1.5,10\n"
            + (0..<6).map { "\(1_677_636_000 + $0 * 3600),1,2,0.5,1.5,10\n" }.joined()
        #expect(try Self.read(seconds, unit: .seconds).bars.ts.prefix(2) == [1_677_628_800_000, 1_677_632_400_000])
        let micros = Self.header + "1677628800123456,1,2,0.5,1.5,10\n1677632400999999,1,2,0.5,1.5,10\n"
            + (0..<6).map { "\(1_677_636_000_000_000 + $0 * 3_600_000_000),1,2,0.5,1.5,10\n" }.joined()
        #expect(try Self.read(micros, unit: .microseconds).bars.ts.prefix(2) == [1_677_628_800_123, 1_677_632_400_999])
    }

    /// A bad row in the middle of a long file gets the same error as anywhere else, naming its
    /// line (blank lines counted).
    @Test func badRowsAmongFastRowsNameTheirLine() {
        let good = (0..<20).map { "\(3_600_000 * Int64($0 + 1)),1,2,0.5,1.5,10\n" }.joined()
        let tail = Self.filler(from: 3_600_000 * 100)
        #expect(throws: DataError.malformed(path: "f.csv", line: 23, column: "high", expected: "a number", found: "abc")) {
            try Self.read(Self.header + good + "\n" + "90000000,1,abc,0.5,1.5,10\n" + tail)
        }
        #expect(throws: DataError.malformed(path: "f.csv", line: 22, column: "row", expected: "6 fields", found: "90000000,1,2,0.5,1.5,10,7")) {
            try Self.read(Self.header + good + "90000000,1,2,0.5,1.5,10,7\n" + tail)
        }
        #expect(throws: DataError.fieldCount(path: "f.csv", line: 22, expected: 6, found: 4)) {
            try Self.read(Self.header + good + "90000000,1,2,0.5\n" + tail)
        }
        #expect(throws: DataError.malformed(path: "f.csv", line: 22, column: "timestamp",
                                            expected: "an integer epoch-millisecond timestamp", found: "9000000x")) {
            try Self.read(Self.header + good + "9000000x,1,2,0.5,1.5,10\n" + tail)
        }
    }
}
