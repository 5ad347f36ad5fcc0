import AsyncHTTPClient
import ExchangeMocks
import Foundation
import MarketData
import Paper
import Testing
import TestSupport

/// `crucible paper --feed binance:…` as a user runs it, pointed at the mock exchange on
/// 127.0.0.1: the state equals the replay command's over the same bars, across a disconnect
/// and a restart; a gap the exchange cannot fill exits non-zero naming the bar.
@Suite struct PaperLiveCommandTests {
    static let spec = "experiments/grid_sma_cross.json"
    static let point = ["--param", "fast=10", "--param", "slow=50"]
    /// 400 daily ETHUSDT bars, as the replay tests trade them.
    static let bars = try! Fixtures.bars("ethusdt_1d.csv").slice(0..<400)

    static func klines(_ range: Range<Int>) -> [String] {
        range.flatMap { i in
            [BinanceMessages.kline(bars, i, symbol: "ETHUSDT", closed: false), BinanceMessages.kline(bars, i, symbol: "ETHUSDT", closed: true)]
        }
    }

    static func live(_ server: MockExchangeServer, state: String, maxBars: Int) async throws -> CLI.Output {
        try await CLI.runAsync(["paper", spec] + point + ["--feed", "binance:ETHUSDT:1d", "--endpoint", server.binanceStreamURL,
                                                          "--rest-endpoint", server.restURL, "--state", state, "--max-bars", "\(maxBars)"])
    }

