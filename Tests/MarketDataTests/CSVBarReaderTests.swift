import Testing
import Foundation
@testable import MarketData
import TestSupport

/// Writes `text` to a fresh temporary file named `name` and returns its path.
func temporaryFile(_ name: String, _ text: String) -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("crucible-md-\(UUID().uuidString)")
    try! FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let url = dir.appendingPathComponent(name)
    try! Data(text.utf8).write(to: url)
    return url.path
}

@Suite struct CSVBarReaderTests {
    /// Row counts and ranges come from datasets/README.md (counted independently of this code).
    @Test func readsBundledHourlyBitcoin() throws {
        let bars = try Fixtures.bars("btcusdt_1h.csv")
        #expect(bars.count == 61_246)
        #expect(bars.timeframe == .h1)
        #expect(bars.instrument.symbol == "BTCUSDT")
        #expect(bars.ts.first == 1_514_764_800_000)            // 2018-01-01T00:00Z
        #expect(bars.ts.last == 1_735_686_000_000)             // 2024-12-31T23:00Z
        #expect(bars.open[0] == 13715.65 && bars.close[0] == 13529.01)
    }

    @Test func slicesByTime() throws {
        let bars = try Fixtures.bars("btcusdt_1d.csv")
        let start: Int64 = 1_609_459_200_000                    // 2021-01-01
        let end: Int64 = 1_640_995_200_000                      // 2022-01-01
        let year = bars.slice(from: start, to: end)
        #expect(year.count == 365)
        #expect(year.ts.first == start)
    }

