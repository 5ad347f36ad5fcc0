import ExchangeMocks
import Foundation
import MarketData
import Testing
import TestSupport

/// `crucible data download` and `crucible data stream` end to end against the mock exchange.
@Suite struct DataExchangeCommandTests {
    @Test func downloadStoresTheYearAndARepeatChangesNothing() async throws {
        let server = try await MockExchangeServer.start()
        defer { Task { await server.stop() } }
        let hourly = try Fixtures.bars("btcusdt_1h.csv")
        server.serve(hourly, symbol: "BTCUSDT")
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = folder.appendingPathComponent("market.sqlite").path
        let arguments = ["data", "download", "--exchange", "binance", "--symbol", "BTCUSDT", "--timeframe", "1h",
                         "--start", "2023-01-01", "--end", "2024-01-01", "--store", store, "--endpoint", server.restURL]
        let first = try await CLI.runAsync(arguments)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("8,759 bars in 9 pages") && first.stdout.contains("8,759 new"), "\(first.stdout)")
        #expect(first.stderr.isEmpty, "not a terminal: no progress line expected, got \(first.stderr)")
        let stored = try BarStore(path: store, readOnly: true).bars(symbol: "BTCUSDT", timeframe: .h1)
        #expect(stored == hourly.slice(from: TimeUnit.parseTime("2023-01-01")!, to: TimeUnit.parseTime("2024-01-01")!))
        let second = try await CLI.runAsync(arguments)
        #expect(second.status == 0 && second.stdout.contains("already stored (8,759 bars); nothing changed"), "\(second.stdout)")
    }

    @Test func downloadErrorsExitNonZero() async throws {
        let server = try await MockExchangeServer.start()
        defer { Task { await server.stop() } }
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = folder.appendingPathComponent("market.sqlite").path
        let base = ["data", "download", "--exchange", "binance", "--timeframe", "1h", "--start", "2023-01-01", "--store", store,
                    "--endpoint", server.restURL]
        let unknown = try await CLI.runAsync(base + ["--symbol", "NOPEUSDT"])
        #expect(unknown.status == 1 && unknown.stderr.contains("HTTP 400: Invalid symbol."), "\(unknown.stderr)")
        let policy = try await CLI.runAsync(base + ["--symbol", "BTCUSDT", "--policy", "sometimes"])
        #expect(policy.status == 1 && policy.stderr.contains("unknown policy \"sometimes\""), "\(policy.stderr)")
    }

    @Test func alpacaKeysAreSentButNeverPrinted() async throws {
        let server = try await MockExchangeServer.start()
        defer { Task { await server.stop() } }
        server.script([[.send([AlpacaMessagesFixture.connected]), .receive, .send([AlpacaMessagesFixture.authFailed]), .silence]])
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let environment: [String: String?] = ["APCA_API_KEY_ID": "PKTESTKEYID123", "APCA_API_SECRET_KEY": "s3cr3t-never-shown"]
        let run = try await CLI.runAsync(["data", "stream", "--exchange", "alpaca", "--symbols", "BTC/USD", "--channels", "trades",
                                          "--store", folder.appendingPathComponent("m.sqlite").path, "--endpoint", server.alpacaStreamURL,
                                          "--duration", "20"], environment: environment)
        #expect(run.status == 1 && run.stderr.contains("alpaca refused: error 402: auth failed"), "\(run.stderr)")
        #expect(!(run.stdout + run.stderr).contains("s3cr3t-never-shown") && !(run.stdout + run.stderr).contains("PKTESTKEYID123"))
        #expect(server.clientMessages.first?.contains("\"secret\":\"s3cr3t-never-shown\"") == true)
    }

    @Test func sigintDuringABatchCommitsEverythingReceived() async throws {
        let server = try await MockExchangeServer.start()
        defer { Task { await server.stop() } }
        // A steady flow of trades with ids 1, 2, 3, …: 200 bursts of 250 messages, 10 ms apart.
        var steps: [MockExchangeServer.StreamStep] = []
        for burst in 0..<200 {
            steps.append(.send((1...250).map { k in
                let id = Int64(burst * 250 + k)
                return BinanceMessages.trade(symbol: "BTCUSDT", id: id, time: 1_700_000_000_000 + id, price: 100, quantity: 1, buyerIsMaker: true)
            }))
            steps.append(.pause(.milliseconds(10)))
        }
        server.script([steps + [.silence]])
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = folder.appendingPathComponent("market.sqlite").path
        let running = try CLI.start(["data", "stream", "--exchange", "binance", "--symbols", "BTCUSDT", "--channels", "trades",
                                     "--store", store, "--endpoint", server.binanceStreamURL, "--rest-endpoint", server.restURL,
                                     "--duration", "60"])
        // Interrupt once trades are flowing (the first batches are committed).
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            try await Task.sleep(for: .milliseconds(100))
            if let count = try? BarStore(path: store, readOnly: true).trades(symbol: "BTCUSDT").count, count > 1000 { break }
        }
        running.process.interrupt()
        let run = try await running.finish()
        #expect(run.status == 0, "\(run.stderr)")
        let received = Int(run.stdout.split(separator: " ").first.map { $0.replacingOccurrences(of: ",", with: "") } ?? "") ?? -1
        let trades = try BarStore(path: store, readOnly: true).trades(symbol: "BTCUSDT")
        // Every message received before the signal is stored, once, in order: ids 1 … received.
        #expect(received > 1000 && received < 50_000, "\(run.stdout)")
        #expect(trades.map(\.seq) == (1...Int64(max(received, 1))).map { $0 })
        #expect(run.stderr.contains("signal SIGINT"))
    }

    @Test func streamStopsAfterMaxMessages() async throws {
        let server = try await MockExchangeServer.start()
        defer { Task { await server.stop() } }
        let minutes = try Fixtures.bars("btcusdt_1m.csv").slice(0..<30)
        server.script([[.send((0..<30).map { BinanceMessages.kline(minutes, $0, symbol: "BTCUSDT", closed: true) }), .silence]])
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = folder.appendingPathComponent("market.sqlite").path
        let run = try await CLI.runAsync(["data", "stream", "--exchange", "binance", "--symbols", "BTCUSDT", "--channels", "bars",
                                          "--store", store, "--endpoint", server.binanceStreamURL, "--max-messages", "30"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("30 messages, 30 records received; 30 stored"), "\(run.stdout)")
        #expect(try BarStore(path: store, readOnly: true).bars(symbol: "BTCUSDT", timeframe: .m1) == minutes)
        let both = try await CLI.runAsync(["data", "stream", "--exchange", "binance", "--symbols", "BTCUSDT", "--channels", "bars",
                                           "--duration", "5", "--max-messages", "3"])
        #expect(both.status != 0 && both.stderr.contains("not both"))
    }
}

/// Alpaca's control replies as documented (real-time crypto pricing data).
enum AlpacaMessagesFixture {
    static let connected = AlpacaMessages.connected
    static let authFailed = AlpacaMessages.error(code: 402, message: "auth failed")
}