    @Test func liveWithADisconnectAndARestartEqualsTheReplay() async throws {
        let server = try await MockExchangeServer.start()
        defer { Task { await server.stop() } }
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let csv = folder.appendingPathComponent("ethusdt_1d.csv").path
        try CSVBarWriter.write(Self.bars, to: csv)
        let replay = folder.appendingPathComponent("replay.sqlite").path, live = folder.appendingPathComponent("live.sqlite").path
        let reference = try await CLI.runAsync(["paper", Self.spec] + Self.point + ["--feed", "replay:" + csv, "--state", replay])
        #expect(reference.status == 0 && reference.stdout.contains("400 new bar(s)"), "\(reference.stderr)")

        // Bars 0–149, a dropped connection, 170–249 after it (150–169 backfilled), then stopped.
        server.serve(Self.bars.slice(0..<250), symbol: "ETHUSDT")
        server.script([[.send(Self.klines(0..<150)), .close], [.send(Self.klines(170..<250)), .silence]])
        let first = try await Self.live(server, state: live, maxBars: 250)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("250 new bar(s), 250 in total"), "\(first.stdout)")
        #expect(first.stdout.contains("binance: 230 bar(s) streamed, 20 backfilled by REST in 1 gap(s)"), "\(first.stdout)")
        #expect(first.stdout.contains("decision latency over 230 live bar(s)"), "\(first.stdout)")
        // While it is down the exchange moves on to bar 349; the restart backfills 250–349.
        server.serve(Self.bars.slice(0..<350), symbol: "ETHUSDT")
        server.script([[.send(Self.klines(340..<400)), .silence]])
        let second = try await Self.live(server, state: live, maxBars: 150)
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stdout.contains("150 new bar(s), 400 in total"), "\(second.stdout)")
        #expect(second.stdout.contains("50 bar(s) streamed, 100 backfilled by REST in 1 gap(s), 10 repeat(s) dropped"), "\(second.stdout)")
        let tables = try StateFile(path: live, readOnly: true).contents()
        #expect(tables == (try StateFile(path: replay, readOnly: true).contents()))
        #expect(!(tables["fills"] ?? []).isEmpty)
    }

    @Test func anUnfillableGapExitsNonZero() async throws {
        let server = try await MockExchangeServer.start()
        defer { Task { await server.stop() } }
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let state = folder.appendingPathComponent("s.sqlite").path
        // The exchange's history ends at bar 159: bars 160–169 of the gap cannot be fetched.
        server.serve(Self.bars.slice(0..<160), symbol: "ETHUSDT")
        server.script([[.send(Self.klines(0..<150)), .close], [.send(Self.klines(170..<200)), .silence]])
        let run = try await Self.live(server, state: state, maxBars: 200)
        #expect(run.status == 1, "\(run.stdout)")
        #expect(run.stderr.contains("no bar at \(formatTimestamp(Self.bars.ts[160]))") && run.stderr.contains("would be skipped"), "\(run.stderr)")
        #expect(try StateFile(path: state, readOnly: true).progress.bars == 150)
    }

    @Test func badLiveOptionsAreRefused() async throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let state = folder.appendingPathComponent("s.sqlite").path
        let unknown = try CLI.run(["paper", Self.spec] + Self.point + ["--feed", "kraken:ETHUSDT:1d", "--state", state])
        #expect(unknown.status != 0 && unknown.stderr.contains("expected one of replay:FILE, binance:SYMBOL:INTERVAL"), "\(unknown.stderr)")
        let short = try CLI.run(["paper", Self.spec] + Self.point + ["--feed", "binance:ETHUSDT", "--state", state])
        #expect(short.status != 0 && short.stderr.contains("expected binance:SYMBOL:INTERVAL"), "\(short.stderr)")
        let speed = try CLI.run(["paper", Self.spec] + Self.point + ["--feed", "binance:ETHUSDT:1d", "--speed", "10", "--state", state])
        #expect(speed.status != 0 && speed.stderr.contains("--speed paces a replay"), "\(speed.stderr)")
        let keys = try CLI.run(["paper", Self.spec] + Self.point + ["--feed", "alpaca:BTC/USD:1m", "--state", state],
                               environment: ["APCA_API_KEY_ID": nil, "APCA_API_SECRET_KEY": nil])
        #expect(keys.status != 0 && keys.stderr.contains("APCA_API_KEY_ID"), "\(keys.stderr)")
        // Imported columns come from files: a replay reads them, a live feed refuses them before any file is made.
        let importedState = folder.appendingPathComponent("imported.sqlite").path
        let imported = try CLI.run(["paper", "experiments/rules_predictions.json", "--param", "enter_above=0.55", "--param", "exit_below=0.45",
                                    "--param", "trend=24", "--feed", "binance:BTCUSDT:1h", "--state", importedState])
        #expect(imported.status != 0 && imported.stderr.contains("imported data columns p_up"), "\(imported.stderr)")
        #expect(!FileManager.default.fileExists(atPath: importedState))
    }

    /// `POST /stop` while the run waits for the exchange's next bar ends it at once (exit 0).
    @Test func stopEndsTheWaitForTheNextBar() async throws {
        let server = try await MockExchangeServer.start()
        defer { Task { await server.stop() } }
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let state = folder.appendingPathComponent("s.sqlite").path
        server.script([[.send(Self.klines(0..<30)), .silence]])
        let running = try CLI.start(["paper", Self.spec] + Self.point
                                    + ["--feed", "binance:ETHUSDT:1d", "--endpoint", server.binanceStreamURL, "--rest-endpoint", server.restURL,
                                       "--state", state, "--listen", "127.0.0.1:0"])
        defer { if running.process.isRunning { kill(running.process.processIdentifier, SIGKILL) } }
        let port = try PaperCommandTests.listeningPort(running.folder.appendingPathComponent("stderr"))
        // The 30 bars are in once the file holds them; then the stream is silent.
        for _ in 0..<6_000 where PaperCommandTests.bars(state) < 30 { try await Task.sleep(for: .milliseconds(10)) }
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)/stop")
        request.method = .POST
        let code: Result<UInt, any Error>
        do { code = .success(try await client.execute(request, timeout: .seconds(60)).status.code) } catch { code = .failure(error) }
        try await client.shutdown()
        let output = try await running.finish()
        #expect(try code.get() == 200)
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stdout.hasPrefix("30 new bar(s), 30 in total"), "\(output.stdout)")
    }

    /// A file begun on a replay of stored bars continues on the exchange's feed of the same
    /// symbol and interval: the backfill brings it up to date, and the whole equals one replay.
    @Test func aReplaysFileContinuesLive() async throws {
        let server = try await MockExchangeServer.start()
        defer { Task { await server.stop() } }
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let stored = folder.appendingPathComponent("ethusdt_1d.csv").path
        try CSVBarWriter.write(Self.bars, to: stored)
        let whole = folder.appendingPathComponent("whole.sqlite").path, state = folder.appendingPathComponent("s.sqlite").path
        let reference = try await CLI.runAsync(["paper", Self.spec] + Self.point + ["--feed", "replay:" + stored, "--state", whole])
        #expect(reference.status == 0, "\(reference.stderr)")
        let begun = try await CLI.runAsync(["paper", Self.spec] + Self.point + ["--feed", "replay:" + stored, "--state", state, "--max-bars", "100"])
        #expect(begun.status == 0 && begun.stdout.hasPrefix("100 new bar(s)"), "\(begun.stderr)")
        server.serve(Self.bars.slice(0..<300), symbol: "ETHUSDT")
        server.script([[.send(Self.klines(290..<400)), .silence]])
        let live = try await Self.live(server, state: state, maxBars: 300)
        #expect(live.status == 0, "\(live.stderr)")
        #expect(live.stdout.contains("300 new bar(s), 400 in total"), "\(live.stdout)")
        #expect(live.stdout.contains("100 bar(s) streamed, 200 backfilled by REST in 1 gap(s), 10 repeat(s) dropped"), "\(live.stdout)")
        #expect(try StateFile(path: state, readOnly: true).contents() == StateFile(path: whole, readOnly: true).contents())
    }
}
