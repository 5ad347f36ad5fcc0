import Testing
import Foundation
@testable import MarketData
import TestSupport

@Suite struct SHA256Tests {
    /// FIPS 180-4 example vectors.
    @Test func standardVectors() {
        #expect(SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    /// Digests published in datasets/README.md by the data provider.
    @Test(arguments: [("btcusdt_1h.csv", "4e4f652ed3b9edfeb9880aad4bcd9ae37160f3290c0b3289d5c0805b8752c887"),
                      ("btcusdt_1m.csv", "4cb47bea36e5086bbc886305c7db1b88aca138441655a0f5e15c6e1a8e94ce1d"),
                      ("solusdt_1d.csv", "176863704b4c1e8a1afba4aee7da657d2669811665b74b07843f1f487b124bf0")])
    func datasetDigestsMatchTheReadme(_ name: String, _ digest: String) throws {
        let data = try Data(contentsOf: Fixtures.dataset(name))
        #expect(data.withUnsafeBytes { SHA256.hex($0) } == digest)
    }

    @Test func incrementalUpdatesGiveTheSameDigest() {
        let bytes = Array((0..<1000).map { UInt8(truncatingIfNeeded: $0 * 7) })
        var hasher = SHA256()
        for chunk in stride(from: 0, to: bytes.count, by: 37) {
            bytes[chunk..<min(chunk + 37, bytes.count)].withUnsafeBytes { hasher.update($0) }
        }
        #expect(hasher.finalize() == { var h = SHA256(); bytes.withUnsafeBytes { h.update($0) }; return h.finalize() }())
    }
}

@Suite struct BarStoreTests {
    static func freshStorePath() -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("crucible-store-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir.appendingPathComponent("market.sqlite").path
    }

    @Test func importsQueriesAndReimportsIdempotently() throws {
        let store = try BarStore(path: Self.freshStorePath())
        let file = Fixtures.dataset("btcusdt_1d.csv").path
        let first = try store.importCSV(path: file, policy: .fail)
        #expect(first.inserted == 2_101 && !first.alreadyImported)
        #expect(first.sha256 == "fc271dd88cbe92d380fee418439fd867ba01d8de130f6b514262a25c0d2494e0")   // datasets/README.md

        let again = try store.importCSV(path: file, policy: .fail)
        #expect(again.alreadyImported && again.inserted == 0)
        #expect(try store.lineage().count == 1)

        let csv = try CSVBarReader.read(path: file)
        let start: Int64 = 1_609_459_200_000, end: Int64 = 1_640_995_200_000     // calendar year 2021
        let stored = try store.bars(symbol: "BTCUSDT", timeframe: .d1, from: start, to: end)
        #expect(stored == csv.slice(from: start, to: end))
        #expect(stored.count == 365)

        let summary = try store.summary()
        #expect(summary == [BarStore.SeriesSummary(symbol: "BTCUSDT", timeframe: .d1, firstTs: csv.ts.first!, lastTs: csv.ts.last!,
                                                   rows: 2_101, filled: 0)])
        let lineage = try store.lineage()[0]
        #expect(lineage.rows == 2_101 && lineage.policy == "fail" && lineage.anomalies.contains("\"gaps\":5"))
    }

    @Test func overlappingFileWithIdenticalBarsAddsOnlyNewOnes() throws {
        let store = try BarStore(path: Self.freshStorePath())
        let lines = try String(contentsOf: Fixtures.dataset("btcusdt_1d.csv"), encoding: .utf8).split(separator: "\n")
        let a = temporaryFile("btcusdt_1d.csv", lines[0...10].joined(separator: "\n") + "\n")
        let b = temporaryFile("btcusdt_1d.csv", ([lines[0]] + lines[6...15]).joined(separator: "\n") + "\n")
        #expect(try store.importCSV(path: a).inserted == 10)
        let second = try store.importCSV(path: b)
        #expect(second.inserted == 5 && second.unchanged == 5)
        #expect(try store.summary()[0].rows == 15)
    }

    @Test func failedImportLeavesTheStoreAsItWas() throws {
        let path = Self.freshStorePath()
        let store = try BarStore(path: path)
        let header = "timestamp,open,high,low,close,volume\n"
        let good = temporaryFile("btcusdt_1h.csv", header + "1677628800000,1,2,0.5,1.5,10\n1677632400000,1.5,2,1,1.8,11\n")
        _ = try store.importCSV(path: good)
        // Same bar at 01:00 with another close, plus a new bar: the conflict must roll back the new bar too.
        let conflicting = temporaryFile("btcusdt_1h.csv", header + "1677632400000,1.5,2,1,1.9,11\n1677636000000,1.9,2,1,1.8,11\n")
        #expect(throws: DataError.self) { try store.importCSV(path: conflicting, options: CSVReadOptions(timeframe: .h1)) }
        let backwards = temporaryFile("btcusdt_1h.csv", header + "1677639600000,1,2,0.5,1.5,10\n1677636000000,1.5,2,1,1.8,11\n")
        #expect(throws: DataError.self) { try store.importCSV(path: backwards, policy: .fail) }
        #expect(try store.summary()[0].rows == 2)
        #expect(try store.lineage().count == 1)
        #expect(try store.bars(symbol: "BTCUSDT", timeframe: .h1).close == [1.5, 1.8])
    }

    @Test func unwritableStoreIsAClearError() throws {
        let notADirectory = temporaryFile("plain.txt", "x")
        #expect {
            try BarStore(path: notADirectory + "/market.sqlite")
        } throws: { error in
            guard case let .storeUnavailable(path, _) = error as? DataError else { return false }
            return path == notADirectory + "/market.sqlite"
        }
    }

    @Test func fillForwardImportFlagsFilledBars() throws {
        let store = try BarStore(path: Self.freshStorePath())
        let file = temporaryFile("ethusdt_1h.csv", "timestamp,open,high,low,close,volume\n"
                                 + "1677628800000,1,2,0.5,1.5,10\n1677632400000,1.5,2,1,1.8,11\n1677643200000,1.8,2,1,1.9,11\n")
        let outcome = try store.importCSV(path: file, policy: .fillForward)
        #expect(outcome.inserted == 5 && outcome.report.filled == 2)
        #expect(try store.summary()[0].filled == 2)
        #expect(try store.bars(symbol: "ETHUSDT", timeframe: .h1).close == [1.5, 1.8, 1.8, 1.8, 1.9])
    }

    @Test func tradesAndQuotesRoundTrip() throws {
        let store = try BarStore(path: Self.freshStorePath())
        let trades = [Trade(ts: 5, seq: 0, price: 100, size: 0.5, side: .buy), Trade(ts: 5, seq: 1, price: 100.5, size: 1, side: .sell),
                      Trade(ts: 9, price: 99, size: 2, side: .sell)]
        #expect(try store.insert(trades: trades.reversed(), symbol: "BTCUSDT") == 3)
        #expect(try store.insert(trades: trades, symbol: "BTCUSDT") == 0)
        #expect(try store.trades(symbol: "BTCUSDT") == trades)
        #expect(try store.trades(symbol: "BTCUSDT", from: 6, to: 10) == [trades[2]])
        let quotes = [Quote(ts: 1, bidPrice: 99.5, bidSize: 3, askPrice: 100.5, askSize: 2)]
        #expect(try store.insert(quotes: quotes, symbol: "BTCUSDT") == 1)
        #expect(try store.quotes(symbol: "BTCUSDT") == quotes)
    }
}