    @Test func malformedRowNamesFileLineAndColumn() {
        let text = "timestamp,open,high,low,close,volume\n1677628800000,2,3,1,2,5\n1677632400000,2,abc,1,2,5\n"
        #expect(throws: DataError.malformed(path: "x.csv", line: 3, column: "high", expected: "a number", found: "abc")) {
            try CSVBarReader.parse(Data(text.utf8), path: "x.csv", timeframe: .h1, instrument: Instrument(base: "BTC", quote: "USDT"))
        }
    }

    // The same two bars (2023-03-01T00:00Z and 01:00Z, per the 1m dataset's README range) in every format.
    static let expectedTs: [Int64] = [1_677_628_800_000, 1_677_632_400_000]

    @Test(arguments: [
        ("time,open,high,low,close,volume\n1677628800,1,2,0.5,1.5,10\n1677632400,1.5,2,1,1.8,11\n", TimeUnit.seconds, "header"),
        ("timestamp,open,high,low,close,volume\r\n1677628800000,1,2,0.5,1.5,10\r\n1677632400000,1.5,2,1,1.8,11\r\n", .milliseconds, "header"),
        ("open_time,open,high,low,close,volume\n2023-03-01 00:00:00+00:00,1,2,0.5,1.5,10\n2023-03-01T01:00:00Z,1.5,2,1,1.8,11\n", .iso8601, "header"),
        ("1677628800000,1,2,0.5,1.5,10\n1677632400000,1.5,2,1,1.8,11\n", .milliseconds, "plain 6-column"),
        ("1677628800000000,1,2,0.5,1.5,10,1677632399999999,100,5,1,2,0\n1677632400000000,1.5,2,1,1.8,11,1677635999999999,100,5,1,2,0\n",
         .microseconds, "Binance kline"),
        ("Volume,Close,Low,High,Open,Date,Symbol\n10,1.5,0.5,2,1,2023-03-01T00:00Z,BTC\n11,1.8,1,2,1.5,2023-03-01T01:00Z,BTC", .iso8601, "header"),
        // CryptoDataDownload's layout: a URL banner, then the first "Volume <asset>" column is the base volume.
        ("https://www.CryptoDataDownload.com\nUnix,Date,Symbol,Open,High,Low,Close,Volume BTC,Volume USDT,tradecount\n"
         + "1677628800000,2023-03-01 00:00:00,BTCUSDT,1,2,0.5,1.5,10,15,3\n1677632400000,2023-03-01 01:00:00,BTCUSDT,1.5,2,1,1.8,11,19,4\n",
         .milliseconds, "header"),
    ])
    func readsEveryFormat(_ text: String, _ unit: TimeUnit, _ layout: String) throws {
        let csv = try CSVBarReader.load(path: temporaryFile("btcusdt_x.csv", text))
        #expect(csv.timeUnit == unit)
        #expect(csv.layout.name == layout)
        #expect(csv.bars.ts == Self.expectedTs)
        #expect(csv.bars.open == [1, 1.5] && csv.bars.high == [2, 2] && csv.bars.low == [0.5, 1])
        #expect(csv.bars.close == [1.5, 1.8] && csv.bars.volume == [10, 11])
        #expect(csv.bars.timeframe == .h1)
        #expect(csv.bars.instrument.symbol == "BTCUSDT")
    }

    /// Epoch values computed independently with Python's datetime.
    @Test func parsesIsoTimestamps() {
        func ms(_ s: String) -> Int64? {
            let b = Array(s.utf8)
            return b.withUnsafeBufferPointer { TimestampParser.iso8601($0.baseAddress!, 0, $0.count) }
        }
        #expect(ms("2024-02-29T12:34:56.789Z") == 1_709_210_096_789)
        #expect(ms("1969-12-31T23:00:00") == -3_600_000)
        #expect(ms("2023-03-01T00:00:00+05:30") == 1_677_609_000_000)
        #expect(ms("2023-03-01") == 1_677_628_800_000)
        #expect(ms("2023-02-29T00:00Z") == nil)
        #expect(ms("2023-03-01T24:00Z") == nil)
        #expect(formatTimestamp(1_709_210_096_789) == "2024-02-29T12:34:56Z")
        #expect(formatTimestamp(-3_600_000) == "1969-12-31T23:00:00Z")
    }

    @Test func explicitTimeUnitResolvesAmbiguity() throws {
        let text = "timestamp,open,high,low,close,volume\n0,1,1,1,1,1\n60,1,1,1,1,1\n"
        #expect(throws: DataError.ambiguousTimeUnit(path: "t.csv", line: 2, found: "0")) {
            try CSVBarReader.parse(Data(text.utf8), path: "t.csv", timeframe: nil, instrument: Instrument(base: "A", quote: "USDT"))
        }
        let csv = try CSVBarReader.load(path: temporaryFile("t.csv", text), options: CSVReadOptions(timeUnit: .seconds))
        #expect(csv.bars.ts == [0, 60_000] && csv.bars.timeframe == .m1)
    }

    /// Export writes shortest round-trip decimals, so reading the file back gives the same bars.
    @Test func writerRoundTripsExactly() throws {
        let bars = try Fixtures.bars("ethusdt_1d.csv")
        let path = temporaryFile("ethusdt_1d.csv", "")
        try CSVBarWriter.write(bars, to: path)
        #expect(try CSVBarReader.read(path: path) == bars)
        #expect(throws: DataError.self) { try CSVBarWriter.write(bars, to: "/nonexistent-dir/x.csv") }
    }

    // MARK: Bad input: one clear error each

    static func parse(_ text: String, timeframe: Timeframe? = .h1) throws(DataError) -> CSVBars {
        let bytes = Array(text.utf8)
        return try bytes.withUnsafeBufferPointer { (buffer) throws(DataError) -> CSVBars in
            try CSVBarReader.parse(buffer, path: "bad.csv", options: CSVReadOptions(timeframe: timeframe, timeUnit: .milliseconds))
        }
    }

    @Test func badInputEachGetsOneClearError() throws {
        #expect(throws: DataError.empty(path: "bad.csv")) { try Self.parse("") }
        #expect(throws: DataError.empty(path: "bad.csv")) { try Self.parse("\n\n") }
        #expect(throws: DataError.headerOnly(path: "bad.csv")) { try Self.parse("timestamp,open,high,low,close,volume\n") }
        #expect(throws: DataError.malformed(path: "bad.csv", line: 3, column: "row",
                                            expected: "6 comma-separated fields (the last line looks truncated)", found: "7200000,1,1,1")) {
            try Self.parse("timestamp,open,high,low,close,volume\n3600000,1,1,1,1,1\n7200000,1,1,1")
        }
        #expect(throws: DataError.malformed(path: "bad.csv", line: 2, column: "close", expected: "a number", found: "twelve")) {
            try Self.parse("timestamp,open,high,low,close,volume\n3600000,1,1,1,twelve,1\n")
        }
        #expect(throws: DataError.malformed(path: "bad.csv", line: 2, column: "volume", expected: "a number, not an empty field", found: "")) {
            try Self.parse("timestamp,open,high,low,close,volume\n3600000,1,1,1,1,\n")
        }
        #expect(throws: DataError.malformed(path: "bad.csv", line: 2, column: "row", expected: "6 fields", found: "3600000,1,1,1,1,1,9")) {
            try Self.parse("timestamp,open,high,low,close,volume\n3600000,1,1,1,1,1,9\n")
        }
        #expect(throws: DataError.malformed(path: "bad.csv", line: 3, column: "timestamp",
                                            expected: "an integer epoch-millisecond timestamp", found: "2023-01-01")) {
            try Self.parse("timestamp,open,high,low,close,volume\n3600000,1,1,1,1,1\n2023-01-01,1,1,1,1,1\n")
        }
        #expect(throws: DataError.fileNotFound(path: "/nonexistent/x.csv")) { try CSVBarReader.load(path: "/nonexistent/x.csv") }
        #expect(throws: DataError.unknownTimeframe("7m")) { try Timeframe.parse("7m") }
        #expect(throws: DataError.cannotInferTimeframe(path: "bad.csv", stepMilliseconds: 7)) {
            try Self.parse("timestamp,open,high,low,close,volume\n100000000000,1,1,1,1,1\n100000000007,1,1,1,1,1\n", timeframe: nil)
        }
        let backwards = try Self.parse("timestamp,open,high,low,close,volume\n7200000,1,1,1,1,1\n\n3600000,1,1,1,1,1\n")
        #expect {
            try BarValidator.validate(backwards, policy: .fail)
        } throws: { error in
            guard case let .rejected(path, line, column, problem) = error as? DataError else { return false }
            return path == "bad.csv" && line == 4 && column == "timestamp" && problem.contains("time goes backwards")
        }
    }

    /// Long rows first, then many short ones: the capacity estimated from the first 64 KiB is
    /// too small, and the reader must count and parse again without losing a row.
    @Test func readsFilesWhoseRowsGetShorter() throws {
        var text = "timestamp,open,high,low,close,volume\n"
        var t: Int64 = 1_677_628_800_000
        for _ in 0..<700 {
            text += "\(t),12345.123456789012,12346.123456789012,12344.123456789012,12345.123456789012,1000.123456789012\n"
            t += 60_000
        }
        for _ in 0..<8_000 {
            text += "\(t),1,2,1,1,3\n"
            t += 60_000
        }
        let csv = try CSVBarReader.load(path: temporaryFile("btcusdt_1m.csv", text))
        #expect(csv.bars.count == 8_700)
        #expect(csv.bars.open[699] == 12345.123456789012 && csv.bars.volume[8_699] == 3)
        #expect(csv.bars.ts[8_699] == t - 60_000)
    }

    @Test func blankLinesKeepLineNumbersRight() throws {
        let text = "timestamp,open,high,low,close,volume\n\n3600000,1,1,1,1,1\n\n\n7200000,1,1,1,1,1\n10800000,1,1,1,1,1\n"
        let csv = try Self.parse(text)
        #expect(csv.bars.count == 3)
        #expect((0..<3).map(csv.line(ofRow:)) == [3, 6, 7])
        #expect(throws: DataError.malformed(path: "bad.csv", line: 7, column: "high", expected: "a number", found: "x")) {
            try Self.parse(text.replacingOccurrences(of: "10800000,1,1", with: "10800000,1,x"))
        }
    }
}
